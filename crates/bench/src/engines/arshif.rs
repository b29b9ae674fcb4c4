//! Arshif itself: a fresh archive file loaded through `Archive::add_articles` and searched
//! through `Archive::search`, exactly as the desktop app and the CLI do. A probe beside it runs
//! the pieces of a search as plain SQL on the same file, to show where the time goes.
use std::path::{Path, PathBuf};
use std::time::Duration;

use arshif_engine::search::{query, SearchSort};
use arshif_engine::{Archive, NewArticle, SearchQuery};
use rusqlite::Connection;

use super::{load, Build, Engine, Hit, Outcome, TOP};
use crate::corpus::Corpus;
use crate::measure::disk_size;
use crate::BoxResult;

const FILE_NAME: &str = "bench.arshif";

/// Every synthetic article comes from the same Moroccan outlet.
const PUBLICATION: &str = "كود";

pub struct Arshif {
    archive: Archive,
    facets: bool,
}

impl Arshif {
    /// Creates an archive in `dir` and loads articles `0..count` into it.
    pub fn build(corpus: &Corpus, count: usize, dir: &Path) -> BoxResult<(Arshif, Build)> {
        let path = dir.join(FILE_NAME);
        let mut archive = Archive::open(&path)?;
        let prepare = |articles: Vec<crate::corpus::Article>| -> Vec<NewArticle> {
            articles
                .into_iter()
                .map(|a| NewArticle {
                    title: a.title,
                    body: a.body,
                    publication: Some(PUBLICATION.to_string()),
                    date: Some(a.date),
                    language: Some("ar-MA".to_string()),
                    tags: a.tags,
                    ..NewArticle::default()
                })
                .collect()
        };
        let mut build = load("Arshif", corpus, count, prepare, |batch| {
            archive.add_articles(&batch)?;
            Ok(())
        })?;
        // The WAL holds the last pages written; fold it into the file so the size is the
        // archive's, as it will be once the app closes.
        let checkpoint = Connection::open(&path)?;
        checkpoint.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let disk = disk_size(&path) + disk_size(&wal_path(&path));
        build.finish(Duration::ZERO, disk);
        build.notes = space_by_table(&checkpoint)?;
        let engine = Arshif {
            archive,
            facets: false,
        };
        Ok((engine, build))
    }

    /// The same archive searched with facets (counts per tag, publication, year, language), as
    /// the app does when its filter panel is open.
    pub fn with_facets(self, facets: bool) -> Arshif {
        Arshif { facets, ..self }
    }

    pub fn path(&self) -> Option<PathBuf> {
        self.archive.path().map(Path::to_path_buf)
    }
}

impl Engine for Arshif {
    fn name(&self) -> String {
        if self.facets {
            "Arshif + facets".into()
        } else {
            "Arshif".into()
        }
    }

    fn search(&mut self, text: &str) -> BoxResult<Outcome> {
        let results = self.archive.search(&SearchQuery {
            text: text.to_string(),
            offset: 0,
            limit: TOP as u32,
            sort: SearchSort::Relevance,
            facets: self.facets,
        })?;
        Ok(Outcome {
            total: results.total,
            hits: results
                .items
                .into_iter()
                .map(|hit| Hit {
                    title: hit.summary.title,
                    snippet: hit.snippet,
                })
                .collect(),
        })
    }
}

fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// Bytes per part of the file (dbstat): the full-text index, then each table and SQL index
/// from the largest down.
fn space_by_table(conn: &Connection) -> BoxResult<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT CASE WHEN name LIKE 'articles_fts%' THEN 'full-text index' ELSE name END,
                sum(pgsize)
         FROM dbstat GROUP BY 1 ORDER BY 2 DESC",
    )?;
    let parts = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let listed: Vec<String> = parts
        .iter()
        .take(6)
        .map(|(name, bytes)| format!("{name} {:.1}", *bytes as f64 / 1e6))
        .collect();
    Ok(vec![format!("MB by part: {}", listed.join(", "))])
}

/// What one piece of a search costs, run as SQL on the archive's own FTS5 table with the
/// engine's tokenizer and the engine's compiled query; and the same search written FTS-first.
#[derive(Debug, Clone, Copy)]
pub enum Piece {
    /// The top 20 chosen and snippeted inside the FTS5 table, then joined to the article rows
    /// for the same columns the engine returns, plus a count on the FTS5 table: the engine's
    /// search for a text-only query, written so that only 20 rows get snippets and joins.
    FtsFirst,
    /// Top 20 by rank with snippets, from the FTS5 table alone.
    TopWithSnippets,
    /// Top 20 by rank, ids only: the cost of ranking every match.
    TopIds,
    /// The number of matches, from the FTS5 table alone.
    Count,
}

/// The columns of the engine's `ArticleSummary`, as `articles.rs` selects them.
const SUMMARY_COLUMNS: &str = "a.id, a.title, p.name, a.published_date, a.date_text, a.language,
    a.imported_at,
    (SELECT json_group_array(t.name) FROM article_tags at2 JOIN tags t ON t.id = at2.tag_id
        WHERE at2.article_id = a.id)";

const COUNT_SQL: &str = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1";

impl Piece {
    pub const ALL: [Piece; 4] = [
        Piece::FtsFirst,
        Piece::TopWithSnippets,
        Piece::TopIds,
        Piece::Count,
    ];

    fn label(self) -> &'static str {
        match self {
            Piece::FtsFirst => "FTS-first SQL: top 20 + snippets + count",
            Piece::TopWithSnippets => "FTS5 table only: top 20 + snippets",
            Piece::TopIds => "FTS5 table only: top 20 ids",
            Piece::Count => "FTS5 table only: count(*)",
        }
    }

    /// The statement returning (title, id or count as text; snippet) rows.
    fn sql(self) -> String {
        let start = arshif_engine::search::HIGHLIGHT_START as u32;
        let end = arshif_engine::search::HIGHLIGHT_END as u32;
        let snippet = format!("snippet(articles_fts, -1, char({start}), char({end}), '…', 24)");
        match self {
            Piece::FtsFirst => format!(
                "SELECT a.title, f.snippet, {SUMMARY_COLUMNS}, -f.rank,
                     (SELECT file_path FROM provenance WHERE article_id = a.id)
                 FROM (SELECT rowid AS id, {snippet} AS snippet, rank
                       FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT {TOP}) f
                 JOIN articles a ON a.id = f.id
                 LEFT JOIN publications p ON p.id = a.publication_id
                 ORDER BY f.rank, a.id"
            ),
            Piece::TopWithSnippets => format!(
                "SELECT CAST(rowid AS TEXT), {snippet} FROM articles_fts WHERE articles_fts MATCH ?1
                 ORDER BY rank LIMIT {TOP}"
            ),
            Piece::TopIds => format!(
                "SELECT CAST(rowid AS TEXT), '' FROM articles_fts WHERE articles_fts MATCH ?1
                 ORDER BY rank LIMIT {TOP}"
            ),
            Piece::Count => COUNT_SQL.replace("count(*)", "CAST(count(*) AS TEXT), ''"),
        }
    }
}

/// A second connection to the archive for [`Piece`]s.
pub struct Probe {
    conn: Connection,
    piece: Piece,
}

impl Probe {
    pub fn open(path: &Path, piece: Piece) -> BoxResult<Probe> {
        let conn = Connection::open(path)?;
        arshif_engine::search::fts_tokenizer::register(&conn)?;
        Ok(Probe { conn, piece })
    }
}

impl Engine for Probe {
    fn name(&self) -> String {
        self.piece.label().to_string()
    }

    fn search(&mut self, text: &str) -> BoxResult<Outcome> {
        let parsed = query::parse(text)?;
        let Some(node) = parsed.text.as_ref() else {
            return Ok(Outcome::default());
        };
        let expression = query::fts_expression(node);
        let mut stmt = self.conn.prepare_cached(&self.piece.sql())?;
        let hits = Hit::page(&mut stmt, &expression)?;
        let total = match self.piece {
            Piece::FtsFirst => {
                let mut count = self.conn.prepare_cached(COUNT_SQL)?;
                count.query_row([&expression], |row| row.get::<_, i64>(0))? as u64
            }
            Piece::Count => hits.first().and_then(|h| h.title.parse().ok()).unwrap_or(0),
            Piece::TopWithSnippets | Piece::TopIds => hits.len() as u64,
        };
        Ok(Outcome { total, hits })
    }
}
