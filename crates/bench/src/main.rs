//! `arshif-bench`: how fast Arshif imports and searches a large archive of real Arabic news, and
//! how that compares with two baselines on the same articles and the same queries.
//!
//! It builds N distinct articles (default 100,000) from the MArSum corpus of Moroccan news by
//! recombining real titles and sentences, deterministically, and loads them into:
//! - **Arshif**: a fresh archive file through `Archive::add_articles`, 1,000 per transaction;
//! - **FTS5 unicode61**: plain SQLite FTS5 without an Arabic analyzer (same SQLite build);
//! - **Tantivy**: a dedicated search library whose tokenizer emits Arshif's stems.
//!
//! For each it reports import throughput (articles/s, MB/s of UTF-8 text), size on disk
//! relative to the text, and peak resident memory; then it runs a fixed set of Arabic queries
//! (see `queries.rs`) warm, many times, and reports p50, p99 and mean latency of a search that
//! returns the top 20 with snippets and the total count, plus hit counts that show what the
//! analyzer finds that unicode61 does not. Probes run the pieces of Arshif's search as SQL on
//! its own archive file (and the same search written FTS-first), and two import diagnostics
//! (the analyzer alone; FTS5 over Arshif's tokenizer without the archive's rows) show where the
//! time goes.
//!
//! Run it in release mode, on a quiet machine (see BENCHMARKS.md):
//!
//! ```text
//! cargo run --release -p arshif-bench -- --corpus ../shared/corpora/marsum-test.jsonl
//! cargo run --release -p arshif-bench -- --corpus PATH --quick          # 5,000 articles
//! cargo run --release -p arshif-bench -- --corpus PATH --articles 20000 --queries 400 --out DIR
//! cargo run --release -p arshif-bench -- --corpus PATH --keep DIR      # keep the indexes
//! ```
//!
//! The crate is a workspace member but not a default member: `cargo build` and `cargo test` at
//! the root never compile Tantivy.

mod corpus;
mod engines;
mod import_files;
mod measure;
mod near_dups;
mod queries;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use corpus::Corpus;
use engines::arshif::{Arshif, Piece, Probe};
use engines::fts5::{Fts5, Tokenizer};
use engines::tantivy_index::Tantivy;
use engines::Engine;
use measure::{Latency, Machine};
use queries::QUERIES;
use report::{QueryRun, Results, Run};

/// Errors end the run with a message; a benchmark has no caller to hand a typed error to.
pub type BoxResult<T> = Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage: arshif-bench --corpus PATH [--articles N] [--queries N] [--quick] \
[--out DIR] [--keep DIR]
       arshif-bench --corpus PATH [--articles N] --import-only
       arshif-bench --corpus PATH --import-files N
       arshif-bench --corpus PATH --near-duplicates

  --corpus PATH   the MArSum JSON-lines corpus (shared/corpora/marsum-test.jsonl)
  --articles N    articles to build and index (default 100000)
  --queries N     timed searches per engine, spread evenly over the query set (default 760)
  --quick         a smoke run: 5000 articles, 152 timed searches per engine
  --out DIR       also write DIR/results.json
  --keep DIR      build the indexes in DIR (new or empty) and keep them, for a closer look
  --import-only   import figures only: Arshif's bulk load beside FTS5 unicode61 and FTS5
                  over Arshif's tokenizer, no searches (about a minute at 100000)
  --import-files N  instead: write N article files (txt, html, md; some windows-1256, some
                  near-duplicates, a few broken) and import the folder as the app does
  --near-duplicates instead: measure the near-duplicate threshold on reprints and on every
                  pair of distinct corpus articles";

/// What a run measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The search benchmark (the default).
    Search,
    /// The import half of the search benchmark: no searches, no Tantivy.
    ImportOnly,
    /// Importing a folder of this many files (`import_files.rs`).
    ImportFiles(usize),
    /// The near-duplicate threshold (`near_dups.rs`).
    NearDuplicates,
}

#[derive(Debug)]
struct Options {
    mode: Mode,
    corpus: PathBuf,
    articles: usize,
    queries: usize,
    out: Option<PathBuf>,
    keep: Option<PathBuf>,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut corpus = None;
    let mut articles = None;
    let mut queries = None;
    let mut quick = false;
    let mut out = None;
    let mut keep = None;
    let mut mode = Mode::Search;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |name: &str, text: String| -> Result<usize, String> {
            text.replace(['_', ','], "")
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .ok_or(format!("{name} needs a positive number, not {text:?}"))
        };
        match arg.as_str() {
            "--corpus" => corpus = Some(PathBuf::from(value("--corpus")?)),
            "--articles" => articles = Some(number("--articles", value("--articles")?)?),
            "--queries" => queries = Some(number("--queries", value("--queries")?)?),
            "--quick" => quick = true,
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--keep" => keep = Some(PathBuf::from(value("--keep")?)),
            "--import-files" => {
                mode = Mode::ImportFiles(number("--import-files", value("--import-files")?)?)
            }
            "--import-only" => mode = Mode::ImportOnly,
            "--near-duplicates" => mode = Mode::NearDuplicates,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let per_query = if quick { 4 } else { 20 };
    Ok(Options {
        mode,
        corpus: corpus.ok_or("--corpus is required")?,
        articles: articles.unwrap_or(if quick { 5_000 } else { 100_000 }),
        queries: queries.unwrap_or(per_query * QUERIES.len()),
        out,
        keep,
    })
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("arshif-bench: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let ran = match options.mode {
        Mode::Search | Mode::ImportOnly => run(&options),
        Mode::ImportFiles(files) => import_files::run(&options.corpus, files),
        Mode::NearDuplicates => near_dups::run(&options.corpus),
    };
    match ran {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("arshif-bench: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> BoxResult<()> {
    let started = Instant::now();
    let machine = Machine::read();
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build; figures mean nothing (use --release)");
    }
    let corpus = Corpus::load(&options.corpus)?;
    eprintln!(
        "corpus: {} articles, {:.1} MB; building {} articles",
        corpus.len(),
        corpus.bytes as f64 / 1e6,
        options.articles
    );
    let duplicates = corpus.duplicates(options.articles);
    let rounds = options.queries.div_ceil(QUERIES.len());
    let temporary;
    let dir = match &options.keep {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            if std::fs::read_dir(dir)?.next().is_some() {
                return Err(format!("{} is not empty", dir.display()).into());
            }
            dir.as_path()
        }
        None => {
            temporary = tempfile::Builder::new().prefix("arshif-bench").tempdir()?;
            temporary.path()
        }
    };
    eprintln!("working in {}", dir.display());

    let mut builds = Vec::new();
    let mut runs = Vec::new();

    // `--import-only` builds the same archives but runs no search, and leaves Tantivy and the
    // analyzer-alone diagnostic out.
    let searching = options.mode != Mode::ImportOnly;
    let (mut arshif, build) = Arshif::build(&corpus, options.articles, dir)?;
    builds.push(build);
    if searching {
        let archive_path = arshif.path().ok_or("the archive has no file")?;
        runs.push(run_queries(&mut arshif, rounds)?);
        let mut arshif = arshif.with_facets(true);
        runs.push(run_queries(&mut arshif, rounds)?);
        drop(arshif);
        for piece in Piece::ALL {
            let mut probe = Probe::open(&archive_path, piece)?;
            runs.push(run_queries(&mut probe, rounds)?);
        }
    } else {
        drop(arshif);
    }

    let (mut fts5, build) = Fts5::build(&corpus, options.articles, dir, Tokenizer::Unicode61)?;
    builds.push(build);
    if searching {
        runs.push(run_queries(&mut fts5, rounds)?);
    }
    drop(fts5);

    if searching {
        let (mut tantivy, build) = Tantivy::build(&corpus, options.articles, dir)?;
        builds.push(build);
        runs.push(run_queries(&mut tantivy, rounds)?);
        drop(tantivy);
        // Diagnostic for import time: the analyzer alone.
        builds.push(engines::analyzer_only(&corpus, options.articles)?);
    }
    // Diagnostic for import time: FTS5 over the analyzer without the archive's own rows.
    let (_, build) = Fts5::build(&corpus, options.articles, dir, Tokenizer::Arshif)?;
    builds.push(build);

    let results = Results::new(
        machine,
        &corpus,
        options.articles,
        duplicates,
        if searching { rounds } else { 0 },
        builds,
        runs,
        started.elapsed(),
    );
    print!("{}", results.table());
    if let Some(out) = &options.out {
        std::fs::create_dir_all(out)?;
        let path = out.join("results.json");
        std::fs::write(&path, serde_json::to_string_pretty(&results)?)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// Runs every query once to warm caches (and to count hits), then `rounds` timed passes over
/// the whole set, one query after another.
fn run_queries(engine: &mut dyn Engine, rounds: usize) -> BoxResult<Run> {
    let name = engine.name();
    eprint!("  {name}: searching");
    let mut per_query: Vec<QueryRun> = Vec::with_capacity(QUERIES.len());
    for query in QUERIES {
        let outcome = engine.search(query.text)?;
        per_query.push(QueryRun::new(query, outcome));
    }
    let mut all = Vec::with_capacity(rounds * QUERIES.len());
    for _ in 0..rounds {
        for (query, run) in QUERIES.iter().zip(&mut per_query) {
            let clock = Instant::now();
            let outcome = engine.search(query.text)?;
            let elapsed = clock.elapsed();
            if outcome.total != run.hits {
                return Err(format!("{name}: {:?} found a different total", query.text).into());
            }
            run.samples.push(elapsed);
            all.push(elapsed);
        }
    }
    let latency = Latency::of(&all);
    eprintln!(
        "\r  {name}: p50 {:.2} ms, p99 {:.2} ms",
        latency.p50_ms, latency.p99_ms
    );
    for run in &mut per_query {
        run.finish();
    }
    Ok(Run {
        engine: name,
        latency,
        queries: per_query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str], expected: Result<(usize, usize), &str>) {
        let parsed =
            parse_args(args.iter().map(|s| s.to_string())).map(|o| (o.articles, o.queries));
        assert_eq!(parsed, expected.map_err(String::from), "{args:?}");
    }

    #[test]
    fn arguments() {
        let n = QUERIES.len();
        check(&["--corpus", "c"], Ok((100_000, 20 * n)));
        check(&["--corpus", "c", "--quick"], Ok((5_000, 4 * n)));
        check(
            &["--corpus", "c", "--articles", "20_000", "--queries", "50"],
            Ok((20_000, 50)),
        );
        check(&[], Err("--corpus is required"));
        check(
            &["--corpus", "c", "--articles", "0"],
            Err("--articles needs a positive number, not \"0\""),
        );
        check(&["--corpus"], Err("--corpus needs a value"));
        check(&["--bogus"], Err("unknown argument \"--bogus\""));
    }
}
