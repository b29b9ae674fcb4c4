//! Near-duplicates through the public API: lightly edited reprints are imported, flagged and
//! linked both ways; a different story under the same headline is not; the archivist's
//! decisions stick; deleting one article resolves its pairs; an archive from schema 3 gets
//! detection for the articles it already holds.
use std::path::{Path, PathBuf};

use arshif_engine::near_duplicates::THRESHOLD;
use arshif_engine::{Archive, ImportOptions, ImportReport, PairStatus, SCHEMA_VERSION};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

fn demo(name: &str) -> String {
    std::fs::read_to_string(fixture(&format!("demo/{name}.txt"))).unwrap()
}

/// The title line and the rest of a demo article.
fn split(text: &str) -> (&str, &str) {
    text.split_once('\n').unwrap()
}

fn import(archive: &mut Archive, paths: &[PathBuf]) -> ImportReport {
    archive
        .import_paths(paths, &ImportOptions::default(), &mut |_| {}, None)
        .unwrap()
}

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        Folder {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn archive(&self) -> Archive {
        Archive::open(self.dir.path().join("archive.arshif")).unwrap()
    }
}

/// A sentence a reprint adds (an update at the end of the story).
const ADDED: &str = " وأضاف المصدر ذاته أن التحقيقات ما تزال جارية لمعرفة كافة ملابسات هذه القضية.";

#[test]
fn a_reprint_with_a_sentence_added_is_flagged_and_linked_both_ways() {
    let folder = Folder::new();
    let mut archive = folder.archive();
    let original = folder.write("original.txt", &demo("marsum-50"));
    let reprint = folder.write(
        "reprint.txt",
        &format!("{}{ADDED}\n", demo("marsum-50").trim_end()),
    );
    let first = import(&mut archive, &[original]);
    assert!(first.near_duplicates.is_empty(), "{first:?}");
    let report = import(&mut archive, std::slice::from_ref(&reprint));
    // Imported, not merged: the reprint is an article of its own.
    assert_eq!((report.imported, report.duplicates), (1, 0), "{report:?}");
    let (a, b) = (first.imported_ids[0], report.imported_ids[0]);
    assert_eq!(report.near_duplicates.len(), 1, "{report:?}");
    let found = &report.near_duplicates[0];
    assert_eq!((found.article_id, found.other_id), (b, a));
    assert!(found.file.ends_with("reprint.txt"));
    assert!(
        found.similarity >= THRESHOLD && found.similarity < 1.0,
        "{found:?}"
    );

    let from_a = archive.near_duplicates_of(a).unwrap();
    let from_b = archive.near_duplicates_of(b).unwrap();
    assert_eq!(
        (from_a.len(), from_a[0].other_id, from_a[0].status),
        (1, b, PairStatus::Open)
    );
    assert_eq!((from_b.len(), from_b[0].other_id), (1, a));

    let page = archive.near_duplicates(0, 50).unwrap();
    assert_eq!(page.total, 1);
    let pair = &page.items[0];
    assert_eq!((pair.article.id, pair.other.id), (a, b));
    assert_eq!(pair.article.title, pair.other.title);
    assert_eq!(pair.similarity, found.similarity);
}

#[test]
fn the_body_decides_not_the_headline() {
    let folder = Folder::new();
    let mut archive = folder.archive();
    let (text, other_text) = (demo("marsum-50"), demo("marsum-80"));
    let (title, body) = split(&text);
    let (other_title, other_body) = split(&other_text);
    let paths = [
        folder.write("original.txt", &format!("{title}\n{body}")),
        // Another story under the same headline: not a duplicate.
        folder.write("same-headline.txt", &format!("{title}\n{other_body}")),
        // The same story under a new headline: a reprint.
        folder.write(
            "new-headline.txt",
            &format!("{other_title}\n{}{ADDED}", body.trim_end()),
        ),
    ];
    let report = import(&mut archive, &paths);
    assert_eq!(report.imported, 3, "{report:?}");
    let flagged: Vec<(&str, i64)> = report
        .near_duplicates
        .iter()
        .map(|n| {
            (
                Path::new(&n.file).file_name().unwrap().to_str().unwrap(),
                n.other_id,
            )
        })
        .collect();
    assert_eq!(flagged, [("new-headline.txt", report.imported_ids[0])]);
}

#[test]
fn keeping_both_sticks_across_reimport_and_rebuild() {
    let folder = Folder::new();
    let mut archive = folder.archive();
    let paths = [
        folder.write("original.txt", &demo("marsum-2")),
        folder.write(
            "reprint.txt",
            &format!("{}{ADDED}", demo("marsum-2").trim_end()),
        ),
    ];
    let report = import(&mut archive, &paths);
    // Original and reprint in one run, one batch: the second still finds the first.
    assert_eq!(report.near_duplicates.len(), 1, "{report:?}");
    let (a, b) = (report.imported_ids[0], report.imported_ids[1]);
    assert_eq!(archive.open_near_duplicates_of(b).unwrap().len(), 1);
    archive.mark_not_duplicate(b, a).unwrap();
    assert_eq!(archive.near_duplicates(0, 50).unwrap().total, 0);
    // Kept both: the reader no longer lists the pair under either article.
    assert!(archive.open_near_duplicates_of(a).unwrap().is_empty());
    assert!(archive.open_near_duplicates_of(b).unwrap().is_empty());

    // The same files again, and the reprint's text in another file: exact duplicates.
    let again = folder.write(
        "reprint-copy.txt",
        &format!("{}{ADDED}\r\n", demo("marsum-2").trim_end()),
    );
    let report = import(&mut archive, &[paths[0].clone(), paths[1].clone(), again]);
    assert_eq!((report.imported, report.duplicates), (0, 3), "{report:?}");
    assert!(report.near_duplicates.is_empty());
    archive.rebuild_near_duplicates().unwrap();
    assert_eq!(archive.near_duplicates(0, 50).unwrap().total, 0);
    assert_eq!(
        archive.near_duplicates_of(a).unwrap()[0].status,
        PairStatus::NotDuplicate
    );
    // Only a flagged pair can be marked; a missing article is not found.
    let unrelated = import(
        &mut archive,
        &[folder.write("other.txt", &demo("marsum-80"))],
    );
    let c = unrelated.imported_ids[0];
    assert_eq!(
        archive.mark_not_duplicate(a, c).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        archive.mark_not_duplicate(a, 999).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn deleting_one_article_resolves_its_pairs() {
    let folder = Folder::new();
    let mut archive = folder.archive();
    let body = demo("marsum-118");
    let paths = [
        folder.write("original.txt", &body),
        folder.write("reprint-1.txt", &format!("{}{ADDED}", body.trim_end())),
        folder.write(
            "reprint-2.txt",
            &format!(
                "{}\nالتعليقات مغلقة.\nشارك المقال على فيسبوك وتويتر وواتساب الآن",
                body.trim_end()
            ),
        ),
    ];
    let report = import(&mut archive, &paths);
    let ids = report.imported_ids.clone();
    assert_eq!(ids.len(), 3, "{report:?}");
    // Each reprint is flagged with every earlier version it repeats: (0,1), (0,2), (1,2).
    assert_eq!(report.near_duplicates.len(), 3, "{report:?}");
    assert_eq!(archive.near_duplicates(0, 50).unwrap().total, 3);
    // Each article lists its open pairs, the most similar first, earlier article first.
    for &id in &ids {
        let pairs = archive.open_near_duplicates_of(id).unwrap();
        assert_eq!(pairs.len(), 2, "{id}");
        for pair in &pairs {
            assert!(pair.article.id < pair.other.id, "{pair:?}");
            assert!(pair.article.id == id || pair.other.id == id, "{pair:?}");
        }
        assert!(pairs[0].similarity >= pairs[1].similarity, "{pairs:?}");
    }
    assert_eq!(
        archive.open_near_duplicates_of(999).unwrap_err().code(),
        "not_found"
    );
    archive.delete_articles(&[ids[0]]).unwrap();
    let left: Vec<_> = archive
        .open_near_duplicates_of(ids[1])
        .unwrap()
        .iter()
        .map(|p| (p.article.id, p.other.id))
        .collect();
    assert_eq!(left, [(ids[1], ids[2])]);
    let page = archive.near_duplicates(0, 50).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(
        (page.items[0].article.id, page.items[0].other.id),
        (ids[1], ids[2])
    );
    assert!(archive.near_duplicates_of(ids[0]).unwrap().is_empty());
    archive.delete_articles(&[ids[2]]).unwrap();
    assert_eq!(archive.near_duplicates(0, 50).unwrap().total, 0);
    assert!(archive.check().unwrap().healthy);
}

#[test]
fn report_figures_for_a_mixed_folder() {
    let folder = Folder::new();
    let mut archive = folder.archive();
    let base = demo("marsum-78");
    folder.write("a-original.txt", &base);
    folder.write("b-exact-copy.txt", &base);
    folder.write("c-reprint.txt", &format!("{}{ADDED}", base.trim_end()));
    // Three typos: a letter dropped from three words.
    let typos = base
        .replacen("الشرطة", "الشطة", 1)
        .replacen("الأمنية", "الأنية", 1)
        .replacen("المستشفى", "المستفى", 1);
    assert_ne!(typos, base);
    folder.write("d-typos.txt", &typos);
    folder.write("e-unrelated.txt", &demo("marsum-14"));
    folder.write("f-empty.txt", "");
    let report = import(&mut archive, &[folder.dir.path().to_path_buf()]);
    assert_eq!(
        (report.imported, report.duplicates, report.failed.len()),
        (4, 1, 1),
        "{report:?}"
    );
    let mut flagged: Vec<String> = report
        .near_duplicates
        .iter()
        .map(|n| n.file.rsplit('/').next().unwrap().to_string())
        .collect();
    flagged.sort();
    // The typo version repeats both the original and the reprint.
    assert_eq!(
        flagged,
        ["c-reprint.txt", "d-typos.txt", "d-typos.txt"],
        "{report:?}"
    );

    // A report from before near-duplicates existed still reads, with none.
    let old = r#"{"imported":1,"duplicates":0,"failed":[],"imported_ids":[1],"duplicate_files":[],"cancelled":false}"#;
    let old: ImportReport = serde_json::from_str(old).unwrap();
    assert!(old.near_duplicates.is_empty());
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["near_duplicates"].as_array().unwrap().len(), 3);
    for key in ["file", "article_id", "other_id", "similarity"] {
        assert!(json["near_duplicates"][0].get(key).is_some(), "{key}");
    }
}

#[test]
fn a_schema_3_archive_upgrades_and_finds_pairs_among_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.arshif");
    // Three MArSum articles imported at schema 3: 1, 2 (1 with a sentence added) and 3.
    std::fs::copy(fixture("archives/schema-3.arshif"), &path).unwrap();
    assert_eq!(version(&path), 3);
    let mut archive = Archive::open(&path).unwrap();
    assert_eq!(version(&path), SCHEMA_VERSION);
    assert_eq!(archive.stats().unwrap().articles, 3);
    let page = archive.near_duplicates(0, 50).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!((page.items[0].article.id, page.items[0].other.id), (1, 2));
    // New imports are compared with the old articles too.
    let folder = Folder::new();
    let text = format!("عنوان آخر\n{}", archive.article(3).unwrap().body.trim_end());
    let report = import(
        &mut archive,
        &[folder.write("reprint-of-3.txt", &format!("{text}{ADDED}"))],
    );
    assert_eq!(report.near_duplicates.len(), 1, "{report:?}");
    assert_eq!(report.near_duplicates[0].other_id, 3);
    // The schema-1 archive still climbs the whole chain.
    let old = dir.path().join("schema-1.arshif");
    std::fs::copy(fixture("archives/schema-1.arshif"), &old).unwrap();
    Archive::open(&old).unwrap();
    assert_eq!(version(&old), SCHEMA_VERSION);
}

/// The file's `PRAGMA user_version`, read on a connection of its own.
fn version(path: &Path) -> u32 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap()
}
