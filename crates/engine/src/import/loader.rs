//! The one place imports write: deduplicates, stores the original bytes and the articles, and
//! builds the report.
//!
//! Files go through in batches, in two stages that overlap: a worker thread reads and parses
//! the next batch (the importers are pure) while this thread writes the current one in a
//! single transaction. A crash or cancel loses at most the open batch, and a file that fails
//! to read or parse never reaches the database.
//!
//! A batch is written without a savepoint per file: FTS5 flushes its pending terms to disk at
//! every savepoint, which made per-file savepoints cost more than the writing itself. Every
//! check that can reject one file (size, encoding, parse, validation) runs before the write,
//! so a write error is either the archive failing (disk full: the batch rolls back and the run
//! stops) or unexpected; in that last case the batch is rolled back and written again with a
//! savepoint per file, so the one bad file still fails alone.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::files::{expand, Candidate};
use super::{
    importer_for, DuplicateFile, ImportError, ImportFailure, ImportOptions, ImportProgress,
    ImportReport, NearDuplicate, ParseContext, ParsedArticle,
};
use crate::articles::{find_by_text_hash, hex, insert_with_hash, text_hash, validate};
use crate::error::Result;
use crate::near_duplicates::{self, Signature};
use crate::search::prepared::{prepare_article, with_prepared, PreparedArticle};
use crate::{publications, Archive};

/// What happened to one file, before its batch commits.
#[derive(Default)]
struct FileOutcome {
    imported_ids: Vec<i64>,
    duplicates: Vec<DuplicateFile>,
    near_duplicates: Vec<NearDuplicate>,
}

/// Reads at most `limit + 1` bytes, so a 5 GB file is refused without being loaded.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    let file = std::fs::File::open(path).map_err(ImportError::Unreadable)?;
    let size = file.metadata().map_err(ImportError::Unreadable)?.len();
    if size > limit {
        return Err(ImportError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ImportError::Unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// One article of a parsed file, with the hash that finds it again and the signature that
/// finds its near-duplicates (both computed here, off the writing thread).
struct ReadyArticle {
    parsed: ParsedArticle,
    text_hash: String,
    /// Its index terms, analyzed on the worker thread while there is budget for them (see
    /// [`ANALYZED_BYTES`]); otherwise the tokenizer analyzes it while writing.
    prepared: Option<PreparedArticle>,
    signature: Option<Signature>,
}

/// A file read, hashed, parsed and validated: everything but the writing.
struct ReadyFile {
    bytes: Vec<u8>,
    sha256: String,
    importer: &'static str,
    encoding: &'static str,
    articles: Vec<ReadyArticle>,
}

/// A file of a batch and what the first stage made of it.
struct Prepared<'a> {
    path: &'a Path,
    ready: Result<ReadyFile, ImportFailure>,
}

/// The first stage for one file. Runs on the worker thread, so it never touches the archive.
fn prepare_file(
    path: &Path,
    chosen: bool,
    options: &ImportOptions,
    context: &ParseContext,
) -> Result<ReadyFile, ImportError> {
    let importer = importer_for(path, chosen).ok_or_else(|| {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        ImportError::UnsupportedType(extension)
    })?;
    let limit = importer.max_file_bytes().unwrap_or(options.max_file_bytes);
    let bytes = read_bounded(path, limit)?;
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let parsed = importer.parse(&bytes, path, context)?;
    let articles = parsed
        .articles
        .into_iter()
        .map(|parsed| {
            validate(&parsed.article)?;
            let text_hash = text_hash(parsed.article.title.trim(), &parsed.article.body);
            let signature = Signature::of(&parsed.article.body);
            Ok(ReadyArticle {
                parsed,
                text_hash,
                prepared: None,
                signature,
            })
        })
        .collect::<Result<Vec<_>, crate::Error>>()?;
    Ok(ReadyFile {
        bytes,
        sha256,
        importer: importer.name(),
        encoding: parsed.encoding,
        articles,
    })
}

/// The first stage for the batch starting at `start`: files until the batch has
/// `options.batch_size` files or holds [`BATCH_BYTES`], so that two batches in memory (one
/// parsed, one being written) stay small however large the files. Stops early when `stop` is
/// set. Returns the batch and where the next one starts.
fn prepare_batch<'a>(
    candidates: &'a [Candidate],
    start: usize,
    options: &ImportOptions,
    context: &ParseContext,
    stop: &dyn Fn() -> bool,
) -> (Vec<Prepared<'a>>, usize) {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    let mut analyzed = 0usize;
    let mut next = start;
    for candidate in &candidates[start..] {
        if batch.len() >= options.batch_size.max(1) || bytes >= BATCH_BYTES || stop() {
            break;
        }
        next += 1;
        let mut prepared = match candidate {
            Candidate::Unusable { path, error } => Prepared {
                path,
                ready: Err(failure(path, error)),
            },
            Candidate::File { path, chosen } => Prepared {
                path,
                ready: prepare_file(path, *chosen, options, context)
                    .map_err(|error| failure(path, &error)),
            },
        };
        if let Ok(ready) = &mut prepared.ready {
            bytes += ready.bytes.len();
            for article in &mut ready.articles {
                let text = &article.parsed.article;
                if analyzed + text.body.len() <= ANALYZED_BYTES {
                    analyzed += text.title.len() + text.body.len();
                    article.prepared = Some(prepare_article(&text.title, &text.body));
                }
            }
        }
        batch.push(prepared);
    }
    (batch, next)
}

/// Bytes of files held by one batch before it is handed over for writing.
const BATCH_BYTES: usize = 64 * 1024 * 1024;

/// Text per batch whose index terms the worker analyzes ahead of the writer. Terms take about
/// fifteen times the memory of their text, so this bounds them to about 120 MB a batch; text
/// beyond it is analyzed while writing, as before.
const ANALYZED_BYTES: usize = 8 * 1024 * 1024;

/// The second stage for one file, inside the caller's transaction.
fn write_file(conn: &Connection, path: &Path, file: &ReadyFile) -> Result<FileOutcome> {
    let mut outcome = FileOutcome::default();
    let same_file: Option<i64> = conn
        .prepare_cached(
            "SELECT article_id FROM provenance WHERE file_sha256 = ?1 ORDER BY article_id LIMIT 1",
        )?
        .query_row([&file.sha256], |row| row.get(0))
        .optional()?;
    if let Some(existing_id) = same_file {
        outcome.duplicates.push(DuplicateFile {
            file: display(path),
            existing_id,
            kind: "same_file".into(),
        });
        return Ok(outcome);
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let absolute_path = display(&absolute);
    let mut stored_original = false;
    for ready in &file.articles {
        if let Some(existing_id) = find_by_text_hash(conn, &ready.text_hash)? {
            outcome.duplicates.push(DuplicateFile {
                file: display(path),
                existing_id,
                kind: "same_text".into(),
            });
            continue;
        }
        // An article re-imported from our own export keeps the provenance and original file
        // it had in the exporting archive; any other article comes from this file.
        let origin = ready
            .parsed
            .article
            .origin
            .as_ref()
            .and_then(|origin| Some((&origin.provenance, origin.bytes.as_deref()?)));
        match origin {
            Some((provenance, bytes)) => store_original(conn, &provenance.sha256, bytes)?,
            None if !stored_original => {
                stored_original = true;
                store_original(conn, &file.sha256, &file.bytes)?;
            }
            None => {}
        }
        let id = with_prepared(ready.prepared.as_ref(), || {
            insert_with_hash(conn, &ready.parsed.article, &ready.text_hash)
        })?;
        if let Some(signature) = &ready.signature {
            for found in near_duplicates::record(conn, id, signature)? {
                outcome.near_duplicates.push(NearDuplicate {
                    file: display(path),
                    article_id: id,
                    other_id: found.other_id,
                    similarity: found.similarity,
                });
            }
        }
        let source = match origin {
            Some((provenance, _)) => Source {
                file_name: &provenance.file_name,
                file_path: &provenance.file_path,
                sha256: &provenance.sha256,
                encoding: &provenance.encoding,
                importer: &provenance.importer,
            },
            None => Source {
                file_name: &file_name,
                file_path: &absolute_path,
                sha256: &file.sha256,
                encoding: file.encoding,
                importer: file.importer,
            },
        };
        conn.prepare_cached(
            "INSERT INTO provenance (article_id, file_name, file_path, file_sha256, encoding,
                 importer, boilerplate_removed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            id,
            source.file_name,
            source.file_path,
            source.sha256,
            source.encoding,
            source.importer,
            ready.parsed.boilerplate_removed
        ])?;
        outcome.imported_ids.push(id);
    }
    Ok(outcome)
}

/// Where an article's provenance row says it came from.
struct Source<'a> {
    file_name: &'a str,
    file_path: &'a str,
    sha256: &'a str,
    encoding: &'a str,
    importer: &'a str,
}

/// Keeps a file's bytes, once per content (originals are shared by hash).
fn store_original(conn: &Connection, sha256: &str, bytes: &[u8]) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO originals (sha256, size, bytes) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![sha256, bytes.len() as u64, bytes])?;
    Ok(())
}

/// How a batch's write ended.
enum Written {
    /// Committed, possibly only part of it if the user cancelled (what was written is kept).
    Committed(ImportReport),
    /// An unexpected error from one file: nothing was kept, write again with savepoints.
    Retry,
    /// The archive cannot take writes: nothing of this batch was kept.
    Fatal(crate::Error),
}

/// Why a file of a batch was not imported.
enum Failed {
    /// Reading, parsing or validating it failed; the archive was not touched.
    Before(ImportFailure),
    /// Writing it failed.
    Writing(crate::Error),
}

/// Shared by every file of one run: reports progress and watches for a cancel.
struct Run<'a> {
    progress: &'a mut dyn FnMut(&ImportProgress),
    cancel: Option<&'a AtomicBool>,
    done: u64,
    total: u64,
}

impl Run<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// The second stage for a batch: one transaction; with `savepoints`, one savepoint per file.
fn write_batch(
    conn: &mut Connection,
    batch: &[Prepared<'_>],
    savepoints: bool,
    run: &mut Run<'_>,
) -> Result<Written> {
    let first_done = run.done;
    let mut report = ImportReport::default();
    let mut tx = conn.transaction()?;
    for (index, prepared) in batch.iter().enumerate() {
        if run.cancelled() {
            break;
        }
        let result = match &prepared.ready {
            Err(failed) => Err(Failed::Before(failed.clone())),
            Ok(file) if savepoints => {
                let savepoint = tx.savepoint()?;
                let written = write_file(&savepoint, prepared.path, file);
                // A failed file's savepoint rolls back when dropped.
                if written.is_ok() {
                    savepoint.commit()?;
                }
                written.map_err(Failed::Writing)
            }
            Ok(file) => write_file(&tx, prepared.path, file).map_err(Failed::Writing),
        };
        // Counted from the batch's start, so a batch written again reports the same figures.
        run.done = first_done + index as u64 + 1;
        (run.progress)(&ImportProgress {
            done: run.done,
            total: run.total,
            current_file: display(prepared.path),
        });
        match result {
            Ok(outcome) => {
                report.imported += outcome.imported_ids.len() as u64;
                report.imported_ids.extend(outcome.imported_ids);
                report.duplicates += outcome.duplicates.len() as u64;
                report.duplicate_files.extend(outcome.duplicates);
                report.near_duplicates.extend(outcome.near_duplicates);
            }
            Err(Failed::Before(failed)) => report.failed.push(failed),
            Err(Failed::Writing(error)) if is_fatal(&error) => {
                run.done = first_done;
                return Ok(Written::Fatal(error));
            }
            Err(Failed::Writing(_)) if !savepoints => {
                run.done = first_done;
                return Ok(Written::Retry);
            }
            Err(Failed::Writing(error)) => report
                .failed
                .push(failure(prepared.path, &ImportError::Archive(error))),
        }
    }
    tx.commit()?;
    Ok(Written::Committed(report))
}

impl Archive {
    /// Imports files and folders (walked recursively for supported types) and reports what
    /// happened to each. `progress` hears after every file; setting `cancel` stops after the
    /// current file, keeping everything done so far.
    ///
    /// Per-file problems (unreadable, binary, unknown encoding, too large…) are listed in the
    /// report and the run goes on. An error from the archive itself (disk full, read-only) ends
    /// the run: the open batch is rolled back, its files are reported failed with that reason,
    /// and the error is returned only if nothing could be committed at all.
    pub fn import_paths(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress),
        cancel: Option<&AtomicBool>,
    ) -> Result<ImportReport> {
        let candidates = expand(paths);
        let context = ParseContext {
            known_publications: publications::known_spellings(&self.conn)?,
        };
        let mut run = Run {
            progress,
            cancel,
            done: 0,
            total: candidates.len() as u64,
        };
        // Set when writing has stopped for good, so the worker stops parsing.
        let halted = AtomicBool::new(false);
        let stop =
            || halted.load(Ordering::Relaxed) || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
        let conn = &mut self.conn;
        let mut report = ImportReport::default();
        std::thread::scope(|scope| {
            let prepare = |start: usize| {
                let (candidates, context, stop) = (&candidates, &context, &stop);
                scope.spawn(move || prepare_batch(candidates, start, options, context, stop))
            };
            let mut write_all = || -> Result<()> {
                let mut next_batch = (!candidates.is_empty()).then(|| prepare(0));
                while let Some(worker) = next_batch.take() {
                    let (batch, next) = worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    if next < candidates.len() && !stop() {
                        next_batch = Some(prepare(next));
                    }
                    let mut written = write_batch(conn, &batch, false, &mut run)?;
                    if matches!(written, Written::Retry) {
                        written = write_batch(conn, &batch, true, &mut run)?;
                    }
                    match written {
                        Written::Committed(batch_report) => merge(&mut report, batch_report),
                        Written::Retry => {
                            unreachable!("a batch written with savepoints never asks again")
                        }
                        Written::Fatal(error) => {
                            if report.imported == 0 && report.duplicates == 0 {
                                return Err(error);
                            }
                            // The batch was rolled back: none of its files are in the archive.
                            report
                                .failed
                                .extend(batch.iter().map(|prepared| ImportFailure {
                                    file: display(prepared.path),
                                    code: error.code().into(),
                                    reason: error.to_string(),
                                }));
                            return Ok(());
                        }
                    }
                    if run.cancelled() && run.done < run.total {
                        report.cancelled = true;
                        return Ok(());
                    }
                }
                Ok(())
            };
            let written = write_all();
            // The worker may be parsing a batch nobody will write; let it stop.
            halted.store(true, Ordering::Relaxed);
            written
        })?;
        Ok(report)
    }
}

/// Errors after which writing more cannot succeed.
fn is_fatal(error: &crate::Error) -> bool {
    matches!(
        error,
        crate::Error::DiskFull
            | crate::Error::ReadOnly
            | crate::Error::Corrupt(_)
            | crate::Error::Io { .. }
    )
}

fn failure(path: &Path, error: &ImportError) -> ImportFailure {
    ImportFailure {
        file: display(path),
        code: error.code().into(),
        reason: error.to_string(),
    }
}

fn merge(report: &mut ImportReport, batch: ImportReport) {
    report.imported += batch.imported;
    report.duplicates += batch.duplicates;
    report.failed.extend(batch.failed);
    report.imported_ids.extend(batch.imported_ids);
    report.duplicate_files.extend(batch.duplicate_files);
    report.near_duplicates.extend(batch.near_duplicates);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_articles(dir: &Path, count: usize) -> Vec<PathBuf> {
        (0..count)
            .map(|i| {
                let path = dir.join(format!("{i:02}.txt"));
                std::fs::write(&path, format!("عنوان {i}\nنص المقال رقم {i} عن التعاون.")).unwrap();
                path
            })
            .collect()
    }

    #[test]
    fn an_unexpected_write_error_fails_only_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut archive = Archive::open(dir.path().join("a.arshif")).unwrap();
        // Stands in for any write error no check before the write could see coming.
        archive
            .conn
            .execute_batch(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON articles WHEN new.title = 'عنوان 3'
                 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
            )
            .unwrap();
        let paths = write_articles(dir.path(), 6);
        let options = ImportOptions {
            batch_size: 4,
            ..ImportOptions::default()
        };
        let mut seen = Vec::new();
        let report = archive
            .import_paths(&paths, &options, &mut |p| seen.push(p.done), None)
            .unwrap();
        assert_eq!(report.imported, 5, "{report:?}");
        assert_eq!(report.failed.len(), 1);
        assert!(report.failed[0].file.ends_with("03.txt"), "{report:?}");
        assert_eq!(archive.stats().unwrap().articles, 5);
        // The first batch was written twice; its progress repeats, never exceeds the total.
        assert_eq!(seen.last(), Some(&6));
        assert!(seen.iter().all(|&done| (1..=6).contains(&done)), "{seen:?}");
    }

    #[test]
    fn the_writer_takes_terms_analyzed_by_the_worker() {
        use crate::search::prepared::tests::TAKEN;
        let dir = tempfile::tempdir().unwrap();
        let mut archive = Archive::open(dir.path().join("a.arshif")).unwrap();
        let paths = write_articles(dir.path(), 3);
        TAKEN.with(|taken| taken.set(0));
        let report = archive
            .import_paths(&paths, &ImportOptions::default(), &mut |_| {}, None)
            .unwrap();
        assert_eq!(report.imported, 3);
        // A title and a body per article, none analyzed again on the writing thread.
        assert_eq!(TAKEN.with(std::cell::Cell::get), 6);
    }

    #[test]
    fn batches_end_at_the_file_count_or_at_a_stop() {
        let dir = tempfile::tempdir().unwrap();
        let paths = write_articles(dir.path(), 5);
        let candidates = expand(&paths);
        let options = ImportOptions {
            batch_size: 2,
            ..ImportOptions::default()
        };
        let context = ParseContext::default();
        let (batch, next) = prepare_batch(&candidates, 0, &options, &context, &|| false);
        assert_eq!((batch.len(), next), (2, 2));
        let (batch, next) = prepare_batch(&candidates, 4, &options, &context, &|| false);
        assert_eq!((batch.len(), next), (1, 5));
        // A stop before the first file yields an empty batch that leaves its files to nobody.
        let (batch, next) = prepare_batch(&candidates, 0, &options, &context, &|| true);
        assert_eq!((batch.len(), next), (0, 0));
    }
}
