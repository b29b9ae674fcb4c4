//! The shell's state: the open archive, shared by commands and used off the main thread.
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use arshif_engine::Archive;

use crate::error::CommandError;

/// The archive, or why it could not be opened (a newer schema, not an archive, no permission).
/// The app still starts when opening fails, so the window can say what is wrong.
pub struct AppState {
    pub db_path: PathBuf,
    archive: Arc<Mutex<Result<Archive, CommandError>>>,
}

impl AppState {
    pub fn open(db_path: PathBuf) -> Self {
        let archive = Archive::open(&db_path).map_err(CommandError::from);
        AppState {
            db_path,
            archive: Arc::new(Mutex::new(archive)),
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
