//! The desktop shell: a Tauri 2 window over the archive engine. It owns the window, the file
//! dialogs (opened from Rust, so no path a command uses comes from the webview) and the command
//! layer; every decision about data is the engine's.
mod commands;
mod dialogs;
mod error;
mod grants;
mod picks;
mod reveal;
mod settings;
mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use error::CommandError;
pub use settings::Places;
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
/// archive that is the app-data folder; an archive chosen in the settings or with `ARSHIF_DB`
/// keeps its backups with it, so two archives never share (and rotate away) each other's copies.
pub fn backups_folder(archive: &std::path::Path) -> PathBuf {
    match archive.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

/// The app's folders as Tauri knows them: the default archive in the app-data folder, the
/// settings file in the app-config folder (beside the default archive when there is none).
fn app_places<R: Runtime>(app: &tauri::App<R>) -> Places {
    let default_archive = default_archive_path(app);
    let settings_file = match app.path().app_config_dir() {
        Ok(dir) => dir.join("settings.json"),
        Err(_) => default_archive.with_file_name("settings.json"),
    };
    Places {
        default_archive,
        settings_file,
    }
}

/// How the app starts.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// `ARSHIF_DB`: this archive for this run, over the remembered choice.
    pub archive: Option<PathBuf>,
    /// The default archive and the settings file; `None` asks Tauri for the app's folders when
    /// the app is set up. The command tests pass them: Tauri's mock runtime never runs setup.
    pub places: Option<Places>,
    /// Make today's backup at start-up and after a switch (off the main thread; tests leave it
    /// off).
    pub daily_backups: bool,
}

/// The app without its window context, generic over the runtime so that command tests can run
/// it on Tauri's mock runtime with no display.
pub fn builder<R: Runtime>(launch: Launch) -> tauri::Builder<R> {
    let Launch {
        archive,
        places,
        daily_backups,
    } = launch;
    let open = move |places: Places| {
        let startup = settings::choose_archive(archive, &places);
        AppState::open(startup, places, daily_backups)
    };
    // The dialog plugin serves the shell's `DialogExt` only: the window has no dialog permission.
    let builder = tauri::Builder::<R>::new()
        .plugin(tauri_plugin_dialog::init())
        .manage(grants::Grants::default())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                picks::dropped(window.app_handle(), paths);
            }
        });
    #[cfg(any(test, feature = "e2e-dialogs"))]
    let builder = builder.manage(dialogs::stand_in::StandIn::default());
    let builder = match places {
        Some(places) => builder.manage(open(places)),
        None => builder.setup(move |app| {
            let places = app_places(app);
            app.manage(open(places));
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
        commands::list_tag_parents,
        commands::suggest_tags,
        commands::list_publications,
        commands::rename_tag,
        commands::merge_tags,
        commands::set_tag_colour,
        commands::create_tag,
        commands::delete_tag,
        commands::match_tags,
        commands::save_search,
        commands::list_saved_searches,
        commands::delete_saved_search,
        commands::stats,
        commands::app_info,
        commands::take_archive_notice,
        commands::open_archive,
        commands::create_archive,
        commands::open_default_archive,
        commands::show_archive_folder,
        commands::export_articles,
        commands::cancel_export,
        commands::export_date,
        commands::backup_archive,
        commands::restore_archive,
        commands::check_archive,
        picks::pick_import_files,
        picks::pick_import_folder,
        picks::pick_export_destination,
        picks::pick_backup_destination,
        picks::pick_backup_to_restore,
        picks::pick_archive_to_open,
        picks::pick_archive_to_create,
        #[cfg(any(test, feature = "e2e-dialogs"))]
        dialogs::stand_in::e2e_answer_dialog,
        #[cfg(any(test, feature = "e2e-dialogs"))]
        dialogs::stand_in::e2e_dialogs_asked,
        #[cfg(any(test, feature = "e2e-dialogs"))]
        dialogs::stand_in::e2e_drop_files,
    ])
}

/// Locks `mutex` even if a thread panicked while holding it: every value the shell keeps behind
/// one is changed in a single step, so it is never left half-changed.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn run() {
    // `ARSHIF_DB` picks another archive (end-to-end tests, power users), as it does for the CLI.
    let archive = std::env::var_os("ARSHIF_DB")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let launch = Launch {
        archive,
        places: None,
        daily_backups: true,
    };
    if let Err(error) = builder::<tauri::Wry>(launch).run(tauri::generate_context!()) {
        eprintln!("Arshif could not start: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
