//! Import: files and folders in, articles out, with a report saying what happened to each file.
//!
//! Each format has an importer that only parses (see [`Importer`]); [`loader`] is the one place
//! that writes, deduplicates and reports.
mod boilerplate;
pub mod dates;
pub mod docx;
pub mod encoding;
mod files;
pub mod html;
pub mod json;
pub mod language;
mod loader;
pub mod markdown;
mod text_rules;
pub mod txt;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::NewArticle;

/// Why one file was not imported. The rest of the batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    EmptyFile,
    #[error("the file contains only blank space")]
    NoText,
    #[error("this is not a text file{}", .0.map(|kind| format!(" (it looks like {kind})")).unwrap_or_default())]
    BinaryFile(Option<&'static str>),
    #[error("the text encoding could not be recognised (tried UTF-8, UTF-16, windows-1256, ISO-8859-6, windows-1252)")]
    UnknownEncoding,
    #[error("the file is {size} bytes; files larger than {limit} bytes are not imported")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file could not be read: {0}")]
    Unreadable(#[source] std::io::Error),
    #[error("files of type .{0} are not supported yet")]
    UnsupportedType(String),
    #[error("the document is damaged or not what its name says: {0}")]
    CorruptDocument(String),
    #[error("the document is protected by a password")]
    EncryptedDocument,
    #[error("the document would expand to more than {limit} bytes when unpacked")]
    ExpandsTooLarge { limit: u64 },
    #[error("the document's structure is too deep or too large to read safely: {0}")]
    TooComplex(String),
    #[error("{0}")]
    InvalidJson(String),
    #[error("{0}")]
    Archive(#[from] crate::Error),
}

impl ImportError {
    /// Stable code the UI translates (see ui/js/i18n.js).
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::EmptyFile => "empty_file",
            ImportError::NoText => "no_text",
            ImportError::BinaryFile(_) => "binary_file",
            ImportError::UnknownEncoding => "unknown_encoding",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::Unreadable(_) => "unreadable",
            ImportError::UnsupportedType(_) => "unsupported_type",
            ImportError::CorruptDocument(_) => "corrupt_document",
            ImportError::EncryptedDocument => "encrypted_document",
            ImportError::ExpandsTooLarge { .. } => "expands_too_large",
            ImportError::TooComplex(_) => "too_complex",
            ImportError::InvalidJson(_) => "invalid_json",
            ImportError::Archive(error) => error.code(),
        }
    }
}

/// One article an importer found in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedArticle {
    pub article: NewArticle,
    /// Site furniture cut from the text, verbatim (kept in provenance).
    pub boilerplate_removed: String,
}

/// What an importer made of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    pub articles: Vec<ParsedArticle>,
    /// The encoding the text was read in.
    pub encoding: &'static str,
}

/// Facts about the archive that help an importer read a file (known publication names).
#[derive(Debug, Clone, Default)]
pub struct ParseContext {
    pub known_publications: Vec<String>,
}

/// One input format. Importers only parse; they never touch the archive.
pub trait Importer: Sync {
    /// Recorded in provenance, e.g. `txt`.
    fn name(&self) -> &'static str;
    /// File extensions (lower case, no dot) picked up when walking folders.
    fn extensions(&self) -> &'static [&'static str];
    /// The largest file this format reads, when it is not one article's worth
    /// ([`ImportOptions::max_file_bytes`]): an export holds many articles and their originals.
    fn max_file_bytes(&self) -> Option<u64> {
        None
    }
    fn parse(
        &self,
        bytes: &[u8],
        path: &Path,
        context: &ParseContext,
    ) -> Result<ParsedFile, ImportError>;
}

/// Runs a parser of untrusted bytes built on third-party code (an HTML tree builder, a ZIP
/// reader), turning a panic inside it into a failure of this one file: a bug triggered by one
/// strange file must not end the whole import.
pub(crate) fn contain_panics<T>(
    parse: impl FnOnce() -> Result<T, ImportError>,
) -> Result<T, ImportError> {
    // The closure owns or borrows only the file's bytes and what it builds from them; nothing it
    // could leave half-updated outlives it.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)).unwrap_or_else(|_| {
        Err(ImportError::CorruptDocument(
            "the file could not be read (the reader failed on its contents)".into(),
        ))
    })
}

/// Every importer, in the order they are asked.
const IMPORTERS: &[&dyn Importer] = &[
    &txt::TextImporter,
    &html::HtmlImporter,
    &markdown::MarkdownImporter,
    &docx::DocxImporter,
    &json::JsonImporter,
];

/// Every extension an importer reads, in the order they are asked: the article-files filter of
/// the desktop app's open dialog, so the filter never drifts from the importers.
pub fn article_extensions() -> Vec<&'static str> {
    IMPORTERS
        .iter()
        .flat_map(|importer| importer.extensions().iter().copied())
        .collect()
}

/// The importer for a file, by extension. A file chosen by name with an unknown extension (or
/// none) is tried as plain text: the text importer refuses binary content with a clear reason.
fn importer_for(path: &Path, chosen_explicitly: bool) -> Option<&'static dyn Importer> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    IMPORTERS
        .iter()
        .copied()
        .find(|importer| importer.extensions().contains(&extension.as_str()))
        .or(if chosen_explicitly {
            Some(&txt::TextImporter)
        } else {
            None
        })
}

/// Limits for one import run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// Files larger than this are refused (an article is never this large; a mislabelled video is).
    pub max_file_bytes: u64,
    /// Files written per transaction: large enough to be fast, small enough that a cancel or a
    /// crash loses little work.
    pub batch_size: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_file_bytes: 32 * 1024 * 1024,
            batch_size: 200,
        }
    }
}

/// A file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFailure {
    pub file: String,
    pub code: String,
    /// English explanation; the UI shows a translation chosen by `code`.
    pub reason: String,
}

/// A file (or article inside one) already in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateFile {
    pub file: String,
    pub existing_id: i64,
    /// `same_file` (identical bytes) or `same_text` (the same article in another file).
    pub kind: String,
}

/// An imported article that nearly repeats one already in the archive: imported, and flagged
/// for the archivist (see [`crate::Archive::near_duplicates`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicate {
    pub file: String,
    /// The article this import wrote.
    pub article_id: i64,
    /// The article it nearly repeats.
    pub other_id: i64,
    /// Estimated Jaccard similarity of the two bodies, 0.0 to 1.0.
    pub similarity: f64,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: u64,
    pub duplicates: u64,
    pub failed: Vec<ImportFailure>,
    pub imported_ids: Vec<i64>,
    pub duplicate_files: Vec<DuplicateFile>,
    /// Articles imported but flagged as near-duplicates. Absent from reports written before
    /// near-duplicates existed, hence the default.
    #[serde(default)]
    pub near_duplicates: Vec<NearDuplicate>,
    /// True when the run was cancelled; everything reported was committed.
    pub cancelled: bool,
}

/// Sent after every file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    pub done: u64,
    pub total: u64,
    pub current_file: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_reader_fails_only_its_file() {
        let panicked: Result<(), ImportError> = contain_panics(|| panic!("reader bug"));
        assert_eq!(panicked.unwrap_err().code(), "corrupt_document");
        assert_eq!(contain_panics(|| Ok(7)).unwrap(), 7);
        assert_eq!(
            contain_panics::<()>(|| Err(ImportError::NoText))
                .unwrap_err()
                .code(),
            "no_text"
        );
    }

    #[test]
    fn the_dialog_filter_lists_every_importer_s_extensions() {
        assert_eq!(
            article_extensions(),
            ["txt", "text", "html", "htm", "xhtml", "md", "markdown", "docx", "json"]
        );
    }
}
