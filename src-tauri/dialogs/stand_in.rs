//! A stand-in for the native dialogs, answered from a queue: for the end-to-end tests (WebDriver
//! cannot reach a GTK dialog) and the command tests (Tauri's mock runtime has no display). It is
//! compiled only with the `e2e-dialogs` feature or in unit tests, so no build a user gets has it
//! (`make run`, `make bundle` and scripts/check-deb.sh build without the feature; check-deb looks
//! for these commands' names in the packaged binary).
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, Manager, Runtime, State};

use super::Request;
use crate::error::CommandError;
use crate::lock;

/// The answers queued for the next dialogs, and every dialog asked so far.
#[derive(Debug, Default)]
pub struct StandIn {
    answers: Mutex<VecDeque<Vec<PathBuf>>>,
    asked: Mutex<Vec<Request>>,
}

/// Answers the dialog with the oldest queued answer; with none queued, as if cancelled.
pub async fn ask<R: Runtime>(
    app: &AppHandle<R>,
    request: Request,
) -> Result<Vec<PathBuf>, CommandError> {
    let stand_in = app.state::<StandIn>();
    lock(&stand_in.asked).push(request);
    let answer = lock(&stand_in.answers).pop_front();
    Ok(answer.unwrap_or_else(|| {
        eprintln!("Arshif (stand-in dialogs): no answer queued, the dialog is cancelled");
        Vec::new()
    }))
}

/// Queues the paths the next dialog answers; none means the user cancels it.
#[tauri::command]
pub fn e2e_answer_dialog(stand_in: State<'_, StandIn>, paths: Vec<PathBuf>) {
    lock(&stand_in.answers).push_back(paths);
}

/// Every dialog asked so far, oldest first (its title, file types and offered name).
#[tauri::command]
pub fn e2e_dialogs_asked(stand_in: State<'_, StandIn>) -> Vec<Request> {
    lock(&stand_in.asked).clone()
}

/// Drops `paths` on the window as Tauri's drag-drop window event does (WebDriver cannot drag a
/// file in from outside the window).
#[tauri::command]
pub fn e2e_drop_files<R: Runtime>(app: AppHandle<R>, paths: Vec<PathBuf>) {
    crate::picks::dropped(&app, &paths);
}
