//! Our own JSON: every field of every article, its tags with their colours, its provenance and
//! (by default) its original file, so that an import of the export into another archive loses
//! nothing. The shape is versioned by its `schema` field and documented in ARCHITECTURE.md:
//!
//! ```json
//! {"schema": "arshif/1", "generator": "arshif 0.1.0", "exported_at": "2026-11-29T09:00:00Z",
//!  "count": 2, "articles": [
//! {"id": 1, "title": "…", "body": "…", …, "provenance": {…, "original_base64": "…"}},
//! {"id": 2, …}
//! ]}
//! ```
//!
//! One article per line keeps the file streamable and readable in a diff. The structs here are
//! the format itself, separate from [`crate::Article`], so a change to the engine's model cannot
//! change `arshif/1` by accident.
use std::io::Write;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::{write_json, ExportOptions, FormatWriter};
use crate::clock::now_rfc3339;
use crate::model::{Article, TagRef};

/// The `schema` value this build writes. A reader accepts `arshif/1` and refuses a higher major
/// version; fields added within version 1 are optional and unknown fields are ignored.
pub const SCHEMA: &str = "arshif/1";
/// The prefix every version of the format shares.
pub const SCHEMA_PREFIX: &str = "arshif/";

/// The opening of a native export, before its articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NativeHeader {
    pub schema: String,
    /// The program that wrote the file, for people reading it.
    #[serde(default)]
    pub generator: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub exported_at: String,
    /// How many articles follow.
    #[serde(default)]
    pub count: u64,
}

/// A whole native export, as an importer reads it. The header fields are repeated rather than
/// flattened: `#[serde(flatten)]` would buffer the whole articles array in an intermediate tree
/// before reading it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NativeFile {
    pub schema: String,
    pub articles: Vec<NativeArticle>,
}

/// One article in `arshif/1`. Every field an [`Article`] has, under the same names as
/// `arshif show --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NativeArticle {
    /// The id in the exporting archive: informative only, an importing archive assigns its own.
    #[serde(default)]
    pub id: i64,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub publication: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_text: Option<String>,
    #[serde(default)]
    pub hijri_date: Option<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<TagRef>,
    /// When the exporting archive first received the article (RFC 3339 UTC).
    #[serde(default)]
    pub imported_at: String,
    #[serde(default)]
    pub modified_at: String,
    /// `null` for an article typed in rather than imported from a file.
    #[serde(default)]
    pub provenance: Option<NativeProvenance>,
}

/// Where the article came from, with the original file when the export carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NativeProvenance {
    pub file_name: String,
    #[serde(default)]
    pub file_path: String,
    /// sha256 of the original file, lower-case hex.
    pub sha256: String,
    #[serde(default)]
    pub size: u64,
    #[serde(default)]
    pub encoding: String,
    #[serde(default)]
    pub importer: String,
    #[serde(default)]
    pub boilerplate_removed: String,
    /// The original file's bytes in standard base64 (RFC 4648, with padding). Absent when the
    /// export was made without originals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_base64: Option<String>,
}

impl NativeArticle {
    /// The format's view of an article; `original` is its file's bytes, when they travel along.
    pub fn from_article(article: &Article, original: Option<&[u8]>) -> NativeArticle {
        NativeArticle {
            id: article.id,
            title: article.title.clone(),
            body: article.body.clone(),
            publication: article.publication.clone(),
            authors: article.authors.clone(),
            section: article.section.clone(),
            page: article.page.clone(),
            url: article.url.clone(),
            language: article.language.clone(),
            date: article.date.clone(),
            date_text: article.date_text.clone(),
            hijri_date: article.hijri_date.clone(),
            notes: article.notes.clone(),
            tags: article.tags.clone(),
            imported_at: article.imported_at.clone(),
            modified_at: article.modified_at.clone(),
            provenance: article.provenance.as_ref().map(|p| NativeProvenance {
                file_name: p.file_name.clone(),
                file_path: p.file_path.clone(),
                sha256: p.sha256.clone(),
                size: p.size,
                encoding: p.encoding.clone(),
                importer: p.importer.clone(),
                boilerplate_removed: p.boilerplate_removed.clone(),
                original_base64: original
                    .map(|bytes| base64::engine::general_purpose::STANDARD.encode(bytes)),
            }),
        }
    }
}

/// Writes the header, then each article on its own line, then closes the array and object.
pub(crate) struct NativeWriter {
    options: ExportOptions,
    written: u64,
}

impl NativeWriter {
    pub(crate) fn new(options: ExportOptions) -> Self {
        NativeWriter {
            options,
            written: 0,
        }
    }
}

impl FormatWriter for NativeWriter {
    fn start(&mut self, out: &mut dyn Write, total: u64) -> std::io::Result<()> {
        let header = NativeHeader {
            schema: SCHEMA.into(),
            generator: concat!("arshif ", env!("CARGO_PKG_VERSION")).into(),
            exported_at: now_rfc3339(),
            count: total,
        };
        // The header serializes as a closed object; reopen it to append the articles array.
        let json = serde_json::to_string(&header).map_err(std::io::Error::from)?;
        let open = json.strip_suffix('}').unwrap_or(&json);
        write!(out, "{open},\"articles\":[")
    }

    fn article(
        &mut self,
        out: &mut dyn Write,
        article: &Article,
        original: Option<&[u8]>,
    ) -> std::io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        let original = original.filter(|_| self.options.include_originals);
        write_json(out, &NativeArticle::from_article(article, original))?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(b"\n]}\n")
    }
}
