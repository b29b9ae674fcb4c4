//! The connection: opening an archive file, per-connection settings and schema migrations.
mod schema;

pub(crate) use schema::verify as verify_schema;

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::analysis::ANALYZER_VERSION;
use crate::error::{Error, Result};
use crate::search::fts_tokenizer;

/// The schema migrations, in order. Entry `i` upgrades `user_version` i to i + 1. Append only:
/// an archive in a user's hands has run every shipped entry exactly once.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_arabic_index.sql"),
    include_str!("migrations/0003_index_written_by_engine.sql"),
    include_str!("migrations/0004_near_duplicates.sql"),
    include_str!("migrations/0005_fts_write_buffer.sql"),
    include_str!("migrations/0006_fts_merge_width.sql"),
];

/// `PRAGMA application_id` of an Arshif archive ('ARSH').
pub(crate) const APPLICATION_ID: i64 = 0x4152_5348;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Opens (creating if needed) the archive at `path` and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = connect(path, flags)?;
    prepare(conn, Some(path))
}

/// An archive that lives only in memory, for tests and previews.
pub fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    harden(&conn)?;
    prepare(conn, None)
}

/// Opens a connection to an SQLite file (a path or a `file:` URI) with [`harden`]'s settings
/// already on. Every connection the engine opens to a file goes through here.
pub(crate) fn connect<P: AsRef<Path>>(file: P, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(file, flags)?;
    harden(&conn)?;
    Ok(conn)
}

/// Distrusts the schema of the file, which may come from someone else, before anything reads
/// it: with `trusted_schema` off, triggers, views, CHECK constraints and indexes may call only
/// functions and virtual tables SQLite marks harmless (FTS5 is one); defensive mode refuses
/// writes to `sqlite_schema` (even with `writable_schema` on) and to FTS5's shadow tables from
/// ordinary SQL, and other ways SQL could damage the file. The schema check ([`schema::verify`])
/// then refuses any object our migrations did not create.
pub(crate) fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.pragma_update(None, "trusted_schema", false)
}

fn prepare(mut conn: Connection, path: Option<&Path>) -> Result<Connection> {
    let path = path.unwrap_or(Path::new(""));
    let not_an_archive = || Error::NotAnArchive {
        path: path.to_path_buf(),
    };
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // The file is judged before anything is written to it (even the switch to WAL mode), so a
    // refused file is left byte for byte as it was. The first read of a file that is not SQLite
    // fails with NOTADB; say what it means.
    let header = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT application_id FROM pragma_application_id),
                (SELECT count(*) > 0 FROM sqlite_schema)",
        [],
        |row| Ok((row.get::<_, u32>(0)?, row.get::<_, i64>(1)?, row.get(2)?)),
    );
    let (version, application_id, has_tables): (u32, i64, bool) = match header {
        Ok(header) => header,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ffi::ErrorCode::NotADatabase) => {
            return Err(not_an_archive())
        }
        Err(e) => return Err(e.into()),
    };
    if application_id != APPLICATION_ID && (version != 0 || has_tables) {
        return Err(not_an_archive());
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Against the schema of the file's own version: an older archive is checked before its
    // upgrade, so the migrations only ever run over objects they know.
    schema::verify(&conn, version, path)?;
    // Before anything reads the index: the table names this tokenizer.
    fts_tokenizer::register(&conn)?;
    configure(&conn)?;
    migrate(&mut conn, version)?;
    ensure_index(&conn)?;
    crate::near_duplicates::ensure_signatures(&conn)?;
    Ok(conn)
}

/// Refuses an existing file that is not one of our archives, or an archive from a newer Arshif,
/// by its header (used on files checked or restored without being opened as the archive).
pub(crate) fn check_header(path: &Path, application_id: i64, version: u32) -> Result<()> {
    if application_id != APPLICATION_ID || version == 0 {
        return Err(Error::NotAnArchive {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Rebuilds the full-text index when the analyzer that built it is not this build's (a new
/// archive, an upgraded one, or an analyzer change), so index and queries never disagree.
fn ensure_index(conn: &Connection) -> Result<()> {
    let built_with: Option<u32> = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = 'analyzer_version'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if built_with == Some(ANALYZER_VERSION) {
        return Ok(());
    }
    rebuild_index(conn)
}

/// Rebuilds the full-text index from the articles with this build's analyzer, in one
/// transaction, and records the analyzer version that built it.
pub(crate) fn rebuild_index(conn: &Connection) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
        [],
    )?;
    tx.execute(
        "INSERT INTO archive_meta (key, value) VALUES ('analyzer_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [ANALYZER_VERSION.to_string()],
    )?;
    tx.commit()?;
    Ok(())
}

/// Settings that belong to every connection to an archive rather than to the schema, so they
/// live here and not in a migration (with [`harden`]'s, set earlier).
fn configure(conn: &Connection) -> Result<()> {
    // journal_mode answers with a row; an in-memory database answers "memory", which is fine.
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    // A 32 MB page cache (SQLite's default is 2 MB): index merges during an import and searches
    // over a large archive both re-read the same pages.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000;",
    )?;
    Ok(())
}

fn migrate(conn: &mut Connection, from: u32) -> Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_archive_is_at_current_version_with_settings() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("a.db")).unwrap();
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 1, "NORMAL");
        // The index's write settings (migrations 5 and 6) live in the index's own table.
        let fts_setting = |key: &str| -> i64 {
            conn.query_row(
                "SELECT v FROM articles_fts_config WHERE k = ?1",
                [key],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(fts_setting("hashsize"), 16 * 1024 * 1024);
        assert_eq!(fts_setting("automerge"), 8);
    }

    #[test]
    fn reopening_runs_no_migration_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        drop(open(&path).unwrap());
        let conn = open(&path).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'articles'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 1);
    }

    #[test]
    fn newer_archive_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let conn = open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let error = open(&path).unwrap_err();
        assert_eq!(error.code(), "newer_database", "{error}");
    }

    #[test]
    fn foreign_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.db");
        std::fs::write(
            &text,
            "this is a text file, not a database, but long enough".repeat(40),
        )
        .unwrap();
        assert_eq!(open(&text).unwrap_err().code(), "not_an_archive");

        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        assert_eq!(open(&other).unwrap_err().code(), "not_an_archive");
        // The foreign database is left exactly as it was.
        let count: i64 = Connection::open(&other)
            .unwrap()
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1);
    }

    /// Our own schema at every version, written as the Arshif of that version left it, opens
    /// and is brought up to date.
    #[test]
    fn every_schema_version_opens_and_upgrades() {
        for version in 1..=SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.arshif");
            {
                let conn = Connection::open(&path).unwrap();
                fts_tokenizer::register(&conn).unwrap();
                for sql in &MIGRATIONS[..version as usize] {
                    conn.execute_batch(sql).unwrap();
                }
                conn.pragma_update(None, "user_version", version).unwrap();
            }
            let conn = open(&path).unwrap_or_else(|e| panic!("schema {version}: {e}"));
            let now: u32 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(now, SCHEMA_VERSION, "from schema {version}");
        }
    }

    /// Every way the engine opens a connection distrusts the file's schema.
    #[test]
    fn every_connection_is_hardened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.arshif");
        let connections = [
            ("open", open(&path).unwrap()),
            ("open_in_memory", open_in_memory().unwrap()),
            ("connect", connect(&path, OpenFlags::default()).unwrap()),
        ];
        for (how, conn) in connections {
            let trusted: i64 = conn
                .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
                .unwrap();
            assert_eq!(trusted, 0, "{how}");
            assert!(
                conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap(),
                "{how}"
            );
            // Defensive mode: writable_schema is ignored, so sqlite_schema stays read-only.
            conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
            let written = conn.execute(
                "UPDATE sqlite_schema SET sql = 'CREATE TABLE x(y)' WHERE name = 'articles'",
                [],
            );
            assert!(written.is_err(), "{how}: sqlite_schema was written");
            // ...and FTS5's shadow tables take no writes from ordinary SQL.
            let shadow = conn.execute("DELETE FROM articles_fts_data", []);
            assert!(shadow.is_err(), "{how}: the index was written directly");
        }
    }
}
