//! The schema check: an archive may hold only the tables, indexes, triggers and views that
//! Arshif's own migrations create for its schema version. A file from someone else could carry
//! objects of its own (a trigger that deletes articles whenever one is inserted, a view that
//! calls functions); such a file is refused before anything is written to it.
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use rusqlite::Connection;

use super::{harden, MIGRATIONS};
use crate::error::{Error, Result};
use crate::search::fts_tokenizer;

/// The full-text index, whose shadow tables FTS5 creates itself.
const FTS_TABLE: &str = "articles_fts";

/// One row of `sqlite_schema`, keyed by its type and name.
type Objects = BTreeMap<(String, String), Object>;

#[derive(Debug, PartialEq, Eq)]
struct Object {
    table: String,
    /// The `CREATE` statement with every run of whitespace made one space; `None` for the
    /// indexes SQLite makes for UNIQUE and PRIMARY KEY constraints.
    sql: Option<String>,
}

/// Refuses an archive at schema `version` whose schema is not exactly the one Arshif's
/// migrations build for that version. Reads `sqlite_schema` only: cheap at any archive size.
pub(crate) fn verify(conn: &Connection, version: u32, path: &Path) -> Result<()> {
    let Some(expected) = expected().get(version as usize) else {
        // A newer schema is refused by the header check, before this is asked.
        return Ok(());
    };
    match first_difference(&read(conn)?, expected) {
        None => Ok(()),
        Some(reason) => Err(Error::UnsafeArchive {
            path: path.to_path_buf(),
            reason,
        }),
    }
}

/// The schema of every version from 0 (empty) to the current one, built once per process by
/// running the migrations on a database in memory.
fn expected() -> &'static [Objects] {
    static EXPECTED: OnceLock<Vec<Objects>> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        build_expected().unwrap_or_else(|error| {
            // The migrations are part of this build and run on every new archive: they cannot
            // fail here unless the build itself is broken, which every test would show.
            panic!("the migrations do not run on an empty database: {error}")
        })
    })
}

fn build_expected() -> Result<Vec<Objects>> {
    let conn = Connection::open_in_memory()?;
    harden(&conn)?;
    fts_tokenizer::register(&conn)?;
    let mut schemas = vec![read(&conn)?];
    for sql in MIGRATIONS {
        conn.execute_batch(sql)?;
        schemas.push(read(&conn)?);
    }
    Ok(schemas)
}

fn read(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |row| {
        let sql: Option<String> = row.get(3)?;
        Ok((
            (row.get(0)?, row.get(1)?),
            Object {
                table: row.get(2)?,
                sql: sql.as_deref().map(normalize),
            },
        ))
    })?;
    Ok(rows.collect::<Result<Objects, _>>()?)
}

fn normalize(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why `found` is not `expected`, in a few words, or `None` when it is.
fn first_difference(found: &Objects, expected: &Objects) -> Option<String> {
    for ((kind, name), object) in found {
        match expected.get(&(kind.clone(), name.clone())) {
            Some(wanted) if wanted == object => {}
            // FTS5 writes its shadow tables' definitions itself, and another SQLite version may
            // word them differently; defensive mode keeps ordinary SQL from writing to them.
            Some(_) if is_fts_shadow_table(kind, name) => {}
            Some(_) => return Some(format!("the {kind} {name} is not the one Arshif created")),
            None if is_sqlite_internal(kind, name, object) => {}
            None => return Some(format!("an unknown {kind} {name}")),
        }
    }
    expected
        .keys()
        .find(|key| !found.contains_key(*key))
        .map(|(kind, name)| format!("the {kind} {name} is missing"))
}

fn is_fts_shadow_table(kind: &str, name: &str) -> bool {
    kind == "table"
        && name
            .strip_prefix(FTS_TABLE)
            .is_some_and(|rest| rest.starts_with('_'))
}

/// Tables SQLite itself may add (`sqlite_stat1` after ANALYZE, `sqlite_sequence`) and the
/// indexes it makes for constraints. SQLite refuses to create such names in ordinary SQL; a
/// trigger or view by that name, or an internal index with a definition of its own, can only
/// have been written into the schema by hand.
fn is_sqlite_internal(kind: &str, name: &str, object: &Object) -> bool {
    name.starts_with("sqlite_") && (kind == "table" || (kind == "index" && object.sql.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_of_our_own_schema_passes() {
        for (version, _) in expected().iter().enumerate() {
            let conn = Connection::open_in_memory().unwrap();
            fts_tokenizer::register(&conn).unwrap();
            for sql in &MIGRATIONS[..version] {
                conn.execute_batch(sql).unwrap();
            }
            verify(&conn, version as u32, Path::new("")).unwrap();
        }
    }

    #[test]
    fn the_expected_schema_has_our_triggers_and_shadow_tables() {
        let current = expected().last().unwrap();
        let has = |kind: &str, name: &str| current.contains_key(&(kind.into(), name.into()));
        assert!(has("trigger", "articles_fts_delete"));
        assert!(has("trigger", "articles_fts_update"));
        assert!(
            !has("trigger", "articles_fts_insert"),
            "dropped by schema 3"
        );
        assert!(has("table", "articles_fts_data"));
        assert!(has("table", "near_duplicates"));
    }

    /// A current archive's schema in memory, with `sql` run after the migrations.
    fn current_with(sql: &str) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        fts_tokenizer::register(&conn).unwrap();
        for migration in MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        conn.execute_batch(sql).unwrap();
        conn
    }

    #[test]
    fn differences_are_named() {
        let reason = |sql: &str| {
            let conn = current_with(sql);
            match verify(&conn, MIGRATIONS.len() as u32, Path::new("")) {
                Ok(()) => "accepted".to_string(),
                Err(Error::UnsafeArchive { reason, .. }) => reason,
                Err(other) => panic!("{other}"),
            }
        };
        let cases = [
            ("", "accepted"),
            ("ANALYZE", "accepted"),
            ("CREATE VIEW v AS SELECT 1", "an unknown view v"),
            ("CREATE TABLE extra (x)", "an unknown table extra"),
            (
                "DROP TRIGGER articles_fts_delete",
                "the trigger articles_fts_delete is missing",
            ),
            (
                "DROP INDEX articles_title_key; CREATE INDEX articles_title_key ON articles(title)",
                "the index articles_title_key is not the one Arshif created",
            ),
        ];
        for (sql, expected) in cases {
            assert_eq!(reason(sql), expected, "{sql}");
        }
        // Whitespace alone is no difference.
        assert_eq!(
            normalize("CREATE  TRIGGER t\n    AFTER INSERT"),
            "CREATE TRIGGER t AFTER INSERT"
        );
    }
}
