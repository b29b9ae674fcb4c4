//! Baseline 1: plain SQLite FTS5 with its `unicode61` tokenizer, what an archive without an
//! Arabic analyzer would have. Same SQLite build, same settings (WAL, synchronous=NORMAL), same
//! batches of 1,000 per transaction; the text lives in the FTS5 table itself.
//!
//! The same table with Arshif's tokenizer instead ([`Tokenizer::Arshif`]) is built too, for
//! import figures only: between the two, and Arshif's own archive, it shows whether import time
//! goes to the analyzer, to the larger index (a stem and an exact form per word), or to the
//! archive's own rows.
use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection};

use super::{load, Build, Engine, Hit, Outcome, HIGHLIGHT_END, HIGHLIGHT_START, TOP};
use crate::corpus::Corpus;
use crate::measure::disk_size;
use crate::BoxResult;

/// The FTS5 tokenizer of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tokenizer {
    /// SQLite's own, with diacritics folded.
    Unicode61,
    /// Arshif's analyzer, registered on the connection as the engine does.
    Arshif,
}

impl Tokenizer {
    fn name(self) -> &'static str {
        match self {
            Tokenizer::Unicode61 => "FTS5 unicode61",
            Tokenizer::Arshif => "FTS5 + Arshif tokenizer",
        }
    }

    fn option(self) -> &'static str {
        match self {
            Tokenizer::Unicode61 => "unicode61 remove_diacritics 2",
            Tokenizer::Arshif => arshif_engine::search::fts_tokenizer::TOKENIZER_NAME,
        }
    }
}

pub struct Fts5 {
    conn: Connection,
    tokenizer: Tokenizer,
    top_sql: String,
}

impl Fts5 {
    pub fn build(
        corpus: &Corpus,
        count: usize,
        dir: &Path,
        tokenizer: Tokenizer,
    ) -> BoxResult<(Fts5, Build)> {
        let path = dir.join(format!("fts5-{tokenizer:?}.db").to_lowercase());
        let mut conn = Connection::open(&path)?;
        if tokenizer == Tokenizer::Arshif {
            arshif_engine::search::fts_tokenizer::register(&conn)?;
        }
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.execute_batch(&format!(
            "PRAGMA synchronous = NORMAL;
             CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = '{}');",
            tokenizer.option()
        ))?;
        let mut next_id: i64 = 1;
        let mut build = load(
            tokenizer.name(),
            corpus,
            count,
            |a| a,
            |batch| {
                let tx = conn.transaction()?;
                {
                    let mut insert = tx
                        .prepare_cached("INSERT INTO t (rowid, title, body) VALUES (?1, ?2, ?3)")?;
                    for article in &batch {
                        insert.execute(params![next_id, article.title, article.body])?;
                        next_id += 1;
                    }
                }
                tx.commit()?;
                Ok(())
            },
        )?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        build.finish(
            Duration::ZERO,
            disk_size(&path) + disk_size(Path::new(&wal)),
        );
        let top_sql = format!(
            "SELECT title, snippet(t, -1, char({}), char({}), '…', 24) FROM t
             WHERE t MATCH ?1 ORDER BY bm25(t, 10.0, 1.0) LIMIT {TOP}",
            HIGHLIGHT_START as u32, HIGHLIGHT_END as u32
        );
        Ok((
            Fts5 {
                conn,
                tokenizer,
                top_sql,
            },
            build,
        ))
    }
}

/// The query as FTS5 syntax: every space-separated word quoted (so nothing is read as an
/// operator) and ANDed; a trailing `*` becomes an FTS5 prefix.
pub fn unicode61_expression(text: &str) -> String {
    text.split_whitespace()
        .filter_map(|word| {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (word, false),
            };
            let quoted = format!("\"{}\"", word.replace('"', "\"\""));
            match (word.is_empty(), prefix) {
                (true, _) => None,
                (false, true) => Some(format!("{quoted} *")),
                (false, false) => Some(quoted),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Engine for Fts5 {
    fn name(&self) -> String {
        self.tokenizer.name().into()
    }

    fn search(&mut self, text: &str) -> BoxResult<Outcome> {
        let expression = match self.tokenizer {
            Tokenizer::Unicode61 => unicode61_expression(text),
            // The engine's compiler: index terms, quoted.
            Tokenizer::Arshif => arshif_engine::search::query::parse(text)?
                .text
                .as_ref()
                .map(arshif_engine::search::query::fts_expression)
                .unwrap_or_default(),
        };
        if expression.is_empty() {
            return Ok(Outcome::default());
        }
        let mut top = self.conn.prepare_cached(&self.top_sql)?;
        let hits = Hit::page(&mut top, &expression)?;
        // The app shows how many articles match; Arshif's search counts them too.
        let mut count = self
            .conn
            .prepare_cached("SELECT count(*) FROM t WHERE t MATCH ?1")?;
        let total: i64 = count.query_row([&expression], |row| row.get(0))?;
        Ok(Outcome {
            total: total as u64,
            hits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_and_anded() {
        let cases = [
            ("المغرب", r#""المغرب""#),
            ("كأس العالم", r#""كأس" "العالم""#),
            ("انتخاب*", r#""انتخاب" *"#),
            ("a\"b OR", r#""a""b" "OR""#),
            ("  * ", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(unicode61_expression(text), expected, "{text:?}");
        }
    }
}
