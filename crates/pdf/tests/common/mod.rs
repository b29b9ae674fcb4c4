//! What the PDF tests share: articles to render, and poppler's tools to read the result back the
//! way a reader's PDF viewer or a colleague's script would.
#![allow(dead_code)] // Each test file uses its own part of this module.

use std::path::{Path, PathBuf};
use std::process::Command;

use arshif_engine::{Archive, Article, ImportOptions, TagRef};

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

/// Articles as the engine reads them from the given fixture files, through the real importer.
pub fn imported(paths: &[&str], tags: &[&str]) -> Vec<Article> {
    let mut archive = Archive::open_in_memory().unwrap();
    let paths: Vec<PathBuf> = paths.iter().map(|path| fixture(path)).collect();
    let report = archive
        .import_paths(&paths, &ImportOptions::default(), &mut |_| {}, None)
        .unwrap();
    assert_eq!(report.imported_ids.len(), paths.len(), "{report:?}");
    for tag in tags {
        archive.tag_articles(tag, &report.imported_ids).unwrap();
    }
    report
        .imported_ids
        .iter()
        .map(|&id| archive.article(id).unwrap())
        .collect()
}

/// The sample Moroccan article (tests/fixtures/txt/sample-article.txt), with two tags.
pub fn sample_article() -> Article {
    imported(&["txt/sample-article.txt"], &["أمن/تعاون دولي", "إسبانيا"]).remove(0)
}

pub fn article(id: i64, title: &str, body: &str, language: Option<&str>) -> Article {
    Article {
        id,
        title: title.to_owned(),
        body: body.to_owned(),
        publication: None,
        authors: Vec::new(),
        section: None,
        page: None,
        url: None,
        language: language.map(str::to_owned),
        date: None,
        date_text: None,
        hijri_date: None,
        notes: String::new(),
        tags: Vec::new(),
        imported_at: "2026-11-29T09:00:00Z".to_owned(),
        modified_at: "2026-11-29T09:00:00Z".to_owned(),
        provenance: None,
    }
}

pub fn french_article() -> Article {
    Article {
        publication: Some("Le Matin".to_owned()),
        authors: vec!["Samira Benali".to_owned()],
        date: Some("2022-08-11".to_owned()),
        tags: vec![TagRef {
            name: "coopération".to_owned(),
            colour: None,
        }],
        ..article(
            2,
            "Le Maroc et l'Espagne renforcent leur coopération sécuritaire",
            "Le directeur général de la police espagnole, Francisco Pardo Piqueras, a été reçu \
             mercredi 10 août 2022 à Rabat par son homologue marocain, Abdellatif Hammouchi \
             (عبد اللطيف حموشي en arabe).\n\
             Les deux délégations ont évoqué « la lutte contre le terrorisme, la migration \
             irrégulière et le trafic de drogue », selon un communiqué publié jeudi.\n\
             Près de 3,5 % des saisies européennes de 2021 ont été réalisées grâce à des \
             informations marocaines : un chiffre que Madrid cite volontiers.",
            Some("fr"),
        )
    }
}

/// An Arabic article without a stored language (judged by its letters) that quotes a French
/// paragraph, with figures and Latin names inside Arabic sentences.
pub fn mixed_article() -> Article {
    article(
        3,
        "تقرير: 3 ملايين زائر لمعرض Expo 2020 في أسبوعه الأول",
        "أعلنت إدارة معرض Expo 2020 Dubai أن عدد الزوار بلغ 3 ملايين زائر خلال الأسبوع الأول، \
         أي بزيادة 12.5% عن التوقعات المنشورة في تقرير سنة 2019.\n\
         Le commissaire général a déclaré : « nous sommes très satisfaits de ce premier bilan ».\n\
         وقال المفوض العام إن الجناح المغربي استقبل وحده 250000 زائر، مشيرا إلى أن الموقع \
         الإلكتروني www.expo2020.ae سجل بدوره أرقاما قياسية.",
        None,
    )
}

/// Runs one of poppler's tools; a missing tool fails the test with the fix, never skips it.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run `{tool}` ({error}): the PDF tests read the output back with \
             poppler-utils; install it (scripts/install-deps.sh test, or apt-get install \
             poppler-utils)"
            )
        });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A PDF on disk for the tools, removed with the returned guard.
pub fn pdf_file(pdf: &[u8]) -> tempfile::TempPath {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    file.into_temp_path()
}

/// `pdftotext` of some pages (all when `pages` is `None`), with the direction marks it inserts
/// around runs (U+202A–U+202E) removed: they are its reading aid, not the document's text.
pub fn pdf_text(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let path = pdf.to_str().unwrap();
    let range;
    let mut args = vec!["-enc", "UTF-8"];
    if let Some((first, last)) = pages {
        range = [first.to_string(), last.to_string()];
        args.extend(["-f", &range[0], "-l", &range[1]]);
    }
    args.extend([path, "-"]);
    poppler("pdftotext", &args)
        .chars()
        .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
        .collect()
}

pub fn page_count(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo's output:\n{info}"))
}

/// The words of a text: runs of letters, digits and Arabic marks, and a run of Arabic letters
/// ends where Latin letters or digits begin. Punctuation is left out because pdftotext attaches
/// a neutral character to whichever run it reads it with (`PIQUERAS”،` comes back as
/// `،”PIQUERAS`), and so is the space at a change of direction (`10 غشت` comes back as
/// ` 10غشت`); the words and their order are what must survive.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let boundary = match word.chars().last() {
            _ if !is_word_char(c) => true,
            Some(last) => is_arabic(last) != is_arabic(c) && !is_mark(c),
            None => false,
        };
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if is_word_char(c) {
            word.push(c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// [`words`] without Arabic marks (harakat, tanwin, shadda), for vocalized text: pdftotext puts
/// a mark before its letter (see src/marks.rs), and Arabic search ignores marks anyway.
pub fn words_without_marks(text: &str) -> Vec<String> {
    words(&text.chars().filter(|&c| !is_mark(c)).collect::<String>())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}'
}

fn is_arabic(c: char) -> bool {
    // Arabic-Indic digits are numbers: pdftotext moves the space next to them as it does next
    // to Western ones.
    ('\u{0600}'..='\u{06FF}').contains(&c) && !c.is_numeric()
}

/// The words of extracted text without the page-number footers ("2 / 5"), which pdftotext
/// puts in the middle of an article that runs over a page.
pub fn body_words(extracted: &str, split: fn(&str) -> Vec<String>) -> Vec<String> {
    let kept: Vec<&str> = extracted
        .lines()
        .filter(|line| !is_page_number(line))
        .collect();
    split(&kept.join("\n"))
}

pub fn is_page_number(line: &str) -> bool {
    let line = line.trim();
    line.contains('/')
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
}

/// Asserts that `expected`'s words appear in `extracted`, contiguous and in the same order; on
/// failure shows where the longest partial match went wrong.
pub fn assert_words_in_order(extracted: &[String], expected: &str, what: &str) {
    assert_split_words_in_order(extracted, expected, words, what);
}

/// [`assert_words_in_order`] with the expected text split by `split`.
pub fn assert_split_words_in_order(
    extracted: &[String],
    expected: &str,
    split: fn(&str) -> Vec<String>,
    what: &str,
) {
    let expected = split(expected);
    assert!(!expected.is_empty(), "{what}: nothing to look for");
    if extracted
        .windows(expected.len())
        .any(|window| window == expected.as_slice())
    {
        return;
    }
    let (start, matched) = (0..extracted.len())
        .map(|start| {
            let matched = extracted[start..]
                .iter()
                .zip(&expected)
                .take_while(|(a, b)| a == b)
                .count();
            (start, matched)
        })
        .max_by_key(|&(_, matched)| matched)
        .unwrap_or((0, 0));
    let found_end = (start + matched + 5).min(extracted.len());
    panic!(
        "{what}: the words do not come back in order. The longest match has {matched} of {} \
         words; then expected {:?}, extracted {:?}",
        expected.len(),
        &expected[matched..(matched + 5).min(expected.len())],
        &extracted[(start + matched).min(extracted.len())..found_end],
    );
}

/// A word's box on its page, as `pdftotext -bbox` reports it (points from the top left).
#[derive(Debug, Clone)]
pub struct WordBox {
    pub page: usize,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub text: String,
}

pub fn word_boxes(pdf: &Path) -> Vec<WordBox> {
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let mut page = 0;
    let mut boxes = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            let text = text.trim_end_matches("</word>");
            boxes.push(WordBox {
                page,
                x_min: attribute(tag, "xMin"),
                x_max: attribute(tag, "xMax"),
                y_min: attribute(tag, "yMin"),
                text: unescape(text),
            });
        }
    }
    boxes
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A4 is 595.28 points wide; the template's side margins are 2.2 cm (62.36 pt).
pub const PAGE_WIDTH: f64 = 595.28;
pub const SIDE_MARGIN: f64 = 62.36;
