//! Publications: one row per newspaper or site, found by any of its spellings.
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::keys::name_key;
use crate::Archive;

/// The publication id for `name`, creating the publication if no spelling of it is known.
pub(crate) fn resolve(conn: &Connection, name: &str) -> Result<Option<i64>> {
    let name = name.trim();
    let key = name_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    if let Some(id) = find(conn, &key)? {
        return Ok(Some(id));
    }
    conn.execute(
        "INSERT INTO publications (name, key) VALUES (?1, ?2)",
        params![name, key],
    )?;
    Ok(Some(conn.last_insert_rowid()))
}

fn find(conn: &Connection, key: &str) -> Result<Option<i64>> {
    let id = conn
        .query_row(
            "SELECT id FROM publications WHERE key = ?1
             UNION ALL
             SELECT publication_id FROM publication_aliases WHERE key = ?1
             LIMIT 1",
            [key],
            |row| row.get(0),
        )
        .optional()?;
    Ok(id)
}

/// Every known spelling (names and aliases), for importers that recognise a publication line.
pub(crate) fn known_spellings(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT name FROM publications UNION SELECT alias FROM publication_aliases")?;
    let names = stmt
        .query_map([], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

impl Archive {
    /// Every publication's name (not its aliases), in the order of their keys.
    pub fn publication_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM publications ORDER BY key")?;
        let names = stmt
            .query_map([], |row| row.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    }

    /// Records `alias` as another spelling of `publication` (created if new), so that articles
    /// imported under either name are one publication.
    pub fn add_publication_alias(&mut self, publication: &str, alias: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        if let Some(id) = resolve(&tx, publication)? {
            let key = name_key(alias);
            if !key.is_empty() && find(&tx, &key)?.is_none() {
                tx.execute(
                    "INSERT INTO publication_aliases (key, alias, publication_id) VALUES (?1, ?2, ?3)",
                    params![key, alias.trim(), id],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Archive;

    #[test]
    fn spellings_resolve_to_one_publication() {
        let mut archive = Archive::open_in_memory().unwrap();
        archive.add_publication_alias("هسبريس", "Hespress").unwrap();
        let a = super::resolve(&archive.conn, "HESPRESS").unwrap();
        let b = super::resolve(&archive.conn, "هِسبريس").unwrap();
        assert!(a.is_some());
        assert_eq!(a, b);
        assert_eq!(super::resolve(&archive.conn, "  ").unwrap(), None);
        let names = super::known_spellings(&archive.conn).unwrap();
        assert_eq!(names.len(), 2, "{names:?}");
        archive.add_publication_alias("أصوات", "اصوات").unwrap();
        assert_eq!(archive.publication_names().unwrap(), ["أصوات", "هسبريس"]);
    }
}
