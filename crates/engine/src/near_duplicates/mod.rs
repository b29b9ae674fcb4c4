//! Near-duplicates: lightly edited reprints of an article already in the archive are imported,
//! flagged and linked to it, never merged, until the archivist keeps both (marks the pair "not
//! a duplicate") or deletes one (the pair goes with it, by `ON DELETE CASCADE`).
//!
//! Each article with enough body text has a MinHash signature ([`minhash`]) and one row per
//! LSH band. A new article's candidates are the articles sharing a band with it; a candidate
//! is a near-duplicate when the signatures estimate a Jaccard similarity of at least
//! [`THRESHOLD`]. Only the body is compared: two different stories under one headline are
//! not duplicates, and a reprint under a new headline is.

pub mod minhash;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::articles::{summary_from_row, SUMMARY_COLUMNS, SUMMARY_JOINS};
use crate::error::{Error, Result};
use crate::model::{ArticleSummary, ListParams, Page};
use crate::Archive;
pub use minhash::Signature;

/// The estimated Jaccard similarity of 3-word shingles from which two bodies are the same
/// story. Measured on MArSum's 1,981 articles (`arshif-bench --near-duplicates`, see
/// BENCHMARKS.md): a reprint with a sentence added, three typos or share/"read also" furniture
/// added scores 0.6 or more in 97–99 % of articles (medians 0.78–0.84: the articles are short,
/// median 97 words, so every edit weighs), one with a tenth or more of its words cut in 83 %.
/// The most similar pair of distinct articles in 1.96 million scores 0.48 (two daily Covid
/// bulletins written from one template); 0.6 is three standard deviations of the estimate
/// above it. 0.8 would miss more than a third of reprints.
pub const THRESHOLD: f64 = 0.6;

/// Candidates compared for one article at most. A band shared by hundreds of articles means a
/// run of copies of one text; comparing with the first of them is enough to flag the new one,
/// and the bound keeps one import step small however the archive looks.
const MAX_CANDIDATES: usize = 200;

/// An earlier article that a newly written one nearly repeats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Match {
    pub other_id: i64,
    pub similarity: f64,
}

/// Whether a flagged pair still waits for the archivist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairStatus {
    Open,
    /// The archivist kept both: the pair is never shown again, even after a re-import.
    NotDuplicate,
}

impl PairStatus {
    fn from_sql(text: &str) -> PairStatus {
        match text {
            "not_duplicate" => PairStatus::NotDuplicate,
            _ => PairStatus::Open,
        }
    }
}

/// An open pair with both articles, for the comparison view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicatePair {
    /// The earlier article (lower id).
    pub article: ArticleSummary,
    /// The later article, usually the reprint.
    pub other: ArticleSummary,
    /// Estimated Jaccard similarity of the bodies, 0.0 to 1.0.
    pub similarity: f64,
}

/// A link from one article to an article it nearly repeats (or is repeated by).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicateLink {
    pub other_id: i64,
    pub similarity: f64,
    pub status: PairStatus,
}

/// Stores article `id`'s signature and bands and flags the earlier articles it nearly repeats.
/// Runs inside the writer's transaction, after the article row exists.
pub(crate) fn record(conn: &Connection, id: i64, signature: &Signature) -> Result<Vec<Match>> {
    let keys = signature.band_keys();
    // One statement text for every article (the id is bound, not written in), so SQLite
    // compiles it once per connection and the statement cache keeps it.
    let placeholders = (1..=keys.len())
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let id_parameter = keys.len() + 1;
    let candidates: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT article_id FROM near_duplicate_bands
             WHERE band_key IN ({placeholders}) AND article_id <> ?{id_parameter}
             ORDER BY article_id LIMIT {MAX_CANDIDATES}"
        ))?
        .query_map(params_from_iter(keys.iter().copied().chain([id])), |row| {
            row.get(0)
        })?
        .collect::<Result<_, _>>()?;
    let mut found = Vec::new();
    for other_id in candidates {
        let Some(other) = stored_signature(conn, other_id)? else {
            continue;
        };
        let similarity = signature.similarity(&other);
        if similarity < THRESHOLD {
            continue;
        }
        let (first, second) = (id.min(other_id), id.max(other_id));
        // A pair seen before keeps its status: "not a duplicate" stays decided.
        conn.prepare_cached(
            "INSERT INTO near_duplicates (article_id, other_id, similarity) VALUES (?1, ?2, ?3)
             ON CONFLICT (article_id, other_id) DO UPDATE SET similarity = excluded.similarity",
        )?
        .execute(params![first, second, similarity])?;
        found.push(Match {
            other_id,
            similarity,
        });
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO near_duplicate_signatures (article_id, signature) VALUES (?1, ?2)",
    )?
    .execute(params![id, signature.to_bytes()])?;
    let mut insert_band = conn.prepare_cached(
        "INSERT OR IGNORE INTO near_duplicate_bands (band_key, article_id) VALUES (?1, ?2)",
    )?;
    for key in keys {
        insert_band.execute(params![key, id])?;
    }
    Ok(found)
}

fn stored_signature(conn: &Connection, id: i64) -> Result<Option<Signature>> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT signature FROM near_duplicate_signatures WHERE article_id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?;
    // A blob of another shape (a hand-edited archive) is as good as no signature.
    Ok(bytes.as_deref().and_then(Signature::from_bytes))
}

/// Computes every article's signature again when the stored ones were made by another
/// signature scheme or by none (an archive from before schema 4), so an old archive gets
/// near-duplicate detection for the articles it already holds, pairs among them included.
pub(crate) fn ensure_signatures(conn: &Connection) -> Result<()> {
    let built_with: Option<u32> = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = 'near_duplicate_signatures'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if built_with == Some(minhash::SIGNATURE_VERSION) {
        return Ok(());
    }
    rebuild(conn)
}

/// Recomputes all signatures and bands in article order, in one transaction, flagging pairs
/// among the articles as if they had been imported one after another. Pairs already flagged
/// keep their status.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch("DELETE FROM near_duplicate_bands; DELETE FROM near_duplicate_signatures;")?;
    {
        let mut articles = tx.prepare("SELECT id, body FROM articles ORDER BY id")?;
        let mut rows = articles.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let body: String = row.get(1)?;
            if let Some(signature) = Signature::of(&body) {
                record(&tx, id, &signature)?;
            }
        }
    }
    tx.execute(
        "INSERT INTO archive_meta (key, value) VALUES ('near_duplicate_signatures', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [minhash::SIGNATURE_VERSION.to_string()],
    )?;
    tx.commit()?;
    Ok(())
}

fn summary(conn: &Connection, id: i64) -> Result<ArticleSummary> {
    conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a {SUMMARY_JOINS} WHERE a.id = ?1"
    ))?
    .query_row([id], summary_from_row)
    .optional()?
    .ok_or(Error::ArticleNotFound(id))
}

impl Archive {
    /// One page of the open near-duplicate pairs, the most recent reprint first.
    pub fn near_duplicates(&self, offset: u32, limit: u32) -> Result<Page<NearDuplicatePair>> {
        let limit = limit.min(ListParams::MAX_LIMIT);
        let pairs: Vec<(i64, i64, f64)> = self
            .conn
            .prepare_cached(
                "SELECT article_id, other_id, similarity FROM near_duplicates
                 WHERE status = 'open' ORDER BY other_id DESC, article_id DESC
                 LIMIT ?1 OFFSET ?2",
            )?
            .query_map(params![limit, offset], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let items = self.with_summaries(pairs)?;
        let total = self.conn.query_row(
            "SELECT count(*) FROM near_duplicates WHERE status = 'open'",
            [],
            |row| row.get(0),
        )?;
        Ok(Page { total, items })
    }

    /// The open pairs that article `id` belongs to, the most similar first, each as the
    /// comparison view shows it (the earlier article first): what the reader lists under an
    /// article. A missing article is `not_found`.
    pub fn open_near_duplicates_of(&self, id: i64) -> Result<Vec<NearDuplicatePair>> {
        summary(&self.conn, id)?;
        // Two halves rather than one `OR`, so each uses its index (the key, `other_id`).
        let pairs: Vec<(i64, i64, f64)> = self
            .conn
            .prepare_cached(
                "SELECT article_id, other_id, similarity FROM near_duplicates
                 WHERE article_id = ?1 AND status = 'open'
                 UNION ALL
                 SELECT article_id, other_id, similarity FROM near_duplicates
                 WHERE other_id = ?1 AND status = 'open'
                 ORDER BY 3 DESC, 1, 2",
            )?
            .query_map([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<_, _>>()?;
        self.with_summaries(pairs)
    }

    /// Pairs of ids (earlier, later, similarity) with both articles' summaries.
    fn with_summaries(&self, pairs: Vec<(i64, i64, f64)>) -> Result<Vec<NearDuplicatePair>> {
        pairs
            .into_iter()
            .map(|(article, other, similarity)| {
                Ok(NearDuplicatePair {
                    article: summary(&self.conn, article)?,
                    other: summary(&self.conn, other)?,
                    similarity,
                })
            })
            .collect()
    }

    /// Every article flagged together with `id`, whichever of the two came first.
    pub fn near_duplicates_of(&self, id: i64) -> Result<Vec<NearDuplicateLink>> {
        let links = self
            .conn
            .prepare_cached(
                "SELECT other_id, similarity, status FROM near_duplicates WHERE article_id = ?1
                 UNION ALL
                 SELECT article_id, similarity, status FROM near_duplicates WHERE other_id = ?1
                 ORDER BY 1",
            )?
            .query_map([id], |row| {
                let status: String = row.get(2)?;
                Ok(NearDuplicateLink {
                    other_id: row.get(0)?,
                    similarity: row.get(1)?,
                    status: PairStatus::from_sql(&status),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(links)
    }

    /// The archivist keeps both articles: the pair leaves the list for good.
    pub fn mark_not_duplicate(&mut self, a: i64, b: i64) -> Result<()> {
        for id in [a, b] {
            summary(&self.conn, id)?;
        }
        let changed = self.conn.execute(
            "UPDATE near_duplicates SET status = 'not_duplicate'
             WHERE article_id = ?1 AND other_id = ?2",
            params![a.min(b), a.max(b)],
        )?;
        if changed == 0 {
            return Err(Error::InvalidInput(format!(
                "articles {a} and {b} are not flagged as near-duplicates"
            )));
        }
        Ok(())
    }

    /// Computes every signature again and flags pairs among all articles (statuses kept).
    pub fn rebuild_near_duplicates(&mut self) -> Result<()> {
        rebuild(&self.conn)
    }
}
