//! The results: one structure written as `results.json` and printed as plain-text tables, with
//! the targets from the performance issue checked against Arshif's figures.
use std::fmt::Write;
use std::time::Duration;

use serde::Serialize;

use crate::corpus::Corpus;
use crate::engines::{Build, Hit, Outcome};
use crate::measure::{load_average, Latency, Machine};
use crate::queries::Query;

/// The performance targets: indexing at least 10 MB/s; at 100,000 articles a search with
/// snippets under 5 ms at p50 and 15 ms at p99.
pub const TARGET_MB_PER_SECOND: f64 = 10.0;
pub const TARGET_P50_MS: f64 = 5.0;
pub const TARGET_P99_MS: f64 = 15.0;
/// The archive size the latency targets are stated for.
pub const TARGET_ARTICLES: usize = 100_000;

/// One query on one engine.
#[derive(Debug, Clone, Serialize)]
pub struct QueryRun {
    pub query: String,
    pub what: String,
    #[serde(skip)]
    pub sample: bool,
    /// Matching articles.
    pub hits: u64,
    pub p50_ms: f64,
    pub max_ms: f64,
    /// The first three results, to see that snippets are real.
    pub first: Vec<Hit>,
    #[serde(skip)]
    pub samples: Vec<Duration>,
}

impl QueryRun {
    pub fn new(query: &Query, outcome: Outcome) -> QueryRun {
        QueryRun {
            query: query.text.to_string(),
            what: query.what.to_string(),
            sample: query.sample,
            hits: outcome.total,
            p50_ms: 0.0,
            max_ms: 0.0,
            first: outcome.hits.into_iter().take(3).collect(),
            samples: Vec::new(),
        }
    }

    pub fn finish(&mut self) {
        let latency = Latency::of(&self.samples);
        self.p50_ms = latency.p50_ms;
        self.max_ms = latency.max_ms;
    }
}

/// The query set on one engine.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub engine: String,
    pub latency: Latency,
    pub queries: Vec<QueryRun>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub what: String,
    pub target: String,
    pub measured: String,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub machine: Machine,
    pub load_after: f64,
    pub corpus_articles: usize,
    pub articles: usize,
    /// Generated articles identical to an earlier one (expected 0).
    pub duplicate_articles: usize,
    /// Timed passes over the query set per engine.
    pub rounds: usize,
    pub queries: usize,
    pub builds: Vec<Build>,
    pub runs: Vec<Run>,
    pub targets: Vec<Target>,
    pub seconds_total: f64,
}

impl Results {
    #[allow(clippy::too_many_arguments)] // One call site, every figure named there.
    pub fn new(
        machine: Machine,
        corpus: &Corpus,
        articles: usize,
        duplicates: usize,
        rounds: usize,
        builds: Vec<Build>,
        runs: Vec<Run>,
        elapsed: Duration,
    ) -> Results {
        let mut results = Results {
            machine,
            load_after: load_average(),
            corpus_articles: corpus.len(),
            articles,
            duplicate_articles: duplicates,
            rounds,
            queries: runs.first().map_or(0, |r| r.queries.len()),
            builds,
            runs,
            targets: Vec::new(),
            seconds_total: elapsed.as_secs_f64(),
        };
        results.targets = results.check_targets();
        results
    }

    fn check_targets(&self) -> Vec<Target> {
        let mut targets = Vec::new();
        let at = if self.articles == TARGET_ARTICLES {
            String::new()
        } else {
            format!(
                " (measured at {} articles, not {TARGET_ARTICLES})",
                self.articles
            )
        };
        if let Some(build) = self.builds.iter().find(|b| b.engine == "Arshif") {
            targets.push(Target {
                what: "Arshif import + indexing".into(),
                target: format!(">= {TARGET_MB_PER_SECOND} MB/s"),
                measured: format!("{:.1} MB/s", build.mb_per_second),
                met: build.mb_per_second >= TARGET_MB_PER_SECOND,
            });
        }
        if let Some(run) = self.runs.iter().find(|r| r.engine == "Arshif") {
            targets.push(Target {
                what: format!("Arshif search p50, top 20 with snippets{at}"),
                target: format!("< {TARGET_P50_MS} ms"),
                measured: format!("{:.2} ms", run.latency.p50_ms),
                met: run.latency.p50_ms < TARGET_P50_MS,
            });
            targets.push(Target {
                what: format!("Arshif search p99, top 20 with snippets{at}"),
                target: format!("< {TARGET_P99_MS} ms"),
                measured: format!("{:.2} ms", run.latency.p99_ms),
                met: run.latency.p99_ms < TARGET_P99_MS,
            });
        }
        targets
    }

    /// The plain-text report.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let text_mb = self
            .builds
            .first()
            .map_or(0.0, |b| b.text_bytes as f64 / 1e6);
        let m = &self.machine;
        let _ = writeln!(
            out,
            "\nArshif search benchmark: {} articles ({text_mb:.1} MB of UTF-8 text) recombined \
             from {} real articles; {} duplicates",
            self.articles, self.corpus_articles, self.duplicate_articles
        );
        let _ = writeln!(
            out,
            "Machine: {}, {} cores, {:.1} GiB, {}; load average {:.2} before, {:.2} after",
            m.cpu, m.cores, m.memory_gib, m.os, m.load_before, self.load_after
        );
        let _ = writeln!(
            out,
            "Searches: {} queries x {} warm runs per engine; top 20 by relevance with snippets \
             and the total count\n",
            self.queries, self.rounds
        );

        let mut rows = vec![row(&[
            "Engine",
            "Import s",
            "Articles/s",
            "MB/s",
            "Disk MB",
            "Disk/text",
            "Peak RSS MB",
        ])];
        for b in &self.builds {
            let own = if b.peak_is_own { "" } else { "*" };
            rows.push(vec![
                b.engine.clone(),
                format!("{:.1}", b.seconds),
                format!("{:.0}", b.articles_per_second),
                format!("{:.1}", b.mb_per_second),
                format!("{:.1}", b.disk_bytes as f64 / 1e6),
                format!("{:.2}x", b.disk_per_text),
                format!("{:.0}{own}", b.peak_rss_bytes as f64 / 1e6),
            ]);
        }
        out.push_str(&render(&rows));
        for b in &self.builds {
            for note in &b.notes {
                let _ = writeln!(out, "  {}: {note}", b.engine);
            }
        }
        let _ = writeln!(
            out,
            "  Peak RSS is the process's, which holds the {:.1} MB corpus; MB = 10^6 bytes.\n",
            self.builds
                .first()
                .map_or(0.0, |b| b.rss_before_bytes as f64 / 1e6)
        );

        let mut rows = vec![row(&["Search", "p50 ms", "p99 ms", "mean ms", "max ms"])];
        for run in &self.runs {
            let l = &run.latency;
            rows.push(vec![
                run.engine.clone(),
                format!("{:.2}", l.p50_ms),
                format!("{:.2}", l.p99_ms),
                format!("{:.2}", l.mean_ms),
                format!("{:.2}", l.max_ms),
            ]);
        }
        out.push_str(&render(&rows));
        out.push('\n');

        // Per query: hits on the three engines, and median latency on them and on the
        // FTS-first rewrite of Arshif's search.
        let pick = |names: &[&str]| -> Vec<&Run> {
            names
                .iter()
                .filter_map(|name| self.runs.iter().find(|r| r.engine.starts_with(name)))
                .collect()
        };
        let counted = pick(&["Arshif", "FTS5 unicode61", "Tantivy"]);
        let timed = pick(&["Arshif", "FTS-first", "FTS5 unicode61", "Tantivy"]);
        let mut header = vec!["Query".to_string()];
        header.extend(counted.iter().map(|r| format!("{} hits", short(&r.engine))));
        header.extend(timed.iter().map(|r| format!("{} p50", short(&r.engine))));
        let mut rows = vec![header];
        let queries = counted
            .first()
            .map(|r| r.queries.as_slice())
            .unwrap_or_default();
        for (index, first) in queries.iter().enumerate() {
            let marker = if first.sample { " (*)" } else { "" };
            let mut cells = vec![format!("{}{marker}", first.query)];
            cells.extend(counted.iter().map(|r| r.queries[index].hits.to_string()));
            cells.extend(
                timed
                    .iter()
                    .map(|r| format!("{:.2}", r.queries[index].p50_ms)),
            );
            rows.push(cells);
        }
        out.push_str(&render(&rows));
        let _ = writeln!(
            out,
            "  (*) pairs that show the analyzer at work; p50 in ms per query.\n"
        );

        let mut rows = vec![row(&["Target", "Goal", "Measured", "Met"])];
        for t in &self.targets {
            rows.push(vec![
                t.what.clone(),
                t.target.clone(),
                t.measured.clone(),
                if t.met { "yes" } else { "NO" }.to_string(),
            ]);
        }
        out.push_str(&render(&rows));
        let _ = writeln!(out, "\nTotal run time {:.0} s", self.seconds_total);
        out
    }
}

/// A short column name for an engine: its first word (`FTS-first`, `FTS5`, `Tantivy`).
fn short(engine: &str) -> &str {
    engine
        .split([' ', ':'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(engine)
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Columns padded to their widest cell (counted in characters; Arabic cells show right to left
/// in most terminals but keep their width). The first column is left-aligned, figures right.
fn render(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| display_width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (index, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - display_width(cell));
                if c == 0 {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
        if index == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            let _ = writeln!(out, "{}", rule.join("  "));
        }
    }
    out
}

/// Characters that take a column: combining marks (harakat) sit on the letter before them.
fn display_width(text: &str) -> usize {
    text.chars()
        .filter(|&c| !arshif_engine::analysis::is_mark(c))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align() {
        let rows = vec![
            row(&["Engine", "p50"]),
            row(&["Arshif", "1.25"]),
            row(&["مُحَمَّد", "10.00"]),
        ];
        // The diacritized word is four columns wide, like "محمد".
        let expected = "Engine    p50\n------  -----\nArshif   1.25\nمُحَمَّد    10.00\n";
        assert_eq!(render(&rows), expected);
    }
}
