//! The one error type that crosses into the webview: `{ "code": "...", "message": "..." }`.
//! The UI shows a translation chosen by `code`; `message` is English detail for logs.
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl From<arshif_engine::Error> for CommandError {
    fn from(error: arshif_engine::Error) -> Self {
        // Raw SQLite text stays in the message field only for errors we could not classify; the
        // UI never displays `message` to users, it shows the translated `code`.
        CommandError::new(error.code(), error.to_string())
    }
}

impl From<arshif_pdf::PdfError> for CommandError {
    fn from(error: arshif_pdf::PdfError) -> Self {
        let code = match &error {
            // Sorted as the engine sorts its own write failures, so the UI says the same thing
            // for a full disk whatever the format.
            arshif_pdf::PdfError::Io(io) => io_code(io),
            other => other.code(),
        };
        CommandError::new(code, error.to_string())
    }
}

/// The code for a failed write to a file the user chose (as the engine's `export::atomic`).
fn io_code(error: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "disk_full",
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => "no_permission",
        _ => "io",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let error = CommandError::from(arshif_engine::Error::ArticleNotFound(7));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "article 7 does not exist"})
        );
    }

    #[test]
    fn pdf_errors_keep_their_codes_and_sort_write_failures() {
        use arshif_pdf::PdfError;
        use std::io::{Error, ErrorKind};
        let cases = [
            (PdfError::NothingToExport, "nothing_to_export"),
            (PdfError::Typesetting("x".into()), "pdf_typesetting"),
            (PdfError::Cancelled, "cancelled"),
            (
                PdfError::Io(Error::from(ErrorKind::StorageFull)),
                "disk_full",
            ),
            (
                PdfError::Io(Error::from(ErrorKind::QuotaExceeded)),
                "disk_full",
            ),
            (
                PdfError::Io(Error::from(ErrorKind::PermissionDenied)),
                "no_permission",
            ),
            (
                PdfError::Io(Error::from(ErrorKind::ReadOnlyFilesystem)),
                "no_permission",
            ),
            (PdfError::Io(Error::from(ErrorKind::NotFound)), "io"),
        ];
        for (error, code) in cases {
            assert_eq!(CommandError::from(error).code, code);
        }
    }
}
