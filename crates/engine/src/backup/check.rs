//! The health check of an archive: SQLite's own integrity check, the links between records
//! (foreign keys), and the search index against the articles, summed up in plain language.
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::db::{check_header, connect, verify_schema};
use crate::error::{Error, Result};
use crate::search::fts_tokenizer;
use crate::Archive;

/// A record that points at another record which does not exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenLink {
    /// The table holding the dangling reference, e.g. `article_tags`.
    pub table: String,
    pub rowid: Option<i64>,
    /// The table it should point into, e.g. `tags`.
    pub missing_in: String,
}

/// What [`Archive::check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// True when nothing below is wrong.
    pub healthy: bool,
    /// The lines of `PRAGMA integrity_check` other than `ok`: damage to the file itself.
    pub integrity_problems: Vec<String>,
    /// The rows of `PRAGMA foreign_key_check`.
    pub broken_links: Vec<BrokenLink>,
    /// Why the full-text index does not match the articles, if it does not.
    pub search_index_problem: Option<String>,
    /// Articles in the archive, when they can still be counted.
    pub articles: Option<u64>,
    /// One or two English sentences for a person, saying what to do next.
    pub summary: String,
}

/// The problems `PRAGMA integrity_check` reports; an error while checking is a problem too.
pub(crate) fn integrity_problems(conn: &Connection) -> Vec<String> {
    let rows = conn.prepare("PRAGMA integrity_check").and_then(|mut stmt| {
        stmt.query_map([], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()
    });
    match rows {
        Ok(lines) => lines.into_iter().filter(|line| line != "ok").collect(),
        Err(error) => vec![error.to_string()],
    }
}

fn broken_links(conn: &Connection) -> std::result::Result<Vec<BrokenLink>, rusqlite::Error> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let links = stmt
        .query_map([], |row| {
            Ok(BrokenLink {
                table: row.get(0)?,
                rowid: row.get(1)?,
                missing_in: row.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(links)
}

/// FTS5's own check of the index. The rank value 1 makes it also compare the index with its
/// external content table (`articles`); without it FTS5 checks only its internal consistency.
fn search_index_problem(conn: &Connection) -> Option<String> {
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .err()
    .map(|error| error.to_string())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn summary(report: &CheckReport) -> String {
    if report.healthy {
        let articles = report.articles.unwrap_or(0);
        return format!(
            "The archive is healthy: {}; the file, the links between records and the search \
             index all check out.",
            plural(articles as usize, "article", "articles")
        );
    }
    let mut sentences = Vec::new();
    if !report.integrity_problems.is_empty() {
        sentences.push(format!(
            "The archive file is damaged ({} found by SQLite). Restore a recent backup; keep \
             this file until the restored archive has been checked.",
            plural(report.integrity_problems.len(), "problem", "problems")
        ));
    }
    if !report.broken_links.is_empty() {
        sentences.push(format!(
            "{} to records that no longer exist.",
            plural(report.broken_links.len(), "record points", "records point")
        ));
    }
    if report.search_index_problem.is_some() {
        sentences.push(
            "The search index does not match the articles, so some searches may miss or show \
             the wrong articles; rebuilding the index (arshif reindex) repairs it."
                .to_string(),
        );
    }
    sentences.join(" ")
}

impl Archive {
    /// Checks the archive's health. Problems are reported, not returned as errors: a damaged
    /// archive still gets a report saying what is wrong.
    pub fn check(&self) -> Result<CheckReport> {
        Ok(check_connection(&self.conn))
    }

    /// Checks the archive file at `path` without opening it as an archive (no upgrade, no index
    /// rebuild), so that an archive too damaged to open still gets a report. A missing file, a
    /// file that is not an archive, or one from a newer Arshif is an error.
    pub fn check_file(path: &Path) -> Result<CheckReport> {
        if !path.is_file() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        // Read-write without creating: FTS5's integrity check is phrased as an INSERT, which a
        // read-only connection refuses, although it changes nothing.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = connect(path, flags)?;
        let not_an_archive = || Error::NotAnArchive {
            path: path.to_path_buf(),
        };
        // Plain PRAGMAs read the file header only; a SELECT would need the schema, which may be
        // the damaged part.
        let header = conn
            .query_row("PRAGMA application_id", [], |row| row.get::<_, i64>(0))
            .and_then(|id| {
                conn.query_row("PRAGMA user_version", [], |row| row.get::<_, u32>(0))
                    .map(|version| (id, version))
            });
        let (application_id, version) = match header {
            Ok(header) => header,
            Err(error)
                if error.sqlite_error_code() == Some(rusqlite::ffi::ErrorCode::NotADatabase) =>
            {
                return Err(not_an_archive())
            }
            Err(error) => return Err(error.into()),
        };
        check_header(path, application_id, version)?;
        // The check runs SQL over the archive's tables, so a schema with objects of its own is
        // refused here too. A schema too damaged to be read is not: the report says so.
        if let Err(error @ Error::UnsafeArchive { .. }) = verify_schema(&conn, version, path) {
            return Err(error);
        }
        // A schema too damaged to register the tokenizer shows up in the integrity check.
        let _ = fts_tokenizer::register(&conn);
        Ok(check_connection(&conn))
    }
}

/// The three checks and their summary, on any connection to an archive.
fn check_connection(conn: &Connection) -> CheckReport {
    let integrity_problems = integrity_problems(conn);
    let broken_links = broken_links(conn).unwrap_or_else(|error| {
        vec![BrokenLink {
            table: format!("(the check failed: {error})"),
            rowid: None,
            missing_in: String::new(),
        }]
    });
    let search_index_problem = search_index_problem(conn);
    let articles = conn
        .query_row("SELECT count(*) FROM articles", [], |row| row.get(0))
        .ok();
    let mut report = CheckReport {
        healthy: integrity_problems.is_empty()
            && broken_links.is_empty()
            && search_index_problem.is_none(),
        integrity_problems,
        broken_links,
        search_index_problem,
        articles,
        summary: String::new(),
    };
    report.summary = summary(&report);
    report
}

#[cfg(test)]
mod tests {
    use crate::{Archive, NewArticle};

    fn archive() -> Archive {
        let mut archive = Archive::open_in_memory().unwrap();
        archive
            .add_article(&NewArticle {
                title: "زيارة".into(),
                body: "نص المقال".into(),
                tags: vec!["أمن".into()],
                ..NewArticle::default()
            })
            .unwrap();
        archive
    }

    #[test]
    fn healthy_archive() {
        let report = archive().check().unwrap();
        assert!(report.healthy, "{report:?}");
        assert_eq!(report.articles, Some(1));
        assert!(report
            .summary
            .starts_with("The archive is healthy: 1 article;"));
    }

    #[test]
    fn dangling_tag_link_is_reported() {
        let archive = archive();
        archive
            .conn
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO article_tags (article_id, tag_id) VALUES (1, 999);
                 PRAGMA foreign_keys = ON;",
            )
            .unwrap();
        let report = archive.check().unwrap();
        assert!(!report.healthy);
        assert_eq!(report.broken_links.len(), 1, "{report:?}");
        assert_eq!(report.broken_links[0].table, "article_tags");
        assert_eq!(report.broken_links[0].missing_in, "tags");
        assert!(report
            .summary
            .contains("1 record points to records that no longer exist"));
    }

    #[test]
    fn stale_search_index_is_reported_and_reindex_repairs_it() {
        let mut archive = archive();
        // Change the text behind the index's back, as a hand edit without triggers would.
        archive
            .conn
            .execute_batch(
                "DROP TRIGGER articles_fts_update;
                 UPDATE articles SET body = 'نص آخر تماما' WHERE id = 1;",
            )
            .unwrap();
        let report = archive.check().unwrap();
        assert!(!report.healthy);
        assert!(report.search_index_problem.is_some(), "{report:?}");
        assert!(report.summary.contains("search index does not match"));
        archive.rebuild_index().unwrap();
        assert!(archive.check().unwrap().healthy);
    }
}
