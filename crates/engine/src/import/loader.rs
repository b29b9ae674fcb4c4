//! The one place imports write: deduplicates, stores the original bytes and the articles, and
//! builds the report. Each batch of files is one transaction and each file a savepoint in it, so a
//! bad file never takes its neighbours down and a crash or cancel loses at most the open batch.
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::files::{expand, Candidate};
use super::{
    importer_for, DuplicateFile, ImportError, ImportFailure, ImportOptions, ImportProgress,
    ImportReport, ParseContext,
};
use crate::articles::{find_by_text_hash, hex, insert, text_hash};
use crate::error::Result;
use crate::{publications, Archive};

/// What happened to one file, before its batch commits.
#[derive(Default)]
struct FileOutcome {
    imported_ids: Vec<i64>,
    duplicates: Vec<DuplicateFile>,
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

/// Imports one file inside the caller's savepoint.
fn import_file(
    conn: &Connection,
    path: &Path,
    chosen: bool,
    options: &ImportOptions,
    context: &ParseContext,
) -> Result<FileOutcome, ImportError> {
    let importer = importer_for(path, chosen).ok_or_else(|| {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        ImportError::UnsupportedType(extension)
    })?;
    let bytes = read_bounded(path, options.max_file_bytes)?;
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let mut outcome = FileOutcome::default();
    let same_file: Option<i64> = conn
        .query_row(
            "SELECT article_id FROM provenance WHERE file_sha256 = ?1 ORDER BY article_id LIMIT 1",
            [&sha256],
            |row| row.get(0),
        )
        .optional()
        .map_err(crate::Error::from)?;
    if let Some(existing_id) = same_file {
        outcome.duplicates.push(DuplicateFile {
            file: display(path),
            existing_id,
            kind: "same_file".into(),
        });
        return Ok(outcome);
    }
    let parsed = importer.parse(&bytes, path, context)?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stored_original = false;
    for parsed_article in parsed.articles {
        let article = &parsed_article.article;
        if let Some(existing_id) =
            find_by_text_hash(conn, &text_hash(article.title.trim(), &article.body))?
        {
            outcome.duplicates.push(DuplicateFile {
                file: display(path),
                existing_id,
                kind: "same_text".into(),
            });
            continue;
        }
        if !stored_original {
            conn.execute(
                "INSERT OR IGNORE INTO originals (sha256, size, bytes) VALUES (?1, ?2, ?3)",
                params![sha256, bytes.len() as u64, bytes],
            )
            .map_err(crate::Error::from)?;
            stored_original = true;
        }
        let id = insert(conn, article)?;
        conn.execute(
            "INSERT INTO provenance (article_id, file_name, file_path, file_sha256, encoding,
                 importer, boilerplate_removed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                file_name,
                display(&absolute),
                sha256,
                parsed.encoding,
                importer.name(),
                parsed_article.boilerplate_removed
            ],
        )
        .map_err(crate::Error::from)?;
        outcome.imported_ids.push(id);
    }
    Ok(outcome)
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
        let total = candidates.len() as u64;
        let context = ParseContext {
            known_publications: publications::known_spellings(&self.conn)?,
        };
        let mut report = ImportReport::default();
        let mut done = 0u64;
        let batch_size = options.batch_size.max(1);
        for batch in candidates.chunks(batch_size) {
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                report.cancelled = true;
                break;
            }
            let mut pending = ImportReport::default();
            let mut tx = self.conn.transaction()?;
            let mut fatal = None;
            for candidate in batch {
                if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                    report.cancelled = true;
                    break;
                }
                let (path, result) = match candidate {
                    Candidate::Unusable { path, error } => {
                        pending.failed.push(failure(path, error));
                        done += 1;
                        progress(&ImportProgress {
                            done,
                            total,
                            current_file: display(path),
                        });
                        continue;
                    }
                    Candidate::File { path, chosen } => {
                        let savepoint = tx.savepoint()?;
                        let result = import_file(&savepoint, path, *chosen, options, &context);
                        // A failed file's savepoint rolls back when dropped.
                        if result.is_ok() {
                            savepoint.commit()?;
                        }
                        (path, result)
                    }
                };
                done += 1;
                progress(&ImportProgress {
                    done,
                    total,
                    current_file: display(path),
                });
                match result {
                    Ok(outcome) => {
                        pending.imported += outcome.imported_ids.len() as u64;
                        pending.imported_ids.extend(outcome.imported_ids);
                        pending.duplicates += outcome.duplicates.len() as u64;
                        pending.duplicate_files.extend(outcome.duplicates);
                    }
                    Err(ImportError::Archive(error)) if is_fatal(&error) => {
                        fatal = Some(error);
                        break;
                    }
                    Err(error) => pending.failed.push(failure(path, &error)),
                }
            }
            if let Some(error) = fatal {
                drop(tx);
                if report.imported == 0 && report.duplicates == 0 {
                    return Err(error);
                }
                // The batch was rolled back: none of its files are in the archive.
                for candidate in batch {
                    let path = match candidate {
                        Candidate::File { path, .. } | Candidate::Unusable { path, .. } => path,
                    };
                    report.failed.push(ImportFailure {
                        file: display(path),
                        code: error.code().into(),
                        reason: error.to_string(),
                    });
                }
                return Ok(report);
            }
            tx.commit()?;
            merge(&mut report, pending);
            if report.cancelled {
                break;
            }
        }
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
}
