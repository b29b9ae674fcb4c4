//! The shell's state: the open archive, shared by commands and used off the main thread.
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use arshif_engine::{Archive, CheckReport, RestoreReport};

use crate::error::CommandError;

/// The archive, or why it could not be opened (a newer schema, not an archive, no permission).
/// The app still starts when opening fails, so the window can say what is wrong.
pub struct AppState {
    pub db_path: PathBuf,
    archive: Arc<Mutex<Result<Archive, CommandError>>>,
    /// The import (or restore) under way, if any (one at a time).
    import: Arc<JobControl>,
    /// The export under way, if any (one at a time: the export dialog is modal).
    export: Arc<JobControl>,
}

/// Lets the window cancel a long job (an import, an export), and refuses a second one of the
/// same kind while it runs.
#[derive(Debug, Default)]
pub struct JobControl {
    running: AtomicBool,
    /// Read by the engine between files (import) or articles (export).
    pub cancel: AtomicBool,
}

impl JobControl {
    /// Claims the slot; `None` when a job of this kind is already running.
    fn start(self: &Arc<Self>) -> Option<JobGuard> {
        if self.running.swap(true, Ordering::SeqCst) {
            return None;
        }
        self.cancel.store(false, Ordering::SeqCst);
        Some(JobGuard(Arc::clone(self)))
    }

    /// Asks the running job to stop. Returns whether one was running.
    fn request_cancel(&self) -> bool {
        self.cancel.store(true, Ordering::SeqCst);
        self.running.load(Ordering::SeqCst)
    }
}

/// Marks a job as running for as long as it lives.
pub struct JobGuard(Arc<JobControl>);

impl JobGuard {
    pub fn control(&self) -> &JobControl {
        &self.0
    }

    /// The control, for work that runs on another thread while this guard stays with the
    /// command (the slot is freed when the command returns, even if that work goes on).
    pub fn shared(&self) -> Arc<JobControl> {
        Arc::clone(&self.0)
    }
}

impl Drop for JobGuard {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

impl AppState {
    pub fn open(db_path: PathBuf) -> Self {
        let archive = Archive::open(&db_path).map_err(CommandError::from);
        AppState {
            db_path,
            archive: Arc::new(Mutex::new(archive)),
            import: Arc::default(),
            export: Arc::default(),
        }
    }

    /// Claims the import slot; `None` when an import is already running.
    pub fn start_import(&self) -> Option<JobGuard> {
        self.import.start()
    }

    /// Asks the running import to stop after its current file; what it wrote is kept.
    /// Returns whether an import was running.
    pub fn cancel_import(&self) -> bool {
        self.import.request_cancel()
    }

    /// Claims the export slot; `None` when an export is already running.
    pub fn start_export(&self) -> Option<JobGuard> {
        self.export.start()
    }

    /// Asks the running export to stop; it writes nothing. Returns whether one was running.
    pub fn cancel_export(&self) -> bool {
        self.export.request_cancel()
    }

    /// Runs `work` on a connection of its own, off the main thread: for long work (an import,
    /// an export) that should leave the shared archive free, so the window keeps searching and
    /// reading meanwhile (SQLite's WAL lets readers see each batch as it commits).
    pub async fn with_own_connection<T, F>(&self, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Archive) -> Result<T, CommandError> + Send + 'static,
    {
        // The shared archive says why the file is unusable (newer version, not an archive).
        self.with_archive(|_| Ok(())).await?;
        let path = self.db_path.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut archive = Archive::open(&path)?;
            work(&mut archive)
        })
        .await
        .map_err(|e| CommandError::new("internal", format!("background task failed: {e}")))?
    }

    /// Replaces the archive file with the backup at `source` and reopens it, off the main
    /// thread and under the archive's lock, so no command sees it half-way. Works too when the
    /// archive could not be opened at start-up (damaged, not an archive): that is when a backup
    /// is needed most. On failure the archive is reopened as it was.
    pub async fn restore(&self, source: PathBuf) -> Result<RestoreReport, CommandError> {
        let archive = Arc::clone(&self.archive);
        let db_path = self.db_path.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = archive
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let result = match guard.as_mut() {
                Ok(open) => open.restore(&source),
                Err(_) => Archive::restore_file(&db_path, &source),
            };
            // The engine reopens the archive itself; after a failure it may hold an empty
            // in-memory archive instead, and a file that could not open before may open now.
            if result.is_err() || guard.is_err() {
                *guard = Archive::open(&db_path).map_err(CommandError::from);
            }
            Ok(result?)
        })
        .await
        .map_err(|e| CommandError::new("internal", format!("background task failed: {e}")))?
    }

    /// The archive's health. An archive that could not be opened at start-up (damaged) is checked
    /// as a file, without opening it as an archive, so the window can still say what is wrong.
    pub async fn check(&self) -> Result<CheckReport, CommandError> {
        let archive = Arc::clone(&self.archive);
        let db_path = self.db_path.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let guard = archive
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let report = match guard.as_ref() {
                Ok(open) => open.check(),
                Err(_) => Archive::check_file(&db_path),
            };
            Ok(report?)
        })
        .await
        .map_err(|e| CommandError::new("internal", format!("background task failed: {e}")))?
    }

    /// Makes today's backup in `folder` and keeps the newest `keep`, on a thread of its own with
    /// a connection of its own, so the window opens without waiting. Failures only go to stderr:
    /// a missed daily backup must not stop anyone from working.
    pub fn start_daily_backups(&self, folder: PathBuf, keep: usize) {
        let path = self.db_path.clone();
        let spawned = std::thread::Builder::new()
            .name("daily-backup".into())
            .spawn(move || {
                let result = Archive::open(&path).and_then(|a| a.rotate_backups(&folder, keep));
                if let Err(error) = result {
                    eprintln!(
                        "Arshif: the daily backup into {} failed [{}]: {error}",
                        folder.display(),
                        error.code()
                    );
                }
            });
        if let Err(error) = spawned {
            eprintln!("Arshif: could not start the daily backup: {error}");
        }
    }

    /// Runs `work` on the archive on a blocking thread, so the UI thread never waits on SQLite.
    pub async fn with_archive<T, F>(&self, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Archive) -> Result<T, CommandError> + Send + 'static,
    {
        let archive = Arc::clone(&self.archive);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command poisoned the lock; the archive itself is still
            // consistent (SQLite rolled back the unfinished transaction), so carry on.
            let mut guard = archive
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match guard.as_mut() {
                Ok(archive) => work(archive),
                Err(error) => Err(error.clone()),
            }
        })
        .await
        .map_err(|e| CommandError::new("internal", format!("background task failed: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_job_of_a_kind_at_a_time_and_cancel_reaches_it() {
        type Start = fn(&AppState) -> Option<JobGuard>;
        type Cancel = fn(&AppState) -> bool;
        let kinds: [(&str, Start, Cancel); 2] = [
            ("import", AppState::start_import, AppState::cancel_import),
            ("export", AppState::start_export, AppState::cancel_export),
        ];
        for (kind, start, cancel) in kinds {
            let dir = tempfile::tempdir().unwrap();
            let state = AppState::open(dir.path().join("a.arshif"));
            assert!(!cancel(&state), "{kind}: nothing to cancel yet");
            let guard = start(&state).expect("the slot is free");
            assert!(start(&state).is_none(), "{kind}: a second one must wait");
            assert!(!guard.control().cancel.load(Ordering::SeqCst));
            assert!(cancel(&state));
            assert!(guard.control().cancel.load(Ordering::SeqCst), "{kind}");
            drop(guard);
            // The next one starts clean, not already cancelled.
            let next = start(&state).expect("free again");
            assert!(!next.control().cancel.load(Ordering::SeqCst), "{kind}");
        }
    }

    #[test]
    fn an_import_and_an_export_run_side_by_side() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("a.arshif"));
        let import = state.start_import().expect("import slot");
        let export = state.start_export().expect("the export slot is its own");
        // Stopping the export leaves the import alone.
        assert!(state.cancel_export());
        assert!(!import.control().cancel.load(Ordering::SeqCst));
        assert!(export.control().cancel.load(Ordering::SeqCst));
    }
}
