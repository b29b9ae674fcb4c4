//! Where the desktop app keeps its archive, so the CLI finds the same one without `--db`.
use std::path::PathBuf;

/// The desktop app's identifier (tauri.conf.json `identifier`); Tauri's app-data folder is the
/// platform data folder joined with it.
pub const APP_IDENTIFIER: &str = "ma.arshif.desktop";

/// The archive's file name inside the app-data folder.
pub const ARCHIVE_FILE_NAME: &str = "archive.arshif";

/// The default archive: `$XDG_DATA_HOME/ma.arshif.desktop/archive.arshif` on Linux, the
/// equivalent Application Support / AppData folder elsewhere. `None` when the platform has no
/// data folder (no HOME), in which case a front end must ask for a path.
pub fn default_archive_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER).join(ARCHIVE_FILE_NAME))
}
