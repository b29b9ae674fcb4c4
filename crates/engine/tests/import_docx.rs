//! Importing Word documents. The .docx files are built here, part by part, so each test shows
//! exactly what its document holds; the bad ones (truncated, a zip bomb, encrypted, not a ZIP)
//! are built the same way.
use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

mod common;
use common::{failures, fixture, import, temp_archive};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A ZIP of the given parts, deflated.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// `w:p` elements: (style id, text). Line breaks in the text become `w:br`, tabs `w:tab`.
fn document_xml(paragraphs: &[(Option<&str>, &str)]) -> String {
    let mut body = String::new();
    for (style, text) in paragraphs {
        body.push_str("<w:p>");
        if let Some(style) = style {
            body.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#));
        }
        body.push_str("<w:r>");
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                body.push_str("<w:br/>");
            }
            for (j, cell) in line.split('\t').enumerate() {
                if j > 0 {
                    body.push_str("<w:tab/>");
                }
                let escaped = cell.replace('&', "&amp;").replace('<', "&lt;");
                body.push_str(&format!(r#"<w:t xml:space="preserve">{escaped}</w:t>"#));
            }
        }
        body.push_str("</w:r></w:p>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

fn core_xml(title: &str, creator: &str, created: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created></cp:coreProperties>"#
    )
}

/// Styles as a French Word names them: the ids are translated, the built-in names are not.
fn styles_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    )
}

fn docx(paragraphs: &[(Option<&str>, &str)], core: Option<String>) -> Vec<u8> {
    let document = document_xml(paragraphs);
    let styles = styles_xml();
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ];
    if let Some(core) = &core {
        parts.push(("docProps/core.xml", core.as_bytes()));
    }
    package(&parts)
}

/// The sample article's lines: title, publication, paragraphs (the .txt fixture's content).
fn sample_paragraphs() -> Vec<String> {
    let text = std::fs::read_to_string(fixture("txt/sample-article.txt")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "التعليقات مغلقة.")
        .map(String::from)
        .collect()
}

#[test]
fn an_arabic_document_imports_with_its_title_style_and_text_date() {
    let (dir, mut archive) = temp_archive();
    let lines = sample_paragraphs();
    // The publication line first, then the headline in the Title style: the style decides.
    let mut paragraphs: Vec<(Option<&str>, &str)> =
        vec![(None, &lines[1]), (Some("Titre"), &lines[0])];
    paragraphs.extend(lines[2..].iter().map(|l| (None, l.as_str())));
    let path = dir.path().join("مقال.docx");
    let core = core_xml("", "pc-redaction", "2023-01-05T10:00:00Z");
    std::fs::write(&path, docx(&paragraphs, Some(core))).unwrap();

    let report = import(&mut archive, std::slice::from_ref(&path));
    assert_eq!(
        (report.imported, report.duplicates, report.failed.len()),
        (1, 0, 0),
        "{report:?}"
    );
    let article = archive.article(report.imported_ids[0]).unwrap();
    assert_eq!(article.title, lines[0]);
    assert_eq!(article.publication.as_deref(), Some("جريدة أصوات"));
    // The date printed in the text, not the day the file was created.
    assert_eq!(article.date.as_deref(), Some("2022-08-10"));
    assert_eq!(article.date_text.as_deref(), Some("الأربعاء 10 غشت 2022"));
    // No byline in the text: the document's creator is all we have.
    assert_eq!(article.authors, ["pc-redaction"]);
    assert_eq!(article.language.as_deref(), Some("ar"));
    assert!(article.body.starts_with("في إطار دينامية التنسيق"));
    assert!(article.body.ends_with("خاصة تلك العابرة للحدود."));
    assert_eq!(article.body.split("\n\n").count(), 6, "{}", article.body);
    let provenance = article.provenance.unwrap();
    assert_eq!(provenance.importer, "docx");
    assert_eq!(
        archive.original_bytes(article.id).unwrap(),
        std::fs::read(&path).unwrap()
    );

    // The same story saved as .txt is the same text.
    let again = import(&mut archive, &[fixture("txt/sample-article.txt")]);
    assert_eq!((again.imported, again.duplicates), (0, 1), "{again:?}");
    assert_eq!(again.duplicate_files[0].kind, "same_text");
}

#[test]
fn core_properties_title_and_fallbacks() {
    let (dir, mut archive) = temp_archive();
    let cases = [
        Case {
            // dc:title is the title; the text's byline beats dc:creator; no date in the text, so
            // the creation date is used.
            name: "titre.docx",
            paragraphs: vec![
                (None, "Par Leila Benali"),
                (
                    None,
                    "La ville accueille le salon du livre.\tEntrée libre.\nDeuxième ligne.",
                ),
            ],
            core: Some(core_xml(
                "Le salon du livre",
                "admin",
                "2020-05-05T08:00:00Z",
            )),
            title: "Le salon du livre",
            authors: &["Leila Benali"],
            date: Some("2020-05-05"),
            body: "Par Leila Benali\n\n\
                   La ville accueille le salon du livre.\tEntrée libre.\nDeuxième ligne.",
            language: "fr",
        },
        Case {
            // No properties part, no title style: the first paragraph is the title.
            name: "sans-proprietes.docx",
            paragraphs: vec![
                (None, "Titre simple"),
                (None, "Le texte, publié le 1er mars 2021."),
            ],
            core: None,
            title: "Titre simple",
            authors: &[],
            date: Some("2021-03-01"),
            body: "Le texte, publié le 1er mars 2021.",
            language: "fr",
        },
        Case {
            // Heading 1 (by its id, translated) when there is no Title paragraph.
            name: "titre1.docx",
            paragraphs: vec![
                (None, "Chapeau court"),
                (Some("Titre1"), "Le vrai titre"),
                (None, "Le corps du texte."),
            ],
            core: Some(core_xml("", "", "")),
            title: "Le vrai titre",
            authors: &[],
            date: None,
            body: "Chapeau court\n\nLe corps du texte.",
            language: "fr",
        },
    ];
    for expected in cases {
        let name = expected.name;
        let path = dir.path().join(name);
        std::fs::write(&path, docx(&expected.paragraphs, expected.core.clone())).unwrap();
        let report = import(&mut archive, &[path]);
        assert_eq!(report.imported, 1, "{name}: {report:?}");
        let article = archive.article(report.imported_ids[0]).unwrap();
        assert_eq!(article.title, expected.title, "{name}");
        assert_eq!(article.authors, expected.authors, "{name}");
        assert_eq!(article.date.as_deref(), expected.date, "{name}");
        assert_eq!(article.body, expected.body, "{name}");
        assert_eq!(
            article.language.as_deref(),
            Some(expected.language),
            "{name}"
        );
    }
}

/// A document and what it must import as.
struct Case {
    name: &'static str,
    paragraphs: Vec<(Option<&'static str>, &'static str)>,
    core: Option<String>,
    title: &'static str,
    authors: &'static [&'static str],
    date: Option<&'static str>,
    body: &'static str,
    language: &'static str,
}

#[test]
fn bad_documents_fail_alone_with_reasons() {
    let (dir, mut archive) = temp_archive();
    let good = docx(&[(None, "عنوان"), (None, "نص المقال.")], None);
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // A zip bomb: 80 MiB of spaces inside the document part deflate to about 80 KB, past the
    // 64 MiB a part may inflate to.
    let spaces = vec![b' '; 80 * 1024 * 1024];
    let mut bomb_xml = format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>"#).into_bytes();
    bomb_xml.extend_from_slice(&spaces);
    bomb_xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    drop(spaces);
    let bomb = package(&[("word/document.xml", &bomb_xml)]);
    drop(bomb_xml);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    // Word's password protection: an OLE compound file holding an `EncryptedPackage` stream.
    let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    encrypted.resize(512, 0);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    encrypted.resize(2048, 0);
    let paths = [
        write("truncated.docx", &good[..good.len() / 2]),
        write("bomb.docx", &bomb),
        write("encrypted.docx", &encrypted),
        write("text-renamed.docx", "ليس مستند وورد".as_bytes()),
        write(
            "no-document.docx",
            &package(&[("word/styles.xml", styles_xml().as_bytes())]),
        ),
        write("empty-body.docx", &docx(&[(None, "  ")], None)),
        write("good.docx", &good),
    ];
    let started = std::time::Instant::now();
    let report = import(&mut archive, &paths);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert_eq!((report.imported, report.duplicates), (1, 0), "{report:?}");
    let failures = failures(&report);
    assert_eq!(
        failures,
        [
            ("truncated.docx".to_string(), "corrupt_document"),
            ("bomb.docx".to_string(), "expands_too_large"),
            ("encrypted.docx".to_string(), "encrypted_document"),
            ("text-renamed.docx".to_string(), "corrupt_document"),
            ("no-document.docx".to_string(), "corrupt_document"),
            ("empty-body.docx".to_string(), "no_text"),
        ]
    );
    assert!(report.failed.iter().all(|f| !f.reason.is_empty()));
    assert_eq!(archive.stats().unwrap().articles, 1);
}
