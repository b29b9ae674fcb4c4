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
    /// The import under way, if any (one at a time).
    import: Arc<ImportControl>,
}

/// Lets the window cancel the running import, and refuses a second one while it runs.
#[derive(Debug, Default)]
pub struct ImportControl {
    running: AtomicBool,
    /// Read by the engine after every file.
    pub cancel: AtomicBool,
}

/// Marks an import as running for as long as it lives.
pub struct ImportGuard(Arc<ImportControl>);

impl ImportGuard {
    pub fn control(&self) -> &ImportControl {
        &self.0
    }
}

impl Drop for ImportGuard {
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
        }
    }

    /// Claims the import slot; `None` when an import is already running.
    pub fn start_import(&self) -> Option<ImportGuard> {
        if self.import.running.swap(true, Ordering::SeqCst) {
            return None;
        }
        self.import.cancel.store(false, Ordering::SeqCst);
        Some(ImportGuard(Arc::clone(&self.import)))
    }

    /// Asks the running import to stop after its current file; what it wrote is kept.
    /// Returns whether an import was running.
    pub fn cancel_import(&self) -> bool {
        self.import.cancel.store(true, Ordering::SeqCst);
        self.import.running.load(Ordering::SeqCst)
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
    fn one_import_at_a_time_and_cancel_reaches_it() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("a.arshif"));
        assert!(!state.cancel_import(), "nothing to cancel yet");
        let guard = state.start_import().expect("the slot is free");
        assert!(state.start_import().is_none(), "a second import must wait");
        assert!(!guard.control().cancel.load(Ordering::SeqCst));
        assert!(state.cancel_import());
        assert!(guard.control().cancel.load(Ordering::SeqCst));
        drop(guard);
        // The next import starts clean, not already cancelled.
        let next = state.start_import().expect("free again");
        assert!(!next.control().cancel.load(Ordering::SeqCst));
    }
}
