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

/// The app without its window context, generic over the runtime so that command tests can run
/// it on Tauri's mock runtime with no display. `archive` overrides the default archive path.
pub fn builder<R: Runtime>(archive: Option<PathBuf>) -> tauri::Builder<R> {
    let builder = tauri::Builder::<R>::new().plugin(tauri_plugin_dialog::init());
    let builder = match archive {
        Some(path) => builder.manage(AppState::open(path)),
        None => builder.setup(|app| {
            let path = default_archive_path(app);
            app.manage(AppState::open(path));
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
    ])
}

pub fn run() {
    // `ARSHIF_DB` picks another archive (end-to-end tests, power users), as it does for the CLI.
    let archive = std::env::var_os("ARSHIF_DB")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    if let Err(error) = builder::<tauri::Wry>(archive).run(tauri::generate_context!()) {
        eprintln!("Arshif could not start: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
