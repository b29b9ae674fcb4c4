//! Importing saved web pages: the article's text without the site around it, its metadata, the
//! page's resource folder left alone, and bad pages failing alone.

mod common;
use common::{failures, fixture, import, temp_archive};

/// Text planted in the fixtures' scripts, styles, templates, comments, navigation, share
/// buttons, comment sections, related links, footers and framed ads: none of it is article text.
const FURNITURE: &[&str] = &[
    "SCRIPT-LEAK",
    "STYLE-LEAK",
    "TEMPLATE-LEAK",
    "NOSCRIPT-LEAK",
    "COMMENT-LEAK",
    "COMMENT-TEXT",
    "RELATED-TEXT",
    "FOOTER-TEXT",
    "AD-FRAME-TEXT",
    "NEWSLETTER-TEXT",
    "onerror",
    "الرئيسية",
    "فيسبوك",
    "واتساب",
    "Accueil",
    "S'inscrire",
];

/// What one page must import as.
struct Expected {
    file: &'static str,
    encoding: &'static str,
    title: &'static str,
    publication: Option<&'static str>,
    authors: &'static [&'static str],
    date: Option<&'static str>,
    date_text: Option<&'static str>,
    language: &'static str,
    url: Option<&'static str>,
    body_starts: &'static str,
    body_ends: &'static str,
    paragraphs: usize,
}

const PAGES: &[Expected] = &[
    Expected {
        file: "hespress-like.html",
        encoding: "UTF-8",
        title: "زيارة مدير الشرطة الإسبانية للرباط تعزيز للتعاون واعتراف بقوة الحضور الأمني المغربي في كافة المجالات",
        publication: Some("جريدة أصوات"),
        authors: &["هيئة التحرير"],
        date: Some("2022-08-10"),
        date_text: Some("الأربعاء 10 غشت 2022"),
        language: "ar",
        url: Some("https://aswat.example/news/2022/08/10/hammouchi-pardo"),
        body_starts: "في إطار دينامية التنسيق والتعاون",
        body_ends: "خاصة تلك العابرة للحدود.",
        paragraphs: 6,
    },
    Expected {
        file: "goud-windows-1256.html",
        encoding: "windows-1256",
        title: "الجامعة: الماتش ديال الحمرا والفراعنة غادي يدوز بشبابيك مغلقة حقاش تباعت 45800 تذكرة",
        // No metadata: the publication line under the headline, as in a .txt file.
        publication: Some("موقع كود"),
        authors: &[],
        date: Some("2017-11-04"),
        date_text: Some("السبت 4 نونبر 2017"),
        language: "ar",
        url: None,
        body_starts: "أعلنت الجامعة الملكية المغربية لكرة القدم",
        body_ends: "في أحسن الظروف.",
        paragraphs: 2,
    },
    Expected {
        file: "lematin-fr.html",
        encoding: "UTF-8",
        title: "Rabat accueille le salon du livre jeunesse",
        publication: Some("Le Quotidien"),
        authors: &["Leila Benali"],
        date: Some("2020-05-05"),
        date_text: Some("5 mai 2020"),
        language: "fr",
        url: None,
        body_starts: "Publié le 5 mai 2020 à Rabat.",
        body_ends: "d'enseignants et de bibliothécaires.",
        paragraphs: 4,
    },
];

#[test]
fn a_folder_of_saved_pages_imports_each_article_once() {
    let (_dir, mut archive) = temp_archive();
    let report = import(&mut archive, &[fixture("html")]);
    // Three pages; `hespress-like_files/saved_resource.html` (a framed ad) belongs to its page.
    assert_eq!(
        (report.imported, report.duplicates, report.failed.len()),
        (3, 0, 0),
        "{report:?}"
    );
    for expected in PAGES {
        let id = report
            .imported_ids
            .iter()
            .copied()
            .find(|id| {
                let article = archive.article(*id).unwrap();
                article.provenance.unwrap().file_name == expected.file
            })
            .unwrap_or_else(|| panic!("{} not imported", expected.file));
        let article = archive.article(id).unwrap();
        let file = expected.file;
        assert_eq!(article.title, expected.title, "{file}");
        assert_eq!(
            article.publication.as_deref(),
            expected.publication,
            "{file}: {article:?}"
        );
        assert_eq!(article.authors, expected.authors, "{file}");
        assert_eq!(article.date.as_deref(), expected.date, "{file}");
        assert_eq!(article.date_text.as_deref(), expected.date_text, "{file}");
        assert_eq!(
            article.language.as_deref(),
            Some(expected.language),
            "{file}"
        );
        assert_eq!(article.url.as_deref(), expected.url, "{file}");
        assert!(
            article.body.starts_with(expected.body_starts),
            "{file}: {}",
            article.body
        );
        assert!(
            article.body.ends_with(expected.body_ends),
            "{file}: {}",
            article.body
        );
        // Plain text, paragraphs separated by one blank line.
        assert_eq!(
            article.body.split("\n\n").count(),
            expected.paragraphs,
            "{file}: {}",
            article.body
        );
        assert!(
            !article.body.contains('<'),
            "{file}: markup in {}",
            article.body
        );
        for furniture in FURNITURE {
            assert!(
                !article.body.contains(furniture) && !article.title.contains(furniture),
                "{file}: {furniture:?} in {}",
                article.body
            );
        }
        let provenance = article.provenance.unwrap();
        assert_eq!(provenance.importer, "html", "{file}");
        assert_eq!(provenance.encoding, expected.encoding, "{file}");
        let original = std::fs::read(fixture(&format!("html/{file}"))).unwrap();
        assert_eq!(archive.original_bytes(id).unwrap(), original, "{file}");
    }
}

#[test]
fn bad_pages_fail_alone_with_reasons() {
    let (dir, mut archive) = temp_archive();
    let deep = dir.path().join("deep.html");
    std::fs::write(
        &deep,
        format!(
            "<html><body>{}<p>نص عميق جدا</p>{}</body></html>",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        ),
    )
    .unwrap();
    let empty_page = dir.path().join("empty.htm");
    std::fs::write(
        &empty_page,
        "<html><head><title>x</title><script>var a = 'نص';</script></head><body></body></html>",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let report = import(
        &mut archive,
        &[
            fixture("bad/photo-renamed.html"),
            deep,
            fixture("html/lematin-fr.html"),
            empty_page,
        ],
    );
    // The deep page is refused before it is parsed, not after a minute of work.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert_eq!(report.imported, 1, "{report:?}");
    let failures = failures(&report);
    assert_eq!(
        failures,
        [
            ("photo-renamed.html".to_string(), "binary_file"),
            ("deep.html".to_string(), "too_complex"),
            ("empty.htm".to_string(), "no_text"),
        ]
    );
    assert!(report.failed.iter().all(|f| !f.reason.is_empty()));
    assert_eq!(archive.stats().unwrap().articles, 1);
}

/// The same story saved as text and as a web page is one article: the page's extracted title
/// and body normalize to the same words as the text file's (the publication line and the
/// "comments closed" line are cut from the .txt; the site around the article from the .html).
#[test]
fn the_same_story_as_txt_and_html_is_a_same_text_duplicate() {
    for (first, second) in [
        ("txt/sample-article.txt", "html/hespress-like.html"),
        ("html/hespress-like.html", "txt/sample-article.txt"),
    ] {
        let (_dir, mut archive) = temp_archive();
        let report = import(&mut archive, &[fixture(first)]);
        assert_eq!(report.imported, 1, "{first}: {report:?}");
        let again = import(&mut archive, &[fixture(second)]);
        assert_eq!(
            (again.imported, again.duplicates),
            (0, 1),
            "{second}: {again:?}"
        );
        let duplicate = &again.duplicate_files[0];
        assert_eq!(duplicate.kind, "same_text");
        assert_eq!(duplicate.existing_id, report.imported_ids[0]);
    }
}
