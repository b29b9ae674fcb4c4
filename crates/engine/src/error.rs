//! The engine's error type and the stable codes the front ends translate for users.
use std::path::PathBuf;

/// Everything an engine call can fail with. Front ends show `code()` translated, never `Display`
/// text built from SQLite internals.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("article {0} does not exist")]
    ArticleNotFound(i64),
    #[error("tag \"{0}\" does not exist")]
    TagNotFound(String),
    /// A new or renamed tag would take a name another tag already has (spellings the analyzer
    /// treats as one count as the same name); joining two tags is `merge_tags`.
    #[error("a tag named \"{0}\" already exists; merge the two tags instead")]
    TagExists(String),
    /// A merge whose target lies below the tag merged (its sub-tags would have to move under
    /// themselves); nothing is changed.
    #[error("\"{into}\" lies below \"{from}\"; a tag cannot be merged into a tag below it")]
    MergeIntoDescendant { from: String, into: String },
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    BadQuery(String),
    #[error(
        "this archive was written by a newer version of Arshif (schema {found}, this version \
         reads up to {supported}); update Arshif to open it"
    )]
    NewerDatabase { found: u32, supported: u32 },
    #[error("{path} is not an Arshif archive")]
    NotAnArchive { path: PathBuf },
    /// An archive whose schema holds objects Arshif's migrations did not create (a trigger, a
    /// view, a changed table): it may have been crafted to run SQL of its own, so it is refused
    /// untouched.
    #[error(
        "{path} was changed outside Arshif ({reason}), so it was not opened; nothing in it was \
         changed"
    )]
    UnsafeArchive { path: PathBuf, reason: String },
    #[error("the archive is damaged: {0}")]
    Corrupt(String),
    #[error("the archive is busy in another program; try again in a moment")]
    Busy,
    #[error("the disk is full; nothing was changed")]
    DiskFull,
    #[error("the archive is read-only; nothing was changed")]
    ReadOnly,
    /// A file or folder outside the archive (an export destination, a backup) that this user may
    /// not write.
    #[error("no permission to write {path}; nothing was written")]
    NoPermission { path: PathBuf },
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[source] rusqlite::Error),
    /// The user stopped a long operation (an export) before it finished; nothing was written.
    #[error("cancelled; nothing was written")]
    Cancelled,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable, machine-readable code. The UI maps it to Arabic, French or English text and the
    /// CLI prints it beside the English message; tests pin the list.
    pub fn code(&self) -> &'static str {
        match self {
            Error::ArticleNotFound(_) | Error::TagNotFound(_) => "not_found",
            Error::TagExists(_) => "tag_exists",
            Error::MergeIntoDescendant { .. } => "merge_into_descendant",
            Error::InvalidInput(_) => "invalid_input",
            Error::BadQuery(_) => "bad_query",
            Error::NewerDatabase { .. } => "newer_database",
            Error::NotAnArchive { .. } => "not_an_archive",
            Error::UnsafeArchive { .. } => "unsafe_archive",
            Error::Corrupt(_) => "corrupt_database",
            Error::Busy => "busy",
            Error::DiskFull => "disk_full",
            Error::ReadOnly => "read_only",
            Error::NoPermission { .. } => "no_permission",
            Error::Io { .. } => "io",
            Error::Database(_) => "database",
            Error::Cancelled => "cancelled",
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// Sorts SQLite's failures into the few that a user can act on; the rest stay `Database`.
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly,
            Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt(error.to_string()),
            _ => Error::Database(error),
        }
    }
}
