//! Backup, restore and the health check on archive files, as the CLI and the desktop app use
//! them: a restore gives back exactly what was backed up, refuses what it cannot trust, and
//! keeps the archive it replaces.
use std::path::{Path, PathBuf};

use arshif_engine::search::{SearchQuery, SearchSort};
use arshif_engine::{Archive, ImportOptions, SCHEMA_VERSION};

mod common;
use common::{files_in, fixture};

fn filled_archive(path: &Path) -> Archive {
    let mut archive = Archive::open(path).unwrap();
    let report = archive
        .import_paths(
            &[fixture("txt"), fixture("demo")],
            &ImportOptions::default(),
            &mut |_| {},
            None,
        )
        .unwrap();
    archive
        .tag_articles("أمن", &report.imported_ids[..2])
        .unwrap();
    archive
}

const QUERIES: &[&str] = &["الشرطة", "المغرب", "tag:أمن", "", "غشت 2022", "-المغرب"];

/// Everything a user sees of a set of searches: ids, titles, snippets, scores, facets.
fn results(archive: &Archive) -> Vec<String> {
    QUERIES
        .iter()
        .flat_map(|text| {
            [SearchSort::Relevance, SearchSort::Oldest].map(|sort| {
                let query = SearchQuery {
                    text: text.to_string(),
                    sort,
                    facets: true,
                    ..SearchQuery::default()
                };
                format!("{:?}", archive.search(&query).unwrap())
            })
        })
        .collect()
}

#[test]
fn backup_then_restore_gives_identical_search_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.arshif");
    let mut archive = filled_archive(&path);
    let before = results(&archive);
    let backup = dir.path().join("نسخة.arshif");
    archive.backup(&backup).unwrap();

    // Change the archive after the backup: delete, tag, add.
    archive.delete_articles(&[1, 2]).unwrap();
    archive.tag_articles("لاحقا", &[3]).unwrap();
    assert_ne!(results(&archive), before);

    let report = archive.restore(&backup).unwrap();
    assert_eq!(report.articles, 9);
    assert_eq!(results(&archive), before);
    assert!(archive.check().unwrap().healthy);

    // The replaced archive is kept beside it, with the changes made after the backup.
    let previous = report.previous.unwrap();
    let name = previous.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("archive.arshif.before-restore-"), "{name}");
    assert_eq!(
        Archive::open(&previous).unwrap().stats().unwrap().articles,
        7
    );
    // The backup file itself is untouched and still restorable.
    assert_eq!(Archive::open(&backup).unwrap().stats().unwrap().articles, 9);
}

#[test]
fn restore_file_replaces_a_closed_archive_and_upgrades_an_old_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.arshif");
    drop(filled_archive(&path));
    let old = dir.path().join("schema-1.arshif");
    std::fs::copy(fixture("archives/schema-1.arshif"), &old).unwrap();
    // The fixture is in write-ahead-log mode with no log beside it, as a copied archive is;
    // reading it must not leave `-wal` or `-shm` files next to the user's file.
    let listing = files_in(dir.path());
    let report = Archive::restore_file(&path, &old).unwrap();
    assert!(report.previous.is_some());
    let archive = Archive::open(&path).unwrap();
    assert_eq!(archive.stats().unwrap().articles, report.articles);
    let kept = report.previous.as_ref().unwrap().file_name().unwrap();
    let expected: Vec<String> = listing
        .iter()
        .map(|n| {
            if n == "archive.arshif" {
                kept.to_str().unwrap().to_string()
            } else {
                n.clone()
            }
        })
        .chain([
            "archive.arshif".to_string(),
            "archive.arshif-shm".into(),
            "archive.arshif-wal".into(),
        ])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(files_in(dir.path()), expected);
    assert!(report.articles > 0);
    assert!(archive.check().unwrap().healthy);

    // With no archive yet, a restore simply installs the backup.
    let fresh = dir.path().join("new/archive.arshif");
    std::fs::create_dir_all(fresh.parent().unwrap()).unwrap();
    let report = Archive::restore_file(&fresh, &old).unwrap();
    assert_eq!(report.previous, None);
}

/// Sets a copy's schema version past this build's, as a newer Arshif would have written it.
fn newer_copy(archive: &Archive, dir: &Path) -> PathBuf {
    let path = dir.join("newer.arshif");
    archive.backup(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    path
}

#[test]
fn restore_refuses_what_it_cannot_trust_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.arshif");
    let mut archive = filled_archive(&path);
    let before = results(&archive);

    let text = dir.path().join("notes.arshif");
    std::fs::write(
        &text,
        "not a database, but long enough to look like one ".repeat(40),
    )
    .unwrap();
    let foreign = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = newer_copy(&archive, dir.path());
    let damaged = dir.path().join("damaged.arshif");
    archive.backup(&damaged).unwrap();
    damage(&damaged);

    let cases = [
        (text, "not_an_archive"),
        (foreign, "not_an_archive"),
        (newer, "newer_database"),
        (damaged, "corrupt_database"),
        (dir.path().join("missing.arshif"), "io"),
        (path.clone(), "invalid_input"),
    ];
    let listing = files_in(dir.path());
    for (source, code) in &cases {
        let error = archive.restore(source).unwrap_err();
        assert_eq!(error.code(), *code, "{}: {error}", source.display());
        assert_eq!(results(&archive), before, "{}", source.display());
        assert_eq!(files_in(dir.path()), listing, "{}", source.display());
    }
}

/// Overwrites the middle of every page after the first two with a pattern, as a failing disk
/// would: the header stays readable, so the file opens and the damage is found by checking it.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let pages = bytes.len() / page;
    for n in (pages / 2)..pages {
        let start = n * page + page / 4;
        bytes[start..start + page / 2].fill(0x5A);
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn check_tells_a_healthy_archive_from_a_damaged_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.arshif");
    let archive = filled_archive(&path);
    let healthy = archive.check().unwrap();
    assert!(healthy.healthy, "{healthy:?}");
    assert_eq!(healthy.articles, Some(9));
    assert!(healthy
        .summary
        .starts_with("The archive is healthy: 9 articles"));

    let copy = dir.path().join("copy.arshif");
    archive.backup(&copy).unwrap();
    damage(&copy);
    // The header and schema pages are intact, so the file opens; the check finds the damage.
    let report = Archive::open(&copy).unwrap().check().unwrap();
    assert!(!report.healthy);
    assert!(!report.integrity_problems.is_empty(), "{report:?}");
    assert!(report.summary.contains("damaged"), "{}", report.summary);
    assert_eq!(Archive::check_file(&copy).unwrap(), report);
    assert!(Archive::check_file(&path).unwrap().healthy);
}

#[test]
fn check_file_reports_on_an_archive_too_damaged_to_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("archive.arshif")).unwrap();
    archive
        .import_paths(
            &[fixture("txt/sample-article.txt")],
            &ImportOptions::default(),
            &mut |_| {},
            None,
        )
        .unwrap();
    let copy = dir.path().join("copy.arshif");
    archive.backup(&copy).unwrap();
    // In a one-article archive the damaged half reaches the schema the archive needs to open.
    damage(&copy);
    assert_eq!(
        Archive::open(&copy).err().unwrap().code(),
        "corrupt_database"
    );
    let report = Archive::check_file(&copy).unwrap();
    assert!(!report.healthy);
    assert!(!report.integrity_problems.is_empty(), "{report:?}");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "text, not an archive ".repeat(100)).unwrap();
    let cases = [
        (text, "not_an_archive"),
        (newer_copy(&archive, dir.path()), "newer_database"),
        (dir.path().join("missing.arshif"), "io"),
    ];
    for (path, code) in cases {
        let error = Archive::check_file(&path).unwrap_err();
        assert_eq!(error.code(), code, "{}: {error}", path.display());
    }
    assert!(
        !dir.path().join("missing.arshif").exists(),
        "a check creates nothing"
    );
}

#[test]
fn restore_waits_for_other_programs_to_close_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.arshif");
    let archive = filled_archive(&path);
    let backup = dir.path().join("backup.arshif");
    archive.backup(&backup).unwrap();
    // `archive` stays open, as the desktop app would be while the CLI restores.
    let error = Archive::restore_file(&path, &backup).unwrap_err();
    assert_eq!(error.code(), "busy", "{error}");
    assert_eq!(archive.stats().unwrap().articles, 9);
    drop(archive);
    Archive::restore_file(&path, &backup).unwrap();
}

#[test]
fn a_backup_is_one_self_contained_file() {
    let dir = tempfile::tempdir().unwrap();
    let archive = filled_archive(&dir.path().join("archive.arshif"));
    let backup = dir.path().join("backups/copy.arshif");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    archive.backup(&backup).unwrap();
    let header = std::fs::read(&backup).unwrap();
    assert_eq!(
        (header[18], header[19]),
        (1, 1),
        "rollback journal, not WAL"
    );
    assert_eq!(files_in(backup.parent().unwrap()), ["copy.arshif"]);
}

#[test]
fn backups_refuse_to_overwrite_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.arshif");
    let archive = filled_archive(&path);
    assert_eq!(archive.backup(&path).unwrap_err().code(), "invalid_input");
    assert_eq!(
        archive
            .backup(&dir.path().join("missing/backup.arshif"))
            .unwrap_err()
            .code(),
        "io"
    );
    assert_eq!(
        files_in(dir.path()),
        ["archive.arshif", "archive.arshif-shm", "archive.arshif-wal"]
    );
}

/// What the desktop app asks before it switches to another archive: a file it can open passes,
/// anything else is refused by its code, and no file is changed or created either way (not even
/// the `-wal`/`-shm` files a read-only connection would add beside a database in WAL mode).
#[test]
fn check_openable_tells_what_can_be_opened_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = filled_archive(&dir.path().join("archive.arshif"));
    let copy = dir.path().join("copy.arshif");
    archive.backup(&copy).unwrap();
    let old = dir.path().join("schema-1.arshif");
    std::fs::copy(fixture("archives/schema-1.arshif"), &old).unwrap();
    let newer = newer_copy(&archive, dir.path());
    drop(archive);
    let text = dir.path().join("notes.arshif");
    std::fs::write(&text, "text, not an archive ".repeat(100)).unwrap();
    let empty = dir.path().join("empty.arshif");
    std::fs::write(&empty, "").unwrap();
    // Another program's database, in WAL mode like ours.
    let foreign = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();

    let cases = [
        (copy, None),
        (old, None),
        (newer, Some("newer_database")),
        (text, Some("not_an_archive")),
        (empty, Some("not_an_archive")),
        (foreign.clone(), Some("not_an_archive")),
        (dir.path().join("missing.arshif"), Some("io")),
    ];
    let listing = files_in(dir.path());
    let foreign_bytes = std::fs::read(&foreign).unwrap();
    for (path, code) in &cases {
        let answer = Archive::check_openable(path).err().map(|e| e.code());
        assert_eq!(answer, *code, "{}", path.display());
    }
    assert_eq!(files_in(dir.path()), listing);
    assert_eq!(std::fs::read(&foreign).unwrap(), foreign_bytes);
}
