//! The engines under test behind one small trait, and the shared loading loop that times only
//! the engine's own work: articles are generated and converted before the clock starts.
pub mod arshif;
pub mod fts5;
pub mod tantivy_index;

use std::time::{Duration, Instant};

use arshif_engine::analysis::index_tokens;
use serde::Serialize;

use crate::corpus::{Article, Corpus};
use crate::measure::Memory;
use crate::BoxResult;

/// Results per page, as the desktop app shows them.
pub const TOP: usize = 20;

/// Articles per write transaction (per `add_articles` call), as an import batch.
pub const BATCH: usize = 1_000;

/// Highlight marks, the engine's: private-use characters the UI splits on.
pub const HIGHLIGHT_START: char = arshif_engine::search::HIGHLIGHT_START;
pub const HIGHLIGHT_END: char = arshif_engine::search::HIGHLIGHT_END;

/// What one search returned: the page is built in full (titles and snippets), so that its cost
/// is measured, and kept for a look at the first results.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcome {
    /// Matching articles across all pages.
    pub total: u64,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub title: String,
    /// Highlighted words sit between [`HIGHLIGHT_START`] and [`HIGHLIGHT_END`].
    pub snippet: String,
}

impl Hit {
    /// Runs `stmt`, whose rows are `(title, snippet)`, with one FTS5 expression bound.
    pub fn page(stmt: &mut rusqlite::Statement<'_>, expression: &str) -> BoxResult<Vec<Hit>> {
        let hits = stmt
            .query_map([expression], |row| {
                Ok(Hit {
                    title: row.get(0)?,
                    snippet: row.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hits)
    }
}

/// A searchable index of the benchmark articles.
pub trait Engine {
    /// Shown in the tables.
    fn name(&self) -> String;
    /// The top [`TOP`] results by relevance, with snippets, and the total count.
    fn search(&mut self, text: &str) -> BoxResult<Outcome>;
}

/// What building an index cost.
#[derive(Debug, Clone, Serialize)]
pub struct Build {
    pub engine: String,
    pub articles: usize,
    /// UTF-8 bytes of titles and bodies handed to the engine.
    pub text_bytes: u64,
    /// Time inside the engine's calls, commits included.
    pub seconds: f64,
    pub articles_per_second: f64,
    /// Decimal megabytes (10^6 bytes) of text per second.
    pub mb_per_second: f64,
    /// Bytes on disk once written out (SQLite: after a WAL checkpoint).
    pub disk_bytes: u64,
    /// `disk_bytes / text_bytes`.
    pub disk_per_text: f64,
    /// Resident memory when loading started (the process, corpus included).
    pub rss_before_bytes: u64,
    /// Peak resident memory while loading (the process).
    pub peak_rss_bytes: u64,
    /// Whether the peak is this engine's own (reset before it started).
    pub peak_is_own: bool,
    /// Details an engine reports about its index (size breakdown, settings).
    pub notes: Vec<String>,
}

/// Feeds articles `0..count` to `insert` in batches of [`BATCH`], each made by `prepare`
/// before the clock starts, and measures the time spent in `insert` and the memory peak.
pub fn load<T>(
    engine: &str,
    corpus: &Corpus,
    count: usize,
    prepare: impl Fn(Vec<Article>) -> T,
    mut insert: impl FnMut(T) -> BoxResult<()>,
) -> BoxResult<Build> {
    let peak_is_own = Memory::reset_peak();
    let before = Memory::now().unwrap_or_default();
    let mut elapsed = Duration::ZERO;
    let mut text_bytes = 0u64;
    let mut start = 0;
    while start < count {
        let end = (start + BATCH).min(count);
        let articles = corpus.articles(start..end);
        text_bytes += articles.iter().map(|a| a.text_bytes() as u64).sum::<u64>();
        let batch = prepare(articles);
        let clock = Instant::now();
        insert(batch)?;
        elapsed += clock.elapsed();
        start = end;
        if start % 10_000 == 0 {
            eprint!("\r  {engine}: {start} / {count} articles");
        }
    }
    eprintln!(
        "\r  {engine}: {count} articles handed over in {:.1} s",
        elapsed.as_secs_f64()
    );
    Ok(Build {
        engine: engine.to_string(),
        articles: count,
        text_bytes,
        seconds: elapsed.as_secs_f64(),
        articles_per_second: 0.0,
        mb_per_second: 0.0,
        disk_bytes: 0,
        disk_per_text: 0.0,
        rss_before_bytes: before.rss_bytes,
        peak_rss_bytes: 0,
        peak_is_own,
        notes: Vec::new(),
    })
}

impl Build {
    /// Adds time spent after loading (a final commit, merges), then fills in the rates, the
    /// disk size and the memory peak.
    pub fn finish(&mut self, extra: Duration, disk_bytes: u64) {
        self.seconds += extra.as_secs_f64();
        let seconds = self.seconds.max(f64::MIN_POSITIVE);
        self.articles_per_second = self.articles as f64 / seconds;
        self.mb_per_second = self.text_bytes as f64 / 1e6 / seconds;
        self.disk_bytes = disk_bytes;
        self.disk_per_text = disk_bytes as f64 / (self.text_bytes as f64).max(1.0);
        self.peak_rss_bytes = Memory::now().unwrap_or_default().peak_rss_bytes;
    }
}

/// The analyzer alone over the same text (`analysis::index_tokens` on every title and body),
/// to tell analysis time from indexing time.
pub fn analyzer_only(corpus: &Corpus, count: usize) -> BoxResult<Build> {
    let mut words = 0usize;
    let mut build = load(
        "Analyzer alone",
        corpus,
        count,
        |a| a,
        |batch| {
            for article in &batch {
                words += index_tokens(&article.title).len() + index_tokens(&article.body).len();
            }
            Ok(())
        },
    )?;
    build.finish(Duration::ZERO, 0);
    build.notes = vec![format!(
        "{words} words: index_tokens() alone, no storage (the floor under any import)"
    )];
    Ok(build)
}
