//! The Arshif archive engine: one SQLite file per archive, holding articles with their original
//! files, tags and a full-text index, plus the importers and search that fill and read it.
//!
//! Both front ends (the desktop shell and the `arshif` command-line tool) are thin layers over
//! [`Archive`]. Nothing in this crate knows about Tauri, GTK or WebKit.

pub mod analysis;
mod articles;
pub mod backup;
mod clock;
mod db;
mod error;
pub mod export;
pub mod import;
mod keys;
mod model;
pub mod near_duplicates;
pub mod paths;
mod publications;
mod saved_searches;
pub mod search;
mod stats;
mod tags;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use backup::check::{BrokenLink, CheckReport};
pub use backup::rotate::RotationReport;
pub use backup::RestoreReport;
pub use db::SCHEMA_VERSION;
pub use error::{Error, Result};
pub use export::{ExportFormat, ExportOptions, ExportProgress, ExportSummary, Selection};
pub use import::{ImportFailure, ImportOptions, ImportProgress, ImportReport, NearDuplicate};
pub use model::{
    Article, ArticleSummary, ArticleUpdate, ListParams, NewArticle, Origin, Page, Provenance,
    SortBy, Stats, TagCount, TagParent, TagRef,
};
pub use near_duplicates::{NearDuplicateLink, NearDuplicatePair, PairStatus};
pub use saved_searches::SavedSearch;
pub use search::{SearchHit, SearchQuery, SearchResults};

/// An open archive. Cheap to keep open for the life of the program; not shared between threads
/// (wrap it in a mutex, as the desktop shell does: SQLite serializes writers anyway).
pub struct Archive {
    conn: Connection,
    path: Option<PathBuf>,
    /// Article lengths for the ranking function registered on `conn`.
    doc_lengths: search::fts_rank::DocLengths,
    /// Each article's facet values, for counting a result set's facets in memory.
    facet_index: search::facet_index::FacetIndex,
}

impl Archive {
    /// Opens the archive at `path`, creating it and its folder on first use and upgrading an
    /// older schema. An archive from a newer Arshif, or a file that is not an archive, is refused
    /// untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Archive> {
        let path = path.as_ref();
        Archive::over(db::open(path)?, Some(path.to_path_buf()))
    }

    /// An archive held in memory only.
    pub fn open_in_memory() -> Result<Archive> {
        Archive::over(db::open_in_memory()?, None)
    }

    fn over(conn: Connection, path: Option<PathBuf>) -> Result<Archive> {
        let doc_lengths = search::fts_rank::register(&conn)?;
        Ok(Archive {
            conn,
            path,
            doc_lengths,
            facet_index: Default::default(),
        })
    }

    /// Where the archive lives, if it is a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}
