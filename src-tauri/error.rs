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
}
