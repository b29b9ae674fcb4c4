//! The commands that open a file dialog from the shell and grant what the user picked (see
//! `grants.rs`), and the grant of files dropped on the window. The window sends only the words
//! the dialog shows, in its language, and a suggested file name; every path comes from the
//! dialog or the drop, never from the webview.
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::commands::ExportKind;
use crate::dialogs::{self, Filter, Kind, Request};
use crate::error::CommandError;
use crate::grants::{Grants, Picked, Purpose};

type PickResult = Result<Option<Picked>, CommandError>;

/// The words a dialog shows, translated by the window. Missing ones are empty.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DialogWords {
    pub title: String,
    /// The name of the dialog's own file type ("Article files", "Arshif archives", "PDF
    /// document").
    pub filter: String,
    /// "All files", for the open dialogs that offer every file too.
    pub all_files: String,
}

/// The files an archive may be: ours, and the SQLite names a backup may carry elsewhere.
const ARCHIVE_EXTENSIONS: &[&str] = &["arshif", "db", "sqlite"];

/// Shows the dialog and grants the answer for `purpose`; `None` when the user cancelled.
async fn pick<R: Runtime>(
    app: &AppHandle<R>,
    grants: &Grants,
    purpose: Purpose,
    request: Request,
) -> PickResult {
    let paths = dialogs::ask(app, request).await?;
    Ok((!paths.is_empty()).then(|| grants.grant(purpose, paths)))
}

/// An open dialog: the type of `extensions`, then every file.
fn open_request(kind: Kind, words: DialogWords, extensions: &[&str]) -> Request {
    Request {
        kind,
        title: words.title,
        filters: vec![
            Filter::new(words.filter, extensions),
            Filter::new(words.all_files, &["*"]),
        ],
        file_name: None,
    }
}

/// A save dialog for one file type, offering `default_name` as a bare name.
fn save_request(words: DialogWords, extension: &str, default_name: &str) -> Request {
    Request {
        kind: Kind::Save,
        title: words.title,
        filters: vec![Filter::new(words.filter, &[extension])],
        file_name: bare_name(default_name),
    }
}

/// The last component of a suggested name: the window proposes a name, never a folder.
fn bare_name(name: &str) -> Option<String> {
    Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
}

/// Article files to import.
#[tauri::command]
pub async fn pick_import_files<R: Runtime>(
    app: AppHandle<R>,
    grants: State<'_, Grants>,
    words: DialogWords,
) -> PickResult {
    let extensions = arshif_engine::import::article_extensions();
    let request = open_request(Kind::OpenFiles, words, &extensions);
    pick(&app, &grants, Purpose::Import, request).await
}

/// Folders to import whole (the engine walks them).
#[tauri::command]
pub async fn pick_import_folder<R: Runtime>(
    app: AppHandle<R>,
    grants: State<'_, Grants>,
    words: DialogWords,
) -> PickResult {
    let request = Request {
        kind: Kind::OpenFolders,
        title: words.title,
        filters: Vec::new(),
        file_name: None,
    };
    pick(&app, &grants, Purpose::Import, request).await
}

/// The file an export of `format` writes, asked after the export dialog's choices.
#[tauri::command]
pub async fn pick_export_destination<R: Runtime>(
    app: AppHandle<R>,
    grants: State<'_, Grants>,
    format: ExportKind,
    words: DialogWords,
    default_name: String,
) -> PickResult {
    let request = save_request(words, format.extension(), &default_name);
    pick(&app, &grants, Purpose::Export, request).await
}

/// The file a backup writes.
#[tauri::command]
pub async fn pick_backup_destination<R: Runtime>(
    app: AppHandle<R>,
    grants: State<'_, Grants>,
    words: DialogWords,
    default_name: String,
) -> PickResult {
    let request = save_request(words, "arshif", &default_name);
    pick(&app, &grants, Purpose::Backup, request).await
}

/// The backup to restore.
#[tauri::command]
pub async fn pick_backup_to_restore<R: Runtime>(
    app: AppHandle<R>,
    grants: State<'_, Grants>,
    words: DialogWords,
) -> PickResult {
    let request = open_request(Kind::OpenFile, words, ARCHIVE_EXTENSIONS);
    pick(&app, &grants, Purpose::Restore, request).await
}

/// Another archive to open in place of this one.
#[tauri::command]
pub async fn pick_archive_to_open<R: Runtime>(
    app: AppHandle<R>,
    grants: State<'_, Grants>,
    words: DialogWords,
) -> PickResult {
    let request = open_request(Kind::OpenFile, words, ARCHIVE_EXTENSIONS);
    pick(&app, &grants, Purpose::OpenArchive, request).await
}

/// Where a new archive goes.
#[tauri::command]
pub async fn pick_archive_to_create<R: Runtime>(
    app: AppHandle<R>,
    grants: State<'_, Grants>,
    words: DialogWords,
    default_name: String,
) -> PickResult {
    let request = save_request(words, "arshif", &default_name);
    pick(&app, &grants, Purpose::CreateArchive, request).await
}

/// Files dropped on the window (Tauri's window event, on the Rust side): granted for one import
/// and sent to the window as `files-dropped`, which imports them as it would a dialog's pick.
pub fn dropped<R: Runtime>(app: &AppHandle<R>, paths: &[PathBuf]) {
    if paths.is_empty() {
        return;
    }
    let picked = app.state::<Grants>().grant(Purpose::Import, paths.to_vec());
    // A window that cannot hear it imports nothing; the grant waits to be replaced.
    let _ = app.emit("files-dropped", picked);
}

#[cfg(test)]
mod tests {
    use super::bare_name;

    #[test]
    fn a_suggested_name_is_only_ever_a_name() {
        let cases = [
            (
                "أرشيف-تصدير-2024-05-01.json",
                Some("أرشيف-تصدير-2024-05-01.json"),
            ),
            ("../../home/user/.bashrc", Some(".bashrc")),
            ("/etc/passwd", Some("passwd")),
            ("", None),
            ("..", None),
        ];
        for (name, expected) in cases {
            assert_eq!(bare_name(name).as_deref(), expected, "{name}");
        }
    }
}
