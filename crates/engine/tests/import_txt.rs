//! Importing plain-text articles into an archive file, as the desktop app and the CLI do.
use std::path::{Path, PathBuf};

use arshif_engine::search::SearchQuery;
use arshif_engine::{Archive, ImportOptions, ListParams};

mod common;
use common::{fixture, import, temp_archive};

#[test]
fn sample_article_imports_with_its_metadata() {
    let (_dir, mut archive) = temp_archive();
    let report = import(&mut archive, &[fixture("txt/sample-article.txt")]);
    assert_eq!(
        (report.imported, report.duplicates, report.failed.len()),
        (1, 0, 0),
        "{report:?}"
    );
    let article = archive.article(report.imported_ids[0]).unwrap();
    assert_eq!(
        article.title,
        "زيارة مدير الشرطة الإسبانية للرباط تعزيز للتعاون واعتراف بقوة الحضور الأمني المغربي في كافة المجالات"
    );
    assert_eq!(article.publication.as_deref(), Some("جريدة أصوات"));
    assert_eq!(article.date.as_deref(), Some("2022-08-10"));
    assert!(article
        .date_text
        .as_deref()
        .unwrap_or("")
        .contains("10 غشت 2022"));
    assert_eq!(article.language.as_deref(), Some("ar"));
    assert!(
        !article.body.contains("التعليقات مغلقة"),
        "boilerplate left in the body"
    );
    assert!(article.body.contains("Francisco PARDO PIQUERAS"));
    let provenance = article.provenance.unwrap();
    assert_eq!(provenance.file_name, "sample-article.txt");
    assert_eq!(provenance.encoding, "UTF-8");
    assert_eq!(provenance.importer, "txt");
    assert_eq!(provenance.boilerplate_removed, "التعليقات مغلقة.");
    // Nothing is lost: the original bytes come back exactly.
    let original = std::fs::read(fixture("txt/sample-article.txt")).unwrap();
    assert_eq!(archive.original_bytes(article.id).unwrap(), original);
    assert_eq!(provenance.size, original.len() as u64);
}

#[test]
fn every_encoding_of_the_sample_gives_identical_text() {
    let files = [
        ("txt/sample-article.txt", "UTF-8"),
        ("txt/sample-article.windows-1256.txt", "windows-1256"),
        ("txt/sample-article.utf-16.txt", "UTF-16LE"),
        ("txt/sample-article.utf-16be-nobom.txt", "UTF-16BE"),
    ];
    let mut texts = Vec::new();
    for (file, encoding) in files {
        // A fresh archive each: in one archive the copies are (rightly) duplicates.
        let (_dir, mut archive) = temp_archive();
        let report = import(&mut archive, &[fixture(file)]);
        assert_eq!(report.imported, 1, "{file}: {report:?}");
        let article = archive.article(report.imported_ids[0]).unwrap();
        assert_eq!(
            article.provenance.as_ref().unwrap().encoding,
            encoding,
            "{file}"
        );
        texts.push((
            article.title,
            article.publication,
            article.body,
            article.date,
        ));
    }
    for other in &texts[1..] {
        assert_eq!(other, &texts[0]);
    }
}

#[test]
fn bad_files_fail_alone_with_reasons() {
    let (_dir, mut archive) = temp_archive();
    let report = import(
        &mut archive,
        &[
            fixture("bad/photo-renamed.txt"),
            fixture("txt/sample-article.txt"),
            fixture("bad/zero-bytes.txt"),
            fixture("bad/blank.txt"),
            fixture("bad/does-not-exist.txt"),
        ],
    );
    assert_eq!(report.imported, 1, "{report:?}");
    let failures: Vec<(String, &str)> = report
        .failed
        .iter()
        .map(|f| {
            let name = Path::new(&f.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, f.code.as_str())
        })
        .collect();
    assert_eq!(
        failures,
        [
            ("photo-renamed.txt".to_string(), "binary_file"),
            ("zero-bytes.txt".to_string(), "empty_file"),
            ("blank.txt".to_string(), "no_text"),
            ("does-not-exist.txt".to_string(), "unreadable"),
        ]
    );
    assert!(report.failed.iter().all(|f| !f.reason.is_empty()));
    assert_eq!(archive.stats().unwrap().articles, 1);
}

#[test]
fn duplicates_are_reported_not_imported() {
    let (_dir, mut archive) = temp_archive();
    let first = import(&mut archive, &[fixture("txt/sample-article.txt")]);
    let id = first.imported_ids[0];
    let again = import(
        &mut archive,
        &[
            fixture("txt/sample-article.txt"),
            fixture("txt/sample-article.windows-1256.txt"),
        ],
    );
    assert_eq!((again.imported, again.duplicates), (0, 2), "{again:?}");
    let kinds: Vec<(&str, i64)> = again
        .duplicate_files
        .iter()
        .map(|d| (d.kind.as_str(), d.existing_id))
        .collect();
    assert_eq!(kinds, [("same_file", id), ("same_text", id)]);
    assert_eq!(archive.stats().unwrap().articles, 1);
}

#[test]
fn folders_import_recursively_and_the_archive_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.arshif");
    let folder = dir.path().join("press/2022");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in [
        (
            "a.txt",
            "الأمن في مدريد\nهسبريس.com\nتعاون أمني بين البلدين يومه 3 نونبر 2021.",
        ),
        (
            "b.txt",
            "Santé publique\nLe Matin\nLa campagne continue le 5 mai 2020 à Rabat.",
        ),
        ("notes.docx.tmp", "ignored"),
    ] {
        std::fs::write(folder.join(name), text).unwrap();
    }
    {
        let mut archive = Archive::open(&db).unwrap();
        let report = import(&mut archive, &[dir.path().join("press")]);
        assert_eq!((report.imported, report.failed.len()), (2, 0), "{report:?}");
    }
    let archive = Archive::open(&db).unwrap();
    let page = archive.list_articles(&ListParams::default()).unwrap();
    assert_eq!(page.total, 2);
    let hits = archive
        .search(&SearchQuery {
            text: "مدريد".into(),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(hits.items.len(), 1);
    let article = archive.article(hits.items[0].summary.id).unwrap();
    assert_eq!(article.date.as_deref(), Some("2021-11-03"));
    assert_eq!(article.publication.as_deref(), Some("هسبريس.com"));
}

#[test]
fn cancel_keeps_what_was_committed() {
    let (dir, mut archive) = temp_archive();
    let paths: Vec<PathBuf> = (0..10)
        .map(|i| {
            let path = dir.path().join(format!("{i}.txt"));
            std::fs::write(&path, format!("عنوان {i}\nنص المقال رقم {i} عن التعاون.")).unwrap();
            path
        })
        .collect();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ImportOptions {
        batch_size: 3,
        ..ImportOptions::default()
    };
    let mut progress = |p: &arshif_engine::ImportProgress| {
        if p.done == 4 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let report = archive
        .import_paths(&paths, &options, &mut progress, Some(&cancel))
        .unwrap();
    assert!(report.cancelled);
    assert_eq!(report.imported, 4, "{report:?}");
    assert_eq!(archive.stats().unwrap().articles, 4);
    // Running the same import again completes the rest, skipping what is already there.
    let rest = import(&mut archive, &paths);
    assert_eq!((rest.imported, rest.duplicates), (6, 4));
}

#[test]
fn oversized_files_are_refused_without_reading_them() {
    let (dir, mut archive) = temp_archive();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "نص ".repeat(2_000)).unwrap();
    let options = ImportOptions {
        max_file_bytes: 1_000,
        ..ImportOptions::default()
    };
    let report = archive
        .import_paths(&[big], &options, &mut |_| {}, None)
        .unwrap();
    assert_eq!(report.failed[0].code, "too_large");
}
