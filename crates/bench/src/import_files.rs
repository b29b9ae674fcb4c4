//! `--import-files N`: importing a folder of article files exactly as the app does
//! (`Archive::import_paths` with the default options, the loader's worker thread and batches),
//! against two peers on the same input: the same folder written one file per transaction
//! (`batch_size: 1`), and the same texts inserted into a plain FTS5 unicode61 table.
//!
//! The folder mixes what an archivist's disk holds: `.txt` (one in ten encoded windows-1256),
//! saved `.html` pages with navigation and footer, `.md` with front matter; one file in fifty
//! is a lightly edited reprint of an earlier one (flagged as a near-duplicate), one in a
//! thousand is broken (an image renamed `.html`, an empty file).
use std::path::{Path, PathBuf};
use std::time::Instant;

use arshif_engine::{Archive, ImportOptions, ImportReport};
use rusqlite::{params, Connection};

use crate::corpus::{Article, Corpus};
use crate::measure::{disk_size, Memory};
use crate::near_dups::{edit, split_sentences, Edit};
use crate::BoxResult;

/// Files per subfolder, so the walk goes through folders as a real archive's would.
const PER_FOLDER: usize = 500;

/// What one file of the folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Text,
    TextWindows1256,
    Html,
    Markdown,
    /// An edited reprint of an earlier article, as text.
    Reprint,
    /// An image renamed `.html`.
    Binary,
    Empty,
}

/// The kind of file number `index`: a fixed pattern, so every run writes the same folder.
fn kind(index: usize) -> Kind {
    match (index % 1_000, index % 50, index % 20) {
        (499, _, _) => Kind::Binary,
        (999, _, _) => Kind::Empty,
        // Not the first files: a reprint needs an article 37 files earlier.
        (_, 25, _) if index >= 50 => Kind::Reprint,
        (_, _, 0..=11) if index % 10 == 3 => Kind::TextWindows1256,
        (_, _, 0..=11) => Kind::Text,
        (_, _, 12..=16) => Kind::Html,
        _ => Kind::Markdown,
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The bytes of file `index` and its extension, and the text an FTS5 table gets for it.
fn file(corpus: &Corpus, index: usize) -> (Vec<u8>, &'static str, Option<(String, String)>) {
    let article = corpus.article(index);
    let Article {
        title, body, date, ..
    } = &article;
    let text_file = |body: &str| format!("{title}\nGoud.ma\n\n{body}\n");
    match kind(index) {
        Kind::Text => (
            text_file(body).into_bytes(),
            "txt",
            Some((title.clone(), body.clone())),
        ),
        Kind::TextWindows1256 => {
            // Letters windows-1256 lacks (گ, ڤ) come out as numeric references, as an old
            // site's export would have them.
            let text = text_file(body);
            let bytes = encoding_rs::WINDOWS_1256.encode(&text).0.into_owned();
            (bytes, "txt", Some((title.clone(), body.clone())))
        }
        Kind::Html => {
            let paragraphs: String = body
                .split("\n\n")
                .map(|p| format!("<p>{}</p>\n", escape_html(p)))
                .collect();
            let page = format!(
                "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
                 <title>{t} | كود</title><meta property=\"og:title\" content=\"{t}\">\
                 <meta property=\"article:published_time\" content=\"{date}T10:00:00+01:00\">\
                 <script>var ads = [];</script></head><body><nav><a href=\"/\">الرئيسية</a> \
                 <a href=\"/politique\">سياسة</a></nav><article><h1>{t}</h1>\n{paragraphs}\
                 </article><aside>اقرأ أيضا</aside><footer>جميع الحقوق محفوظة</footer>\
                 </body></html>\n",
                t = escape_html(title)
            );
            (
                page.into_bytes(),
                "html",
                Some((title.clone(), body.clone())),
            )
        }
        Kind::Markdown => {
            let page = format!("---\ndate: {date}\n---\n\n# {title}\n\n{body}\n");
            (page.into_bytes(), "md", Some((title.clone(), body.clone())))
        }
        Kind::Reprint => {
            let earlier = corpus.article(index - 37);
            let donor = corpus.article(index + 1);
            let sentence = split_sentences(&donor.body)
                .into_iter()
                .find(|s| s.split_whitespace().count() >= 8)
                .unwrap_or("وأضاف المصدر ذاته أن التحقيقات ما تزال جارية في هذه القضية.");
            let kind = if index % 100 == 25 {
                Edit::SentenceAdded
            } else {
                Edit::Typos
            };
            let edited = edit(&earlier.body, kind, sentence, index);
            (
                format!("{}\nGoud.ma\n\n{edited}\n", earlier.title).into_bytes(),
                "txt",
                Some((earlier.title.clone(), edited)),
            )
        }
        Kind::Binary => {
            let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
            bytes.extend((0..4_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
            (bytes, "html", None)
        }
        Kind::Empty => (Vec::new(), "txt", None),
    }
}

/// Writes the folder; returns the texts (title, body) a plain index gets and the bytes written.
fn write_folder(
    corpus: &Corpus,
    files: usize,
    root: &Path,
) -> BoxResult<(Vec<(String, String)>, u64)> {
    let mut texts = Vec::with_capacity(files);
    let mut bytes = 0u64;
    for index in 0..files {
        let folder = root.join(format!("{:03}", index / PER_FOLDER));
        if index % PER_FOLDER == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let (content, extension, text) = file(corpus, index);
        bytes += content.len() as u64;
        std::fs::write(
            folder.join(format!("article-{index:05}.{extension}")),
            content,
        )?;
        texts.extend(text);
    }
    Ok((texts, bytes))
}

/// One import run's figures.
struct Run {
    name: String,
    seconds: f64,
    /// Resident memory before the run: the process already holds the corpus and the texts.
    rss_before_bytes: u64,
    peak_rss_bytes: u64,
    disk_bytes: u64,
    report: Option<ImportReport>,
}

fn import(name: &str, root: &Path, archive_path: &Path, options: ImportOptions) -> BoxResult<Run> {
    let mut archive = Archive::open(archive_path)?;
    Memory::reset_peak();
    let before = Memory::now().unwrap_or_default().rss_bytes;
    eprint!("  {name}: importing");
    let clock = Instant::now();
    let mut last = 0;
    let report = archive.import_paths(
        &[root.to_path_buf()],
        &options,
        &mut |p| {
            if p.done >= last + 1_000 {
                last = p.done;
                eprint!("\r  {name}: {}/{}", p.done, p.total);
            }
        },
        None,
    )?;
    let seconds = clock.elapsed().as_secs_f64();
    let peak = Memory::now().unwrap_or_default().peak_rss_bytes;
    drop(archive);
    eprintln!("\r  {name}: {seconds:.1} s");
    Ok(Run {
        name: name.into(),
        seconds,
        rss_before_bytes: before,
        peak_rss_bytes: peak,
        disk_bytes: sqlite_size(archive_path),
        report: Some(report),
    })
}

/// The database and its WAL.
fn sqlite_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    disk_size(path) + disk_size(&PathBuf::from(wal))
}

/// The same texts into FTS5 with unicode61, 200 a transaction (the loader's batch size), with
/// the same connection settings as an archive.
fn fts5_peer(texts: &[(String, String)], path: &Path) -> BoxResult<Run> {
    let mut conn = Connection::open(path)?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    Memory::reset_peak();
    let before = Memory::now().unwrap_or_default().rss_bytes;
    let clock = Instant::now();
    for chunk in texts.chunks(ImportOptions::default().batch_size) {
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare_cached("INSERT INTO t (title, body) VALUES (?1, ?2)")?;
            for (title, body) in chunk {
                insert.execute(params![title, body])?;
            }
        }
        tx.commit()?;
    }
    let seconds = clock.elapsed().as_secs_f64();
    let peak = Memory::now().unwrap_or_default().peak_rss_bytes;
    drop(conn);
    eprintln!("  FTS5 unicode61: {seconds:.1} s");
    Ok(Run {
        name: "FTS5 unicode61, plain INSERTs of the texts (no files, no parsing)".into(),
        seconds,
        rss_before_bytes: before,
        peak_rss_bytes: peak,
        disk_bytes: sqlite_size(path),
        report: None,
    })
}

/// The planted reprints the report flags, each counted once, known by their file numbers.
fn planted_found(report: &ImportReport) -> usize {
    let mut found: Vec<usize> = report
        .near_duplicates
        .iter()
        .filter_map(|near| {
            let name = Path::new(&near.file).file_stem()?.to_str()?;
            name.strip_prefix("article-")?.parse().ok()
        })
        .filter(|&index| kind(index) == Kind::Reprint)
        .collect();
    found.sort_unstable();
    found.dedup();
    found.len()
}

pub fn run(corpus_path: &Path, files: usize) -> BoxResult<()> {
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build; figures mean nothing (use --release)");
    }
    let machine = crate::measure::Machine::read();
    let corpus = Corpus::load(corpus_path)?;
    let work = tempfile::Builder::new().prefix("arshif-import").tempdir()?;
    let root = work.path().join("articles");
    eprintln!("writing {files} files under {}", root.display());
    let (texts, bytes) = write_folder(&corpus, files, &root)?;
    let mb = bytes as f64 / 1e6;
    let text_mb = texts.iter().map(|(t, b)| t.len() + b.len()).sum::<usize>() as f64 / 1e6;
    let runs = [
        import(
            "Arshif, import_paths (batches of 200)",
            &root,
            &work.path().join("a.arshif"),
            ImportOptions::default(),
        )?,
        import(
            "Arshif, import_paths with batch_size 1",
            &root,
            &work.path().join("b.arshif"),
            ImportOptions {
                batch_size: 1,
                ..ImportOptions::default()
            },
        )?,
        fts5_peer(&texts, &work.path().join("fts5.db"))?,
    ];
    // What an archive from before near-duplicates pays once, when it is first opened by a
    // build that has them: every signature computed and every pair flagged in one go.
    let mut archive = Archive::open(work.path().join("a.arshif"))?;
    let clock = Instant::now();
    archive.rebuild_near_duplicates()?;
    let rebuild_seconds = clock.elapsed().as_secs_f64();
    let articles = archive.stats()?.articles;
    drop(archive);
    println!(
        "\nnear-duplicate signatures of all {articles} articles computed again (as at the first \
         open of an archive from before schema 4): {rebuild_seconds:.1} s"
    );
    println!(
        "\n{files} files, {mb:.1} MB on disk ({text_mb:.1} MB of UTF-8 title and body text); \
         {} cores, load {:.2} before\n",
        machine.cores, machine.load_before
    );
    println!("| Run | s | files/s | MB/s (files) | RSS before MB | Peak RSS MB | Disk MB |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for run in &runs {
        println!(
            "| {} | {:.1} | {:.0} | {:.2} | {:.0} | {:.0} | {:.1} |",
            run.name,
            run.seconds,
            files as f64 / run.seconds,
            mb / run.seconds,
            run.rss_before_bytes as f64 / 1_048_576.0,
            run.peak_rss_bytes as f64 / 1_048_576.0,
            run.disk_bytes as f64 / 1e6
        );
    }
    let planted = (0..files).filter(|&i| kind(i) == Kind::Reprint).count();
    println!(
        "\n| Run | imported | duplicates | near-duplicates | planted reprints flagged | failed |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for run in &runs {
        if let Some(report) = &run.report {
            println!(
                "| {} | {} | {} | {} | {}/{planted} | {} |",
                run.name,
                report.imported,
                report.duplicates,
                report.near_duplicates.len(),
                planted_found(report),
                report.failed.len()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_mixes_kinds_in_fixed_shares() {
        let mut counts = std::collections::HashMap::new();
        for index in 0..10_000 {
            *counts.entry(kind(index)).or_insert(0) += 1;
        }
        let count = |k| counts.get(&k).copied().unwrap_or(0);
        assert_eq!(count(Kind::Binary) + count(Kind::Empty), 20);
        assert_eq!(count(Kind::Reprint), 199);
        assert!(count(Kind::TextWindows1256) > 400, "{counts:?}");
        assert!(
            count(Kind::Html) > 2_000 && count(Kind::Markdown) > 1_000,
            "{counts:?}"
        );
    }
}
