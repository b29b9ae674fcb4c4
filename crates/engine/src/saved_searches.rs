//! Saved searches: a name and the query text, run again each time (live, not a frozen list).
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::clock::now_rfc3339;
use crate::error::{Error, Result};
use crate::search::query;
use crate::Archive;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    pub query: String,
    pub created_at: String,
}

/// Reads `id, name, query, created_at`.
fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SavedSearch> {
    Ok(SavedSearch {
        id: row.get(0)?,
        name: row.get(1)?,
        query: row.get(2)?,
        created_at: row.get(3)?,
    })
}

impl Archive {
    /// Saves `query` under `name`, replacing the query of a search already saved with that name.
    /// A query that would be refused when run (a bad date filter) is refused now.
    pub fn save_search(&mut self, name: &str, query_text: &str) -> Result<SavedSearch> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(Error::InvalidInput("a saved search needs a name".into()));
        }
        query::parse(query_text).map_err(Error::BadQuery)?;
        self.conn.execute(
            "INSERT INTO saved_searches (name, query, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET query = excluded.query",
            params![name, query_text.trim(), now_rfc3339()],
        )?;
        let saved = self.conn.query_row(
            "SELECT id, name, query, created_at FROM saved_searches WHERE name = ?1",
            [&name],
            from_row,
        )?;
        Ok(saved)
    }

    /// Every saved search, by name.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, query, created_at FROM saved_searches ORDER BY name",
        )?;
        let searches = stmt
            .query_map([], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(searches)
    }

    /// Forgets a saved search (its articles are untouched).
    pub fn delete_saved_search(&mut self, id: i64) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM saved_searches WHERE id = ?1", [id])?
            == 0
        {
            return Err(Error::InvalidInput(format!("no saved search {id}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Archive;

    #[test]
    fn save_replace_list_delete() {
        let mut archive = Archive::open_in_memory().unwrap();
        let first = archive
            .save_search("  أمن   إسبانيا ", "الأمن وسم:إسبانيا")
            .unwrap();
        assert_eq!(first.name, "أمن إسبانيا");
        let replaced = archive.save_search("أمن إسبانيا", "الأمن من:2022").unwrap();
        assert_eq!(replaced.id, first.id);
        assert_eq!(archive.saved_searches().unwrap(), vec![replaced.clone()]);
        assert_eq!(
            archive.save_search("x", "من:أمس").unwrap_err().code(),
            "bad_query"
        );
        assert_eq!(
            archive.save_search(" ", "x").unwrap_err().code(),
            "invalid_input"
        );
        archive.delete_saved_search(replaced.id).unwrap();
        assert!(archive.saved_searches().unwrap().is_empty());
    }
}
