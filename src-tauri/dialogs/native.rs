//! The native dialogs, through the dialog plugin's Rust API (`DialogExt`). The plugin shows them
//! on the main thread itself; the command waits for the answer on the async runtime, so neither
//! the main thread nor a runtime worker blocks.
use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, FilePath};

use super::{Kind, Request};
use crate::error::CommandError;

/// Shows the dialog over the main window and returns what the user chose; empty when they
/// cancelled.
pub async fn ask<R: Runtime>(
    app: &AppHandle<R>,
    request: Request,
) -> Result<Vec<PathBuf>, CommandError> {
    let mut dialog = app.dialog().file().set_title(request.title);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    for filter in &request.filters {
        let extensions: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(&filter.name, &extensions);
    }
    if let Some(name) = request.file_name {
        dialog = dialog.set_file_name(name);
    }
    let (answer, chosen) = tokio::sync::oneshot::channel::<Option<Vec<FilePath>>>();
    // A command that stopped waiting cannot be answered; the dialog has closed all the same.
    let reply = move |paths: Option<Vec<FilePath>>| {
        let _ = answer.send(paths);
    };
    match request.kind {
        Kind::OpenFiles => dialog.pick_files(reply),
        Kind::OpenFolders => dialog.pick_folders(reply),
        Kind::OpenFile => dialog.pick_file(move |path| reply(path.map(|p| vec![p]))),
        Kind::Save => dialog.save_file(move |path| reply(path.map(|p| vec![p]))),
    }
    // A dialog that went away without answering (the window closed) counts as cancelled.
    let chosen = chosen.await.ok().flatten().unwrap_or_default();
    chosen
        .into_iter()
        .map(|path| {
            path.into_path()
                .map_err(|e| CommandError::new("internal", format!("not a file path: {e}")))
        })
        .collect()
}
