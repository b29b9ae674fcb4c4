//! Exports of real articles: the native JSON round trip, CSL-JSON against the official schema,
//! CSV as a spreadsheet reads it, and files that are whole or absent.
use std::path::{Path, PathBuf};

use arshif_engine::import::json::JsonImporter;
use arshif_engine::import::{Importer, ParseContext};
use arshif_engine::{
    Archive, ArticleUpdate, ExportFormat, ExportOptions, ImportOptions, NewArticle, Selection,
};
use serde_json::Value;

mod common;
use common::{files_in, fixture};

fn import(archive: &mut Archive, paths: &[PathBuf]) -> Vec<i64> {
    let report = archive
        .import_paths(paths, &ImportOptions::default(), &mut |_| {}, None)
        .unwrap();
    assert!(report.failed.is_empty(), "{report:?}");
    report.imported_ids
}

/// An archive with the text and demo fixtures, tags with and without colours, notes and the
/// fields no importer fills (section, page, URL), plus a typed-in web page without a file.
fn filled_archive(dir: &Path) -> Archive {
    let mut archive = Archive::open(dir.join("source.arshif")).unwrap();
    let ids = import(&mut archive, &[fixture("txt"), fixture("demo")]);
    assert_eq!(
        ids.len(),
        9,
        "the sample once (its re-encodings are duplicates) and 8 demos"
    );
    archive.tag_articles("أمن/تعاون دولي", &ids[..3]).unwrap();
    archive.tag_articles("Maroc", &ids[2..5]).unwrap();
    archive.tag_articles("عاجل", &ids[..1]).unwrap();
    archive
        .set_tag_colour("أمن/تعاون دولي", Some("#1f6f8b"))
        .unwrap();
    let update = ArticleUpdate {
        section: Some(Some("مجتمع".into())),
        page: Some(Some("12".into())),
        url: Some(Some("https://aswat.ma/article/1".into())),
        notes: Some("=للمراجعة, \"عاجل\"\nسطر ثان".into()),
        ..ArticleUpdate::default()
    };
    archive.update_article(ids[0], &update).unwrap();
    archive
        .add_article(&NewArticle {
            title: "+صفحة من موقع".into(),
            body: "نص الصفحة".into(),
            url: Some("https://example.ma/page".into()),
            authors: vec!["ليلى بنعلي".into(), "Karim".into()],
            language: Some("ar-MA".into()),
            date: Some("2023-01-31".into()),
            hijri_date: Some("1444-07-09".into()),
            ..NewArticle::default()
        })
        .unwrap();
    archive
}

fn export(archive: &Archive, format: ExportFormat, out: &Path) -> u64 {
    archive
        .export(
            &Selection::query(""),
            format,
            out,
            &ExportOptions::default(),
            &mut |_| {},
            None,
        )
        .unwrap()
        .articles
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The articles of a native export with the fields that legitimately differ between two
/// archives removed (see ARCHITECTURE.md, "Native JSON"), sorted by title so that id order does
/// not matter.
fn comparable(export: &Value) -> Vec<Value> {
    let mut articles: Vec<Value> = export["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|article| {
            let mut article = article.clone();
            let object = article.as_object_mut().unwrap();
            for field in ["id", "imported_at", "modified_at"] {
                object.remove(field);
            }
            article
        })
        .collect();
    articles.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
    articles
}

#[test]
fn native_json_round_trip_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let first = dir.path().join("تصدير.json");
    assert_eq!(export(&source, ExportFormat::Json, &first), 10);
    let exported = read_json(&first);
    assert_eq!(exported["schema"], "arshif/1");
    assert_eq!(exported["count"], 10);

    // The importer hands the loader everything, originals included, checked against their hash.
    let parsed = JsonImporter
        .parse(
            &std::fs::read(&first).unwrap(),
            &first,
            &ParseContext::default(),
        )
        .unwrap();
    for (article, parsed) in exported["articles"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&parsed.articles)
    {
        let id = article["id"].as_i64().unwrap();
        let original = source.article(id).unwrap();
        match (&original.provenance, &parsed.article.origin) {
            (Some(provenance), Some(origin)) => {
                assert_eq!(&origin.provenance, provenance);
                assert_eq!(
                    origin.bytes.as_deref(),
                    Some(&source.original_bytes(id).unwrap()[..])
                );
                assert_eq!(
                    origin.imported_at.as_deref(),
                    Some(original.imported_at.as_str())
                );
                assert_eq!(parsed.boilerplate_removed, provenance.boilerplate_removed);
            }
            (None, None) => {}
            other => panic!("article {id}: provenance and origin disagree: {other:?}"),
        }
    }

    let mut copy = Archive::open(dir.path().join("copy.arshif")).unwrap();
    assert_eq!(import(&mut copy, std::slice::from_ref(&first)).len(), 10);
    let second = dir.path().join("again.json");
    export(&copy, ExportFormat::Json, &second);
    let (again, first_time) = (comparable(&read_json(&second)), comparable(&exported));
    assert_eq!(again.len(), first_time.len());
    for (again, first_time) in again.iter().zip(&first_time) {
        // Compared field by field so that a failure names the field, not two whole articles.
        // An article typed in (no file behind it) has the export file as its source once
        // imported; every other provenance comes through whole, original bytes included.
        let mut again = again.clone();
        if first_time["provenance"].is_null() {
            assert_eq!(again["provenance"]["importer"], "json");
            again["provenance"] = serde_json::Value::Null;
        }
        for (field, value) in first_time.as_object().unwrap() {
            assert_eq!(&again[field], value, "{field} of {}", first_time["title"]);
        }
        assert_eq!(&again, first_time);
    }
    // Tag colours travel with the articles.
    let tags = copy.tags().unwrap();
    let security = tags.iter().find(|t| t.name == "أمن/تعاون دولي").unwrap();
    assert_eq!(
        (security.colour.as_deref(), security.count),
        (Some("#1f6f8b"), 3)
    );

    // Importing the same export again finds every article already there.
    let report = copy
        .import_paths(&[second], &ImportOptions::default(), &mut |_| {}, None)
        .unwrap();
    assert_eq!((report.imported, report.duplicates), (0, 10), "{report:?}");
}

#[test]
fn native_json_without_originals_is_smaller_and_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let with = dir.path().join("with.json");
    let without = dir.path().join("without.json");
    export(&source, ExportFormat::Json, &with);
    let options = ExportOptions {
        include_originals: false,
    };
    source
        .export(
            &Selection::query(""),
            ExportFormat::Json,
            &without,
            &options,
            &mut |_| {},
            None,
        )
        .unwrap();
    let text = std::fs::read_to_string(&without).unwrap();
    assert!(!text.contains("original_base64"));
    assert!(text.len() < std::fs::read(&with).unwrap().len());
    let mut copy = Archive::open(dir.path().join("copy.arshif")).unwrap();
    assert_eq!(import(&mut copy, &[without]).len(), 10);
}

fn csl_validator() -> jsonschema::Validator {
    let schema = read_json(&fixture("csl/csl-data.json"));
    jsonschema::validator_for(&schema).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, items: &Value) -> Vec<String> {
    validator
        .iter_errors(items)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn csl_json_validates_against_the_official_schema() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let out = dir.path().join("csl.json");
    assert_eq!(export(&source, ExportFormat::CslJson, &out), 10);
    let items = read_json(&out);
    let validator = csl_validator();
    assert_eq!(schema_errors(&validator, &items), Vec::<String>::new());

    let items = items.as_array().unwrap();
    let sample = items
        .iter()
        .find(|item| item["container-title"] == "جريدة أصوات")
        .unwrap();
    assert_eq!(sample["type"], "article-newspaper");
    assert_eq!(
        sample["issued"]["date-parts"],
        serde_json::json!([[2022, 8, 10]])
    );
    assert_eq!(sample["issued"]["raw"], "الأربعاء 10 غشت 2022");
    assert_eq!(sample["language"], "ar");
    assert_eq!(sample["URL"], "https://aswat.ma/article/1");
    assert_eq!(
        sample["categories"],
        serde_json::json!(["أمن/تعاون دولي", "عاجل"])
    );
    assert_eq!(
        sample["custom"]["provenance"]["file_name"],
        "sample-article.txt"
    );
    let page = items
        .iter()
        .find(|item| item["title"] == "+صفحة من موقع")
        .unwrap();
    assert_eq!(page["type"], "webpage");
    assert_eq!(
        page["author"],
        serde_json::json!([{"literal": "ليلى بنعلي"}, {"literal": "Karim"}])
    );

    // The validator does refuse what the schema forbids, so the pass above means something.
    let mut bad = sample.clone();
    bad["body"] = Value::from("a top-level field CSL does not know");
    assert!(!schema_errors(&validator, &Value::Array(vec![bad])).is_empty());

    // A CSL export imports back as whole articles with their tags.
    let mut copy = Archive::open(dir.path().join("copy.arshif")).unwrap();
    let ids = import(&mut copy, &[out]);
    assert_eq!(ids.len(), 10);
    let titles = |archive: &Archive| {
        let hits = archive
            .search(&arshif_engine::SearchQuery {
                text: "الشرطة tag:أمن".into(),
                ..Default::default()
            })
            .unwrap();
        hits.items
            .into_iter()
            .map(|h| h.summary.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&copy), titles(&source));
}

/// A small RFC 4180 reader: enough to prove the writer's quoting reads back as written.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

#[test]
fn csv_opens_in_a_spreadsheet_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let out = dir.path().join("جدول.csv");
    export(&source, ExportFormat::Csv, &out);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let rows = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(rows.len(), 11, "a header and ten articles");
    assert_eq!(rows[0], arshif_engine::export::csv::HEADER);
    assert!(rows.iter().all(|row| row.len() == rows[0].len()));
    let column = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let sample = rows
        .iter()
        .find(|row| row[column("publication")] == "جريدة أصوات")
        .unwrap();
    // Quotes, a comma and a line break survive; the leading = is defused.
    assert_eq!(sample[column("notes")], "'=للمراجعة, \"عاجل\"\nسطر ثان");
    assert_eq!(sample[column("tags")], "أمن/تعاون دولي; عاجل");
    assert!(sample[column("body")].contains("Francisco PARDO PIQUERAS"));
    let page = rows
        .iter()
        .find(|row| row[column("url")] == "https://example.ma/page")
        .unwrap();
    assert_eq!(page[column("title")], "'+صفحة من موقع");
    assert_eq!(page[column("authors")], "ليلى بنعلي; Karim");
}

#[test]
fn failed_exports_leave_no_file_and_keep_an_older_one() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let out = dir.path().join("old.json");
    std::fs::write(&out, "an older export").unwrap();
    let listing = || files_in(dir.path());
    let before = listing();
    for format in [ExportFormat::Json, ExportFormat::CslJson, ExportFormat::Csv] {
        let error = source
            .export(
                &Selection::Ids(vec![1, 999]),
                format,
                &out,
                &ExportOptions::default(),
                &mut |_| {},
                None,
            )
            .unwrap_err();
        assert_eq!(error.code(), "not_found", "{format:?}");
        let error = source
            .export(
                &Selection::query("from:never"),
                format,
                &out,
                &ExportOptions::default(),
                &mut |_| {},
                None,
            )
            .unwrap_err();
        assert_eq!(error.code(), "bad_query", "{format:?}");
    }
    let error = source
        .export(
            &Selection::Ids(vec![1]),
            ExportFormat::Csv,
            &dir.path().join("missing/out.csv"),
            &ExportOptions::default(),
            &mut |_| {},
            None,
        )
        .unwrap_err();
    assert_eq!(error.code(), "io");
    let archive_file = dir.path().join("source.arshif");
    let error = source
        .export(
            &Selection::Ids(vec![1]),
            ExportFormat::Csv,
            &archive_file,
            &ExportOptions::default(),
            &mut |_| {},
            None,
        )
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert_eq!(source.stats().unwrap().articles, 10);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "an older export");
    assert_eq!(listing(), before);
}

/// A cancel stops the export between articles, whatever the format: no file and no temporary
/// file appear, and an older file at the destination keeps its bytes. A cancel that comes
/// before the first article (the PDF path reads the articles first) stops that reading too.
#[test]
fn a_cancelled_export_leaves_no_file_and_keeps_an_older_one() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let listing = || files_in(dir.path());
    let out = dir.path().join("old.csv");
    std::fs::write(&out, "an older export").unwrap();
    let before = listing();
    // (format, the article after which the user cancels)
    let cases = [
        (ExportFormat::Json, 1),
        (ExportFormat::CslJson, 5),
        (ExportFormat::Csv, 9),
        // During the last article: the finished file is still not renamed into place.
        (ExportFormat::Json, 10),
    ];
    for (format, after) in cases {
        let cancel = AtomicBool::new(false);
        let mut written = 0;
        let error = source
            .export(
                &Selection::query(""),
                format,
                &out,
                &ExportOptions::default(),
                &mut |p| {
                    written = p.done;
                    if p.done == after {
                        cancel.store(true, Ordering::Relaxed);
                    }
                },
                Some(&cancel),
            )
            .unwrap_err();
        assert_eq!(error.code(), "cancelled", "{format:?}");
        // It stopped at once: not one article more.
        assert_eq!(written, after, "{format:?}");
        assert_eq!(listing(), before, "{format:?}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "an older export");
    }
    let cancelled = AtomicBool::new(true);
    let error = source
        .articles_for_export(&Selection::query(""), &out, Some(&cancelled))
        .unwrap_err();
    assert_eq!(error.code(), "cancelled");
    let never = AtomicBool::new(false);
    let all = source
        .articles_for_export(&Selection::query(""), &out, Some(&never))
        .unwrap();
    assert_eq!(all.len(), 10);
}

#[test]
fn selections_pick_and_order_articles() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let tagged = source.selected_ids(&Selection::query("tag:Maroc")).unwrap();
    assert_eq!(tagged.len(), 3);
    // Checked articles keep the user's order; a repeated id is exported once.
    assert_eq!(
        source.selected_ids(&Selection::Ids(vec![3, 1, 3])).unwrap(),
        [3, 1]
    );
    let out = dir.path().join("two.json");
    let mut seen = Vec::new();
    source
        .export(
            &Selection::Ids(vec![3, 1]),
            ExportFormat::Json,
            &out,
            &ExportOptions::default(),
            &mut |p| seen.push((p.done, p.total)),
            None,
        )
        .unwrap();
    assert_eq!(seen, [(1, 2), (2, 2)]);
    let ids: Vec<i64> = read_json(&out)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [3, 1]);
}

/// An export holds many articles and their original files, so it is not held to the size limit
/// meant for one article's file; a text file of the same size still is.
#[test]
fn an_export_larger_than_an_article_file_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled_archive(dir.path());
    let exported = dir.path().join("all.json");
    assert_eq!(export(&source, ExportFormat::Json, &exported), 10);
    let size = std::fs::metadata(&exported).unwrap().len();
    let text = dir.path().join("long.txt");
    std::fs::write(&text, format!("عنوان\n{}", "نص ".repeat(size as usize / 3))).unwrap();
    let options = ImportOptions {
        max_file_bytes: size / 2,
        ..ImportOptions::default()
    };
    let mut copy = Archive::open(dir.path().join("copy.arshif")).unwrap();
    let report = copy
        .import_paths(&[exported, text], &options, &mut |_| {}, None)
        .unwrap();
    assert_eq!(report.imported, 10, "{report:?}");
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert_eq!(report.failed[0].code, "too_large");
    assert!(report.failed[0].file.ends_with("long.txt"));
}
