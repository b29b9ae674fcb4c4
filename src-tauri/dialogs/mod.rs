//! The file dialogs, opened by the shell and never by the webview: what a dialog asks
//! ([`Request`]) and [`ask`], which shows it and returns the paths the user chose. Builds a user
//! gets show the native dialog (`native.rs`); the end-to-end tests (feature `e2e-dialogs`) and
//! the command tests answer from a queue instead (`stand_in.rs`), since neither WebDriver nor
//! Tauri's mock runtime can reach a GTK dialog.
use serde::Serialize;

#[cfg(not(any(test, feature = "e2e-dialogs")))]
mod native;
#[cfg(not(any(test, feature = "e2e-dialogs")))]
pub use native::ask;

#[cfg(any(test, feature = "e2e-dialogs"))]
pub mod stand_in;
#[cfg(any(test, feature = "e2e-dialogs"))]
pub use stand_in::ask;

/// Which dialog: the open dialog for files, folders or one file, or the save dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    OpenFiles,
    OpenFolders,
    OpenFile,
    Save,
}

/// A file type the dialog offers, under a name in the window's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Filter {
    pub name: String,
    /// Without dots; `*` is every file.
    pub extensions: Vec<String>,
}

impl Filter {
    pub fn new(name: String, extensions: &[&str]) -> Self {
        Filter {
            name,
            extensions: extensions.iter().map(|e| e.to_string()).collect(),
        }
    }
}

/// One dialog as the shell asks for it. The words come from the window (translated); the kind,
/// the file types and the offered name's form are the shell's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub kind: Kind,
    pub title: String,
    pub filters: Vec<Filter>,
    /// The save dialog's suggested name: a bare file name, never a folder (see `bare_name`).
    pub file_name: Option<String>,
}
