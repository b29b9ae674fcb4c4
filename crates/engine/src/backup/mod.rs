//! Backup and restore of the whole archive: a backup is a complete archive file made with
//! SQLite's online backup API (consistent while the archive stays in use); a restore checks a
//! file before it replaces the archive and keeps the replaced archive beside it.
//!
//! [`check`] inspects an archive's health and [`rotate`] keeps a few dated daily backups.
pub mod check;
pub mod rotate;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::{Deserialize, Serialize};

use crate::clock::now_rfc3339;
use crate::db::{check_header, connect, verify_schema};
use crate::error::{Error, Result};
use crate::export::atomic::{io_error, AtomicFile};
use crate::search::fts_tokenizer;
use crate::Archive;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreReport {
    /// Where the archive that was replaced now lives (`<name>.before-restore-<time>`); `None`
    /// when there was no archive yet.
    pub previous: Option<PathBuf>,
    /// Articles in the restored archive.
    pub articles: u64,
}

/// Copies the database behind `conn` to `destination` through the online backup API, via a
/// temporary file in the destination's folder, so a failed backup never leaves a partial file.
fn copy_database(conn: &Connection, destination: &Path) -> Result<u64> {
    let file = AtomicFile::create(destination)?;
    let temporary = file.temporary_path();
    conn.backup(MAIN_DB, temporary, None)
        .map_err(|e| sqlite_file_error(temporary, e))?;
    // The copy inherits the archive's write-ahead-log mode; a backup is one self-contained file
    // instead, which opens read-only without leaving `-wal` and `-shm` files beside it.
    connect(temporary, OpenFlags::default())
        .and_then(|copy| copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(())))
        .map_err(|e| sqlite_file_error(temporary, e))?;
    file.commit()
}

/// True when the file's header says write-ahead-log mode (bytes 18 and 19 are 2).
fn header_says_wal(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 20];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut header))
        .is_ok_and(|()| header[18] == 2 && header[19] == 2)
}

/// SQLite's failures on a file outside the archive, sorted like the archive's own.
fn sqlite_file_error(path: &Path, error: rusqlite::Error) -> Error {
    use rusqlite::ffi::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
            Error::NoPermission {
                path: path.to_path_buf(),
            }
        }
        Some(ErrorCode::NotADatabase) => Error::NotAnArchive {
            path: path.to_path_buf(),
        },
        _ => Error::from(error),
    }
}

/// A `file:` URI for `path` with a query, percent-encoding what URIs reserve (`?`, `#`, `%`).
fn uri(path: &Path, query: &str) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut text = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => text.push_str(&format!("%{:02X}", c as u32)),
            // Windows paths use backslashes; SQLite's URIs want slashes.
            '\\' => text.push('/'),
            c => text.push(c),
        }
    }
    format!("{text}?{query}")
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Opens `source` read-only and checks its header (our application id, a schema version not
/// newer than ours) and its schema (only the objects our migrations create for that version).
/// Nothing is written to `source`, nor created beside it.
fn open_read_only(source: &Path) -> Result<Connection> {
    if !source.is_file() {
        return Err(Error::io(
            source,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    let not_an_archive = || Error::NotAnArchive {
        path: source.to_path_buf(),
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    // Even a read-only connection creates `-wal` and `-shm` files beside a database in WAL
    // mode and cannot remove them. Without a log beside it, the file holds everything, so it is
    // read as immutable, which creates nothing; with a log, the log's changes are read too.
    let immutable = header_says_wal(source) && !with_suffix(source, "-wal").exists();
    let conn = if immutable {
        connect(uri(source, "immutable=1"), flags)
    } else {
        connect(source, flags)
    }
    .map_err(|e| sqlite_file_error(source, e))?;
    let header = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version)",
        [],
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, u32>(1)?)),
    );
    let (application_id, version) = header.map_err(|e| match sqlite_file_error(source, e) {
        Error::NotAnArchive { .. } => not_an_archive(),
        other => other,
    })?;
    check_header(source, application_id, version)?;
    verify_schema(&conn, version, source)?;
    Ok(conn)
}

/// Opens `source` read-only and checks that it is an archive this build can open: the header
/// (see [`open_read_only`]) and a clean `PRAGMA integrity_check`. Nothing is written to `source`.
fn open_checked_source(source: &Path) -> Result<Connection> {
    let conn = open_read_only(source)?;
    // integrity_check also checks the FTS5 index, which needs our tokenizer to be known.
    fts_tokenizer::register(&conn)?;
    let problems = check::integrity_problems(&conn);
    if !problems.is_empty() {
        return Err(Error::Corrupt(format!(
            "{} fails SQLite's integrity check: {}",
            source.display(),
            problems.join("; ")
        )));
    }
    Ok(conn)
}

/// `<name>.<label>-<time>` beside `path`, not yet taken. The time has no colons, which Windows
/// forbids in file names.
fn sibling_with_time(path: &Path, label: &str) -> PathBuf {
    let time: String = now_rfc3339()
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{name}.{label}-{time}{suffix}"))
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.with_file_name(format!("{name}.{label}")))
}

/// `path` with `suffix` appended to its file name (`-wal`, `-shm`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

const SIDECARS: [&str; 2] = ["-wal", "-shm"];

/// Moves the archive file and its SQLite sidecar files to `to`, so that a write-ahead log still
/// pairs with its database. Refuses (busy) while another program has the archive open.
fn move_archive(from: &Path, to: &Path) -> Result<()> {
    if with_suffix(from, "-wal").exists() {
        // A log left by a crash is folded into the file by opening and closing it. If the log
        // is still there after our close, another program (the desktop app) holds the archive.
        if let Ok(conn) = connect(from, OpenFlags::default()) {
            let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            drop(conn);
        }
        if with_suffix(from, "-wal").exists() && still_in_use(from) {
            return Err(Error::Busy);
        }
    }
    std::fs::rename(from, to).map_err(|e| io_error(from, e))?;
    for suffix in SIDECARS {
        let sidecar = with_suffix(from, suffix);
        if sidecar.exists() {
            std::fs::rename(&sidecar, with_suffix(to, suffix))
                .map_err(|e| io_error(&sidecar, e))?;
        }
    }
    Ok(())
}

/// True when another connection holds the archive: an exclusive lock cannot be taken.
fn still_in_use(path: &Path) -> bool {
    let Ok(conn) = connect(path, OpenFlags::default()) else {
        // A file SQLite cannot open at all is not in use by SQLite either.
        return false;
    };
    let _ = conn.busy_timeout(std::time::Duration::from_millis(200));
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .is_err()
}

impl Archive {
    /// Checks that the file at `path` is an archive this build can open, without opening it as
    /// one: it exists, its header has our application id and a schema no newer than ours, and
    /// its schema holds only what our migrations create. Reads the header and `sqlite_schema`
    /// only (no integrity check, which takes long on a large archive), writes
    /// nothing and creates nothing, so a refused file is left exactly as it was. The desktop app
    /// asks this before it switches to another archive.
    pub fn check_openable(path: &Path) -> Result<()> {
        open_read_only(path).map(drop)
    }

    /// Writes a complete copy of the archive to `destination` (replacing a file there only once
    /// the copy is whole). The archive stays usable throughout.
    pub fn backup(&self, destination: &Path) -> Result<u64> {
        if self
            .path
            .as_deref()
            .is_some_and(|p| same_file(p, destination))
        {
            return Err(Error::InvalidInput(
                "a backup cannot be written over the archive itself".into(),
            ));
        }
        copy_database(&self.conn, destination)
    }

    /// Replaces this archive with the backup at `source` (see [`Archive::restore_file`]) and
    /// reopens it. On failure the archive is reopened as it was. Should even that reopening
    /// fail (the disk vanished), the error is returned and this value holds an empty in-memory
    /// archive: the caller must open the file again rather than keep using it.
    pub fn restore(&mut self, source: &Path) -> Result<RestoreReport> {
        let path = self.path.clone().ok_or_else(|| {
            Error::InvalidInput("an archive in memory has no file to restore".into())
        })?;
        // Check before closing anything, so a bad file costs the user nothing.
        drop(open_checked_source(source)?);
        // Close the archive: its file is about to move. The whole value is replaced, not only
        // the connection, so that nothing derived from the old file (ranking data) survives.
        *self = Archive::open_in_memory()?;
        let result = Archive::restore_file(&path, source);
        *self = Archive::open(&path)?;
        result
    }

    /// Replaces the archive file at `archive` with the backup at `source`, without opening the
    /// archive first (so a damaged archive can be restored). `source` is checked first and left
    /// untouched; the replaced archive is kept as `<name>.before-restore-<time>`; a backup from
    /// an older Arshif is upgraded. Refused while another program has the archive open.
    pub fn restore_file(archive: &Path, source: &Path) -> Result<RestoreReport> {
        if same_file(archive, source) {
            return Err(Error::InvalidInput(
                "the backup to restore is the archive itself".into(),
            ));
        }
        let checked = open_checked_source(source)?;
        // Copy through SQLite rather than the file system: a source with a write-ahead log
        // beside it is copied with the log's changes.
        let staged = AtomicFile::create(archive)?;
        checked
            .backup(MAIN_DB, staged.temporary_path(), None)
            .map_err(|e| sqlite_file_error(staged.temporary_path(), e))?;
        drop(checked);
        let previous = if archive.exists() {
            let previous = sibling_with_time(archive, "before-restore");
            move_archive(archive, &previous)?;
            Some(previous)
        } else {
            None
        };
        let put_back = |error: Error| -> Error {
            if let Some(previous) = &previous {
                let _ = std::fs::remove_file(archive);
                let _ = move_archive(previous, archive);
            }
            error
        };
        staged.commit().map_err(put_back)?;
        // Opening upgrades an older schema and rebuilds the index; a failure puts the old
        // archive back.
        let restored = Archive::open(archive).map_err(put_back)?;
        let articles = restored.stats()?.articles;
        Ok(RestoreReport { previous, articles })
    }
}
