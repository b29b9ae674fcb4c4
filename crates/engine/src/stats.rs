//! Figures for the whole archive.
use crate::error::Result;
use crate::model::Stats;
use crate::Archive;

impl Archive {
    /// Counts of articles, tags, publications and the bytes of original files kept.
    pub fn stats(&self) -> Result<Stats> {
        let stats = self.conn.query_row(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM tags),
                    (SELECT count(*) FROM publications),
                    (SELECT coalesce(sum(size), 0) FROM originals)",
            [],
            |row| {
                Ok(Stats {
                    articles: row.get(0)?,
                    tags: row.get(1)?,
                    publications: row.get(2)?,
                    original_bytes: row.get(3)?,
                })
            },
        )?;
        Ok(stats)
    }
}
