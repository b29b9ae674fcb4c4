//! The shell's state: the open archive, shared by commands and used off the main thread, and
//! the switch to another archive.
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use arshif_engine::{Archive, CheckReport, RestoreReport};
use serde::Serialize;

use crate::error::CommandError;
use crate::settings::{self, ArchiveNotice, ArchiveSource, Places, Startup};

/// The archive, or why it could not be opened (a newer schema, not an archive, no permission).
/// The app still starts when opening fails, so the window can say what is wrong.
pub struct AppState {
    current: Arc<Mutex<Current>>,
    /// The import under way, if any (one at a time). A restore and a switch of archive claim
    /// the same slot, so none of the three runs beside another.
    import: Arc<JobControl>,
    /// The export under way, if any (one at a time: the export dialog is modal). Claimed under
    /// the archive's lock, so a switch that finds it free knows that every later export reads
    /// the archive it switched to.
    export: Arc<JobControl>,
    places: Places,
    /// Whether a switch makes the new archive's daily backup (off in tests).
    daily_backups: bool,
    /// Said once to the window at start-up (`take_notice`).
    notice: Mutex<Option<ArchiveNotice>>,
}

/// The open archive and its file. They change together, under one lock, so no command ever
/// sees one archive's connection with another's path.
struct Current {
    path: PathBuf,
    archive: Result<Archive, CommandError>,
    /// Opened through `ARSHIF_DB` (until the user switches).
    from_environment: bool,
}

/// Where the window's archive lives, for the settings screen.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub source: ArchiveSource,
    pub default_path: PathBuf,
}

/// What the window asked to open in place of the current archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An archive file that exists ("Open another archive…").
    Existing,
    /// A new, empty archive where no file is yet ("New archive…").
    New,
    /// The default archive: opened if it is there, created if not.
    Default,
}

/// What a switch did, for the window's notice.
#[derive(Debug, Clone, Serialize)]
pub struct Switched {
    pub path: PathBuf,
    pub articles: u64,
    /// False when the settings file could not be written: the archive is open, but the next
    /// start will open the previous choice.
    pub remembered: bool,
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
        self.is_running()
    }

    fn is_running(&self) -> bool {
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

/// A failed background task, as the window sees it.
fn task_failed(error: impl std::fmt::Display) -> CommandError {
    CommandError::new("internal", format!("background task failed: {error}"))
}

impl AppState {
    /// Opens the archive chosen at start-up and, when `daily_backups`, starts today's backup.
    pub fn open(startup: Startup, places: Places, daily_backups: bool) -> Self {
        let archive = Archive::open(&startup.archive).map_err(CommandError::from);
        let state = AppState {
            current: Arc::new(Mutex::new(Current {
                path: startup.archive.clone(),
                archive,
                from_environment: startup.source == ArchiveSource::Environment,
            })),
            import: Arc::default(),
            export: Arc::default(),
            places,
            daily_backups,
            notice: Mutex::new(startup.notice),
        };
        if daily_backups {
            start_daily_backups(startup.archive);
        }
        state
    }

    /// The notice for the window at start-up, once: later calls get `None`.
    pub fn take_notice(&self) -> Option<ArchiveNotice> {
        crate::lock(&self.notice).take()
    }

    pub fn default_archive(&self) -> PathBuf {
        self.places.default_archive.clone()
    }

    /// Where the open archive lives and why it is that one.
    pub async fn location(&self) -> Result<Location, CommandError> {
        let places = self.places.clone();
        self.with_current(move |current| {
            let source = if current.from_environment {
                ArchiveSource::Environment
            } else {
                settings::source_of(&current.path, &places)
            };
            Ok(Location {
                path: current.path.clone(),
                source,
                default_path: places.default_archive,
            })
        })
        .await
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

    /// Claims the export slot until the guard drops (`export_running` while another export
    /// runs); the archive does not switch meanwhile.
    pub async fn start_export(&self) -> Result<JobGuard, CommandError> {
        let export = Arc::clone(&self.export);
        // Under the archive's lock: see `export`.
        self.with_current(move |_| {
            export
                .start()
                .ok_or_else(|| CommandError::new("export_running", "an export is already running"))
        })
        .await
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
        let path = self
            .with_current(|current| {
                current.archive.as_ref().map_err(Clone::clone)?;
                Ok(current.path.clone())
            })
            .await?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut archive = Archive::open(&path)?;
            work(&mut archive)
        })
        .await
        .map_err(task_failed)?
    }

    /// Puts the archive at `target` in place of the open one, without a restart. Refused while
    /// an import, an export or a restore runs (`archive_busy`). The new file is checked before
    /// anything changes (`archive_missing`, `archive_exists`, `not_an_archive`,
    /// `newer_database`…) and opened off the lock, so the window keeps working meanwhile; on any
    /// failure the open archive stays as it was. Caches (ranking, facets) belong to the engine's
    /// `Archive` value, so they go with the old one. The choice is remembered for the next start,
    /// and the new archive gets its daily backup in its own `backups/` folder.
    pub async fn switch(&self, path: PathBuf, target: Target) -> Result<Switched, CommandError> {
        let busy = || {
            CommandError::new(
                "archive_busy",
                "an import, an export or a restore is running",
            )
        };
        let _slot = self.start_import().ok_or_else(busy)?;
        if self.export.is_running() {
            return Err(busy());
        }
        let (opened, articles) = {
            let path = path.clone();
            tauri::async_runtime::spawn_blocking(move || {
                let archive = open_target(&path, target)?;
                let articles = archive.stats().map_err(CommandError::from)?.articles;
                Ok::<_, CommandError>((archive, articles))
            })
            .await
            .map_err(task_failed)??
        };
        let export = Arc::clone(&self.export);
        let new_path = path.clone();
        let old = self
            .with_current(move |current| {
                if export.is_running() {
                    // An export began while the file was opened: it keeps the archive it
                    // started on, and a new archive made for nothing goes again.
                    drop(opened);
                    if target == Target::New {
                        remove_archive_files(&new_path);
                    }
                    return Err(busy());
                }
                let new = Current {
                    path: new_path,
                    archive: Ok(opened),
                    from_environment: false,
                };
                Ok(std::mem::replace(current, new))
            })
            .await?;
        // The old connection closes here, off the lock.
        drop(old);
        let remembered = settings::remember(&path, &self.places)
            .inspect_err(|error| {
                eprintln!(
                    "Arshif: could not remember the archive in {}: {error}",
                    self.places.settings_file.display()
                )
            })
            .is_ok();
        if self.daily_backups {
            start_daily_backups(path.clone());
        }
        Ok(Switched {
            path,
            articles,
            remembered,
        })
    }

    /// Replaces the archive file with the backup at `source` and reopens it, off the main
    /// thread and under the archive's lock, so no command sees it half-way. Works too when the
    /// archive could not be opened at start-up (damaged, not an archive): that is when a backup
    /// is needed most. On failure the archive is reopened as it was.
    pub async fn restore(&self, source: PathBuf) -> Result<RestoreReport, CommandError> {
        self.with_current(move |current| {
            let result = match current.archive.as_mut() {
                Ok(open) => open.restore(&source),
                Err(_) => Archive::restore_file(&current.path, &source),
            };
            // The engine reopens the archive itself; after a failure it may hold an empty
            // in-memory archive instead, and a file that could not open before may open now.
            if result.is_err() || current.archive.is_err() {
                current.archive = Archive::open(&current.path).map_err(CommandError::from);
            }
            Ok(result?)
        })
        .await
    }

    /// The archive's health. An archive that could not be opened at start-up (damaged) is checked
    /// as a file, without opening it as an archive, so the window can still say what is wrong.
    pub async fn check(&self) -> Result<CheckReport, CommandError> {
        self.with_current(|current| {
            let report = match current.archive.as_ref() {
                Ok(open) => open.check(),
                Err(_) => Archive::check_file(&current.path),
            };
            Ok(report?)
        })
        .await
    }

    /// Runs `work` on the archive on a blocking thread, so the UI thread never waits on SQLite.
    pub async fn with_archive<T, F>(&self, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Archive) -> Result<T, CommandError> + Send + 'static,
    {
        self.with_current(|current| match current.archive.as_mut() {
            Ok(archive) => work(archive),
            Err(error) => Err(error.clone()),
        })
        .await
    }

    /// Runs `work` on the open archive and its path, under the lock, on a blocking thread.
    async fn with_current<T, F>(&self, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Current) -> Result<T, CommandError> + Send + 'static,
    {
        let current = Arc::clone(&self.current);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command poisoned the lock; the archive itself is still
            // consistent (SQLite rolled back the unfinished transaction), so carry on.
            let mut guard = current
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut guard)
        })
        .await
        .map_err(task_failed)?
    }
}

/// Checks and opens the archive a switch asked for. Nothing is created or changed unless it is
/// a new archive, and a new archive that fails half-way is removed again.
fn open_target(path: &Path, target: Target) -> Result<Archive, CommandError> {
    let exists = path.exists();
    match target {
        Target::Existing if !exists => {
            return Err(CommandError::new(
                "archive_missing",
                format!("{} does not exist", path.display()),
            ))
        }
        Target::New if exists => {
            return Err(CommandError::new(
                "archive_exists",
                format!("{} already exists", path.display()),
            ))
        }
        Target::Existing | Target::Default if exists => Archive::check_openable(path)?,
        _ => {}
    }
    Archive::open(path).map_err(|error| {
        if !exists {
            remove_archive_files(path);
        }
        CommandError::from(error)
    })
}

/// Removes an archive this switch created, with its write-ahead log and shared memory.
fn remove_archive_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

/// Makes today's backup of the archive at `path` into `backups/` beside it and keeps the newest
/// few, on a thread of its own with a connection of its own, so the window does not wait.
/// Failures only go to stderr: a missed daily backup must not stop anyone from working.
fn start_daily_backups(path: PathBuf) {
    let folder = crate::backups_folder(&path);
    let spawned = std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            let result = Archive::open(&path)
                .and_then(|a| a.rotate_backups(&folder, crate::DAILY_BACKUPS_KEPT));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn open_state(dir: &Path) -> AppState {
        let path = dir.join("a.arshif");
        let startup = Startup {
            archive: path.clone(),
            source: ArchiveSource::Environment,
            notice: None,
        };
        let places = Places {
            default_archive: path,
            settings_file: dir.join("settings.json"),
        };
        AppState::open(startup, places, false)
    }

    fn start_export_now(state: &AppState) -> Option<JobGuard> {
        tauri::async_runtime::block_on(state.start_export()).ok()
    }

    #[test]
    fn one_job_of_a_kind_at_a_time_and_cancel_reaches_it() {
        type Start = fn(&AppState) -> Option<JobGuard>;
        type Cancel = fn(&AppState) -> bool;
        let kinds: [(&str, Start, Cancel); 2] = [
            ("import", AppState::start_import, AppState::cancel_import),
            ("export", start_export_now, AppState::cancel_export),
        ];
        for (kind, start, cancel) in kinds {
            let dir = tempfile::tempdir().unwrap();
            let state = open_state(dir.path());
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
        let state = open_state(dir.path());
        let import = state.start_import().expect("import slot");
        let export = start_export_now(&state).expect("the export slot is its own");
        // Stopping the export leaves the import alone.
        assert!(state.cancel_export());
        assert!(!import.control().cancel.load(Ordering::SeqCst));
        assert!(export.control().cancel.load(Ordering::SeqCst));
    }
}
