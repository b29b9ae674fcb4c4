//! The desktop shell: a Tauri 2 window over the archive engine. It owns the window, the dialogs
//! (through the UI) and the command layer; every decision about data is the engine's.
mod commands;
mod error;
mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use error::CommandError;
use state::AppState;

/// The default archive: the app-data folder, the same file the CLI opens without `--db`.
fn default_archive_path<R: Runtime>(app: &tauri::App<R>) -> PathBuf {
    match app.path().app_data_dir() {
        Ok(dir) => dir.join(arshif_engine::paths::ARCHIVE_FILE_NAME),
        // No data folder (no HOME): fall back to the engine's own answer or the working folder.
        Err(_) => arshif_engine::paths::default_archive_path()
            .unwrap_or_else(|| PathBuf::from(arshif_engine::paths::ARCHIVE_FILE_NAME)),
    }
}

/// How many automatic daily backups are kept (the settings screen says the same number).
pub const DAILY_BACKUPS_KEPT: usize = 7;

/// The folder of the automatic daily backups: `backups/` beside the archive. For the default
/// archive that is the app-data folder; an archive chosen with `ARSHIF_DB` keeps its backups
/// with it, so two archives never share (and rotate away) each other's copies.
pub fn backups_folder(archive: &std::path::Path) -> PathBuf {
    match archive.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

/// The app without its window context, generic over the runtime so that command tests can run
/// it on Tauri's mock runtime with no display. `archive` overrides the default archive path;
/// `daily_backups` makes today's backup at start-up (off the main thread; tests leave it off).
pub fn builder<R: Runtime>(archive: Option<PathBuf>, daily_backups: bool) -> tauri::Builder<R> {
    /// Opens the archive and, when asked, starts today's backup on a thread of its own.
    fn open(path: PathBuf, daily_backups: bool) -> AppState {
        let state = AppState::open(path);
        if daily_backups {
            state.start_daily_backups(backups_folder(&state.db_path), DAILY_BACKUPS_KEPT);
        }
        state
    }
    let builder = tauri::Builder::<R>::new().plugin(tauri_plugin_dialog::init());
    let builder = match archive {
        // Managed now: the mock runtime of the command tests never runs `setup`.
        Some(path) => builder.manage(open(path, daily_backups)),
        None => builder.setup(move |app| {
            let path = default_archive_path(app);
            app.manage(open(path, daily_backups));
            Ok(())
        }),
    };
    builder.invoke_handler(tauri::generate_handler![
        commands::list_articles,
        commands::search,
        commands::get_article,
        commands::update_article,
        commands::delete_articles,
        commands::list_near_duplicates,
        commands::near_duplicates_of_article,
        commands::mark_not_duplicate,
        commands::import_files,
        commands::cancel_import,
        commands::tag_articles,
        commands::untag_articles,
        commands::list_tags,
        commands::rename_tag,
        commands::merge_tags,
        commands::set_tag_colour,
        commands::save_search,
        commands::list_saved_searches,
        commands::delete_saved_search,
        commands::stats,
        commands::app_info,
        commands::export_articles,
        commands::cancel_export,
        commands::export_date,
        commands::backup_archive,
        commands::restore_archive,
        commands::check_archive,
    ])
}

pub fn run() {
    // `ARSHIF_DB` picks another archive (end-to-end tests, power users), as it does for the CLI.
    let archive = std::env::var_os("ARSHIF_DB")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    if let Err(error) = builder::<tauri::Wry>(archive, true).run(tauri::generate_context!()) {
        eprintln!("Arshif could not start: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
