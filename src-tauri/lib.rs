//! The desktop shell: a Tauri 2 window over the archive engine. It owns the window, the dialogs
//! (through the UI) and the command layer; every decision about data is the engine's.
mod commands;
mod error;
mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use error::CommandError;
use state::AppState;

/// The archive path: `ARSHIF_DB` when set (tests and power users), otherwise the app-data folder,
/// the same file the CLI opens by default.
fn archive_path<R: Runtime>(app: &tauri::App<R>) -> PathBuf {
    if let Some(path) = std::env::var_os("ARSHIF_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    match app.path().app_data_dir() {
        Ok(dir) => dir.join(arshif_engine::paths::ARCHIVE_FILE_NAME),
        // No data folder (no HOME): fall back to the engine's own answer or the working folder.
        Err(_) => arshif_engine::paths::default_archive_path()
            .unwrap_or_else(|| PathBuf::from(arshif_engine::paths::ARCHIVE_FILE_NAME)),
    }
}

/// The app without its window context, generic over the runtime so that command tests can run
/// it on Tauri's mock runtime with no display.
pub fn builder<R: Runtime>() -> tauri::Builder<R> {
    tauri::Builder::<R>::new()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let state = AppState::open(archive_path(app));
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_articles,
            commands::search,
            commands::get_article,
            commands::update_article,
            commands::delete_articles,
            commands::import_files,
            commands::tag_articles,
            commands::untag_articles,
            commands::list_tags,
            commands::rename_tag,
            commands::merge_tags,
            commands::set_tag_colour,
            commands::stats,
            commands::app_info,
        ])
}

pub fn run() {
    if let Err(error) = builder::<tauri::Wry>().run(tauri::generate_context!()) {
        eprintln!("Arshif could not start: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
