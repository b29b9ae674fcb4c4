//! The records the engine reads and writes. Their JSON form is the one both front ends show:
//! the CLI prints it and the desktop UI receives it unchanged.
use serde::{Deserialize, Serialize};

/// An article as the archive holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub title: String,
    /// The article text as the source printed it (site boilerplate removed, see provenance).
    pub body: String,
    pub publication: Option<String>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub page: Option<String>,
    pub url: Option<String>,
    /// BCP 47, e.g. `ar`, `ar-MA`, `fr`.
    pub language: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The date as printed in the source, e.g. `10 غشت 2022`.
    pub date_text: Option<String>,
    /// `YYYY-MM-DD` in the Hijri calendar, where the source printed one.
    pub hijri_date: Option<String>,
    pub notes: String,
    pub tags: Vec<TagRef>,
    pub imported_at: String,
    pub modified_at: String,
    pub provenance: Option<Provenance>,
}

/// A tag as attached to an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRef {
    pub name: String,
    pub colour: Option<String>,
}

/// Where an article came from. The original bytes stay in the archive (see [`crate::Archive::original_bytes`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub file_name: String,
    pub file_path: String,
    pub sha256: String,
    pub size: u64,
    pub encoding: String,
    pub importer: String,
    /// Text cut from the file because it was site furniture, verbatim, lines joined by `\n`.
    pub boilerplate_removed: String,
}

/// One row of the library list or of a search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub publication: Option<String>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub imported_at: String,
}

/// An article about to be written; the engine assigns its id and timestamps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewArticle {
    pub title: String,
    pub body: String,
    pub publication: Option<String>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub page: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub hijri_date: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
    /// Colours for some of `tags`, given to a tag only while it has none: an import of another
    /// archive's export brings its colours along without repainting the tags this archive has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag_colours: Vec<TagRef>,
    /// Where the article came from before it reached the file being imported, when that file is
    /// an export of another archive. Importers set it; front ends never do.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// The first provenance of an article that arrives inside an export (see
/// [`NewArticle::origin`]): the loader records it as the article's provenance, and stores
/// `bytes` as the original file, instead of pointing at the export file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub provenance: Provenance,
    /// The original file, when the export carried it. Its sha256 is checked against
    /// `provenance.sha256` by the importer, so the two agree whenever both are present.
    pub bytes: Option<Vec<u8>>,
    /// When the exporting archive first received the article (RFC 3339 UTC).
    pub imported_at: Option<String>,
}

/// A change to an article's metadata: `None` leaves a field as it is. The body is not editable:
/// it is the source text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleUpdate {
    pub title: Option<String>,
    /// `Some(None)` clears the publication.
    pub publication: Option<Option<String>>,
    pub authors: Option<Vec<String>>,
    pub section: Option<Option<String>>,
    pub page: Option<Option<String>>,
    pub url: Option<Option<String>>,
    pub language: Option<Option<String>>,
    pub date: Option<Option<String>>,
    pub notes: Option<String>,
    /// The article's whole set of tags: tags not named are taken off, new names are created.
    /// Written in the same transaction as the other fields, so an edit is saved whole or not at all.
    pub tags: Option<Vec<String>>,
}

/// How the library list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Newest import first (with `descending`).
    #[default]
    Imported,
    /// Publication date; undated articles last.
    Date,
    /// Title, ignoring diacritics, letter variants and the article ال.
    Title,
}

/// One page of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub offset: u32,
    /// At most [`ListParams::MAX_LIMIT`].
    pub limit: u32,
    pub sort: SortBy,
    pub descending: bool,
}

impl ListParams {
    pub const MAX_LIMIT: u32 = 500;
}

impl Default for ListParams {
    fn default() -> Self {
        ListParams {
            offset: 0,
            limit: 100,
            sort: SortBy::Imported,
            descending: true,
        }
    }
}

/// A page of results with the total count across all pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub total: u64,
    pub items: Vec<T>,
}

/// A tag with how many articles carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    pub name: String,
    pub colour: Option<String>,
    /// Articles carrying this tag itself.
    pub count: u64,
    /// Articles carrying this tag or any tag below it in the path, each counted once: what a
    /// search `tag:"name"` finds.
    pub total: u64,
}

/// A path segment that leads to tags but is no tag of its own ("أمن" when only
/// "أمن/تعاون دولي" exists), with the articles below it, each counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagParent {
    /// The path as the tags below it spell it.
    pub name: String,
    pub total: u64,
}

/// Figures for the whole archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub articles: u64,
    pub tags: u64,
    pub publications: u64,
    /// Bytes of original files kept.
    pub original_bytes: u64,
}
