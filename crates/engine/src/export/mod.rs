//! Export: a selection of articles (checked ones, or a search result) written to a file in one
//! of the formats other people and tools read.
//!
//! Each format has its own module that writes one article at a time ([`native`] is our lossless
//! JSON, [`csl`] CSL-JSON for reference managers, [`csv`] a spreadsheet); [`atomic`] makes sure a
//! destination file is either the whole export or untouched.
pub(crate) mod atomic;
pub mod csl;
pub mod csv;
pub mod native;

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Article;
use crate::search::SearchSort;
use crate::Archive;
use atomic::{io_error, AtomicFile};

/// Which articles to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// Articles the user checked, in this order. An unknown id fails the export (`not_found`).
    Ids(Vec<i64>),
    /// Every result of a search (query language of [`crate::search::query`]), in the order the
    /// search shows them, with no paging limit. The empty query selects the whole archive.
    Query {
        text: String,
        #[serde(default)]
        sort: SearchSort,
    },
}

impl Selection {
    /// Every result of `text`, ranked as the search ranks them.
    pub fn query(text: impl Into<String>) -> Selection {
        Selection::Query {
            text: text.into(),
            sort: SearchSort::default(),
        }
    }
}

/// The file formats the engine writes. (PDF lives in its own crate so that the engine never
/// compiles a typesetter.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// Our own lossless, versioned JSON (`schema: "arshif/1"`), which imports back unchanged.
    #[serde(rename = "json")]
    Json,
    /// An array of CSL-JSON items for Zotero, Pandoc, citeproc.
    #[serde(rename = "csl-json")]
    CslJson,
    /// A spreadsheet: UTF-8 with a BOM, one row per article.
    #[serde(rename = "csv")]
    Csv,
}

/// Choices that change what an export contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Native JSON only: carry each article's original file (base64) so that an import of the
    /// export into another archive loses nothing. About a third larger than the files.
    pub include_originals: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            include_originals: true,
        }
    }
}

/// Today's date (UTC, `YYYY-MM-DD`) as exports print it, from the engine's clock so that no front
/// end decides it.
pub fn export_date() -> String {
    crate::clock::now_rfc3339()[..10].to_string()
}

/// Sent after every article written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgress {
    pub done: u64,
    pub total: u64,
}

/// Whether the user asked a running export to stop. `None` is an export nobody can cancel (the
/// CLI's).
fn check_cancel(cancel: Option<&AtomicBool>) -> Result<()> {
    match cancel {
        Some(flag) if flag.load(Ordering::Relaxed) => Err(Error::Cancelled),
        _ => Ok(()),
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSummary {
    pub articles: u64,
    pub bytes: u64,
}

/// One format's writer: called once before the articles, once per article, once after.
pub(crate) trait FormatWriter {
    fn start(&mut self, out: &mut dyn Write, total: u64) -> std::io::Result<()>;
    /// `original` is the article's original file, when the options ask for it.
    fn article(
        &mut self,
        out: &mut dyn Write,
        article: &Article,
        original: Option<&[u8]>,
    ) -> std::io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl Archive {
    /// The ids a selection stands for, in export order. Ids given twice are exported once.
    pub fn selected_ids(&self, selection: &Selection) -> Result<Vec<i64>> {
        match selection {
            Selection::Ids(ids) => {
                let mut seen = std::collections::HashSet::new();
                let mut unique = Vec::with_capacity(ids.len());
                for &id in ids {
                    if seen.insert(id) {
                        if !self.article_exists(id)? {
                            return Err(Error::ArticleNotFound(id));
                        }
                        unique.push(id);
                    }
                }
                Ok(unique)
            }
            Selection::Query { text, sort } => self.search_ids(text, *sort),
        }
    }

    /// The selected articles in full, in export order, for a writer that lives outside the
    /// engine (the PDF crate lays out the whole selection at once). Refuses `out` when it is the
    /// archive itself, as [`Archive::export`] does. Setting `cancel` stops the reading between
    /// two articles with [`Error::Cancelled`].
    pub fn articles_for_export(
        &self,
        selection: &Selection,
        out: &Path,
        cancel: Option<&AtomicBool>,
    ) -> Result<Vec<Article>> {
        self.check_export_destination(out)?;
        self.selected_ids(selection)?
            .into_iter()
            .map(|id| {
                check_cancel(cancel)?;
                self.article(id)
            })
            .collect()
    }

    /// An export must never replace the archive it reads.
    fn check_export_destination(&self, out: &Path) -> Result<()> {
        let overwrites_archive = self.path.as_deref().is_some_and(|archive| {
            matches!(
                (std::fs::canonicalize(archive), std::fs::canonicalize(out)),
                (Ok(a), Ok(b)) if a == b
            )
        });
        if overwrites_archive {
            return Err(Error::InvalidInput(
                "an export cannot be written over the archive itself".into(),
            ));
        }
        Ok(())
    }

    fn article_exists(&self, id: i64) -> Result<bool> {
        let exists = self.conn.query_row(
            "SELECT count(*) > 0 FROM articles WHERE id = ?1",
            [id],
            |row| row.get(0),
        )?;
        Ok(exists)
    }

    /// Writes the selected articles to `out` in `format`. Articles are read and written one at a
    /// time, so memory stays flat however large the selection. The file appears only when it is
    /// complete: on any error (disk full, no permission, an article deleted meanwhile) nothing is
    /// left at `out` and an older file there is untouched.
    ///
    /// `cancel` is read before every article and once more before the file is renamed into
    /// place: once it is set, the export ends with [`Error::Cancelled`] and, as for any error,
    /// leaves nothing behind.
    pub fn export(
        &self,
        selection: &Selection,
        format: ExportFormat,
        out: &Path,
        options: &ExportOptions,
        progress: &mut dyn FnMut(&ExportProgress),
        cancel: Option<&AtomicBool>,
    ) -> Result<ExportSummary> {
        self.check_export_destination(out)?;
        let ids = self.selected_ids(selection)?;
        let mut writer: Box<dyn FormatWriter> = match format {
            ExportFormat::Json => Box::new(native::NativeWriter::new(*options)),
            ExportFormat::CslJson => Box::new(csl::CslWriter::default()),
            ExportFormat::Csv => Box::new(csv::CsvWriter),
        };
        let mut file = AtomicFile::create(out)?;
        let temporary = file.temporary_path().to_path_buf();
        let total = ids.len() as u64;
        writer
            .start(&mut file, total)
            .map_err(|e| io_error(&temporary, e))?;
        for (done, &id) in ids.iter().enumerate() {
            // Dropping `file` on the way out removes the temporary file.
            check_cancel(cancel)?;
            let article = self.article(id)?;
            let original = match (format, &article.provenance) {
                (ExportFormat::Json, Some(_)) if options.include_originals => {
                    Some(self.original_bytes(id)?)
                }
                _ => None,
            };
            writer
                .article(&mut file, &article, original.as_deref())
                .map_err(|e| io_error(&temporary, e))?;
            progress(&ExportProgress {
                done: done as u64 + 1,
                total,
            });
        }
        writer
            .finish(&mut file)
            .map_err(|e| io_error(&temporary, e))?;
        // A cancel that came during the last article still wins: the user was told it would.
        check_cancel(cancel)?;
        let bytes = file.commit()?;
        Ok(ExportSummary {
            articles: total,
            bytes,
        })
    }
}

/// Writes one JSON value for an article. Serializing our own structs cannot fail except through
/// the writer, so every error here is an I/O error.
pub(crate) fn write_json(out: &mut dyn Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(out, value).map_err(std::io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desktop UI sends these shapes; pin them.
    #[test]
    fn selection_and_format_json_shapes() {
        let cases = [
            (Selection::Ids(vec![3, 1]), r#"{"ids":[3,1]}"#),
            (
                Selection::query("tag:أمن"),
                r#"{"query":{"text":"tag:أمن","sort":"relevance"}}"#,
            ),
        ];
        for (selection, json) in cases {
            assert_eq!(serde_json::to_string(&selection).unwrap(), json);
            assert_eq!(serde_json::from_str::<Selection>(json).unwrap(), selection);
        }
        let formats = [ExportFormat::Json, ExportFormat::CslJson, ExportFormat::Csv];
        assert_eq!(
            serde_json::to_string(&formats).unwrap(),
            r#"["json","csl-json","csv"]"#
        );
    }
}
