//! The checks the fuzz targets run, one public function per target. Each takes arbitrary bytes,
//! drives one public engine API with them and panics only on a real bug: a panic or an abort
//! inside the engine, an answer that breaks a documented promise (a date that is not a day, a
//! query that reaches FTS5 as syntax, a search index that disagrees with its articles).
//! Time and memory are bounded by libFuzzer itself (`-timeout`, `-rss_limit_mb`,
//! `-malloc_limit_mb` in scripts/fuzz.sh), so a hang or an unbounded allocation is a finding.
//!
//! The same file is compiled into the engine's test `fuzz_replay.rs` (by `#[path]`), which
//! replays the seed corpora, every saved regression input and a few thousand mutations on the
//! stable toolchain: the checks cannot drift from what the fuzzer ran.

use std::cell::RefCell;
use std::path::Path;

use arshif_engine::import::{
    dates, docx::DocxImporter, encoding, html::HtmlImporter, json::JsonImporter,
    markdown::MarkdownImporter, txt::TextImporter, Importer, ParseContext, ParsedFile,
};
use arshif_engine::search::query;
use arshif_engine::{Archive, NewArticle, SearchQuery};

/// `YYYY-MM-DD` naming a day that exists (the loader refuses a file whose importer proposes
/// anything else, so an importer that made up such a date would lose the whole file).
fn is_day(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts[..] else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// What every importer promises about an article it returns.
fn check_parsed(format: &str, parsed: &ParsedFile) {
    assert!(!parsed.articles.is_empty(), "{format}: Ok with no article");
    for article in &parsed.articles {
        let article = &article.article;
        assert!(
            !article.title.trim().is_empty(),
            "{format}: an article without a title"
        );
        if let Some(date) = &article.date {
            assert!(is_day(date), "{format}: date {date:?} is not a day");
        }
    }
}

fn import(importer: &dyn Importer, file_name: &str, data: &[u8], dates_checked: bool) {
    let result = importer.parse(data, Path::new(file_name), &ParseContext::default());
    if let Ok(parsed) = result {
        if dates_checked {
            check_parsed(importer.name(), &parsed);
        } else {
            assert!(
                !parsed.articles.is_empty(),
                "{}: Ok with no article",
                importer.name()
            );
        }
    }
}

pub fn import_txt(data: &[u8]) {
    import(&TextImporter, "fuzz.txt", data, true);
}

pub fn import_html(data: &[u8]) {
    import(&HtmlImporter, "fuzz.html", data, true);
}

pub fn import_md(data: &[u8]) {
    import(&MarkdownImporter, "fuzz.md", data, true);
}

pub fn import_docx(data: &[u8]) {
    import(&DocxImporter, "fuzz.docx", data, true);
}

/// JSON articles carry the date the exporting archive had; the loader validates it, so only
/// "no panic, no hang, no runaway allocation" is asked of the importer.
pub fn import_json(data: &[u8]) {
    import(&JsonImporter, "fuzz.json", data, false);
}

pub fn encoding(data: &[u8]) {
    if let Ok(decoded) = encoding::decode(data) {
        // Text read as UTF-8 (with no byte-order mark) is the bytes themselves, or, when a few
        // bytes are damaged, the bytes with U+FFFD at the damage: never another reading.
        if decoded.encoding == "UTF-8" && !data.starts_with(b"\xEF\xBB\xBF") {
            assert_eq!(
                decoded.text,
                String::from_utf8_lossy(data),
                "UTF-8 text was altered"
            );
        }
    }
}

pub fn dates(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(found) = dates::find_date(&text) {
        // The printed date is a verbatim slice of the text (the UI and the PDF show it as is).
        assert!(
            text.contains(&found.text),
            "{:?} is not in the text",
            found.text
        );
        if let Some(iso) = &found.iso {
            assert!(is_day(iso), "find_date gave {iso:?}");
        }
        if let Some(hijri) = &found.hijri {
            let shape = hijri.len() == 10
                && hijri.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            assert!(shape, "hijri date {hijri:?}");
        }
    }
}

thread_local! {
    /// A small archive to run fuzzed queries against, built once per thread.
    static QUERY_ARCHIVE: Archive = query_archive();
}

fn query_archive() -> Archive {
    let mut archive = Archive::open_in_memory().expect("an in-memory archive opens");
    let articles = [
        (
            "زيارة مدير الشرطة الإسبانية للرباط",
            "يومه الأربعاء 10 غشت 2022 استقبل المدير العام للأمن الوطني",
            "جريدة أصوات",
            "2022-08-10",
        ),
        (
            "Le Maroc et l'Espagne",
            "La coopération sécuritaire entre Rabat et Madrid, été 2022.",
            "Le Matin",
            "2022-07-01",
        ),
        (
            "مدرسة في الريف",
            "افتتحت المدرسة الجديدة أبوابها في 3 شتنبر 2021",
            "هسبريس",
            "2021-09-03",
        ),
    ];
    for (i, (title, body, publication, date)) in articles.into_iter().enumerate() {
        let id = archive
            .add_article(&NewArticle {
                title: title.into(),
                body: body.into(),
                publication: Some(publication.into()),
                date: Some(date.into()),
                language: Some(if i == 1 { "fr" } else { "ar" }.into()),
                ..NewArticle::default()
            })
            .expect("a seed article is valid");
        archive
            .tag_articles("أمن/تعاون دولي", &[id])
            .expect("tagging works");
    }
    archive
}

/// Any text parses, and any parsed query runs: user text reaches FTS5 only as quoted terms, so
/// the only error a search may give is `bad_query` (a date filter that is not a date).
pub fn query(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Ok(parsed) = query::parse(&text) {
        if let Some(node) = &parsed.text {
            query::fts_expression(node);
        }
    }
    QUERY_ARCHIVE.with(|archive| {
        let search = SearchQuery {
            text: text.clone(),
            facets: true,
            ..SearchQuery::default()
        };
        if let Err(error) = archive.search(&search) {
            assert_eq!(error.code(), "bad_query", "{text:?}: {error}");
        }
    });
}

thread_local! {
    static INDEX_ARCHIVE: RefCell<Option<Archive>> = const { RefCell::new(None) };
}

/// Arbitrary text through the `arshif` FTS5 tokenizer (the engine's unsafe code): indexed,
/// searched, deleted, with FTS5's own integrity check after each step, which re-tokenizes the
/// text and fails if the tokenizer is not deterministic or reports offsets outside the text.
pub fn index(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let article = NewArticle {
        title: title.to_string(),
        body: body.to_string(),
        ..NewArticle::default()
    };
    INDEX_ARCHIVE.with(|cell| {
        let mut cell = cell.borrow_mut();
        let archive = cell.get_or_insert_with(|| Archive::open_in_memory().expect("opens"));
        let Ok(id) = archive.add_article(&article) else {
            return; // Refused by validation (no title, a title too long): not a bug.
        };
        let healthy = |archive: &Archive, step: &str| {
            let report = archive.check().expect("check runs");
            assert!(report.healthy, "{step}: {report:?}");
        };
        healthy(archive, "after insert");
        let word = body.split_whitespace().next().unwrap_or(title);
        let search = SearchQuery {
            text: format!("\"{}\"", word.replace('"', " ")),
            ..SearchQuery::default()
        };
        if let Err(error) = archive.search(&search) {
            assert_eq!(error.code(), "bad_query", "{word:?}: {error}");
        }
        archive.delete_articles(&[id]).expect("delete works");
        healthy(archive, "after delete");
    });
}

/// Runs the check named `target` (the fuzz target's name) on `data`.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "import_txt" => import_txt(data),
        "import_html" => import_html(data),
        "import_md" => import_md(data),
        "import_docx" => import_docx(data),
        "import_json" => import_json(data),
        "encoding" => encoding(data),
        "dates" => dates(data),
        "query" => query(data),
        "index" => index(data),
        other => panic!("no fuzz target named {other}"),
    }
}

/// Every target, in the order the script runs them.
pub const TARGETS: &[&str] = &[
    "import_txt",
    "import_html",
    "import_md",
    "import_docx",
    "import_json",
    "encoding",
    "dates",
    "query",
    "index",
];
