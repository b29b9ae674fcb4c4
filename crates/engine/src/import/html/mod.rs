//! Saved web pages (`.html`, `.htm`): the article's main text, extracted by `dom_smoothie` (a
//! Rust port of Mozilla's readability.js, maintained, MSRV 1.85), and its title, author, date
//! and publication from the page's metadata ([`metadata`]). What the metadata lacks comes from
//! the same text rules as `.txt` files. The body is stored as plain text, paragraphs separated
//! by a blank line; the page's bytes are kept by the loader, so nothing is lost.
mod charset;
mod furniture;
mod limits;
mod metadata;

use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::text_rules::{self, MAX_TITLE_CHARS};
use super::{contain_panics, ImportError, Importer, ParseContext, ParsedFile};

pub struct HtmlImporter;

/// Elements whose content is never article text: code, styling, inert templates and embedded
/// documents. They go before extraction so no heuristic can keep them.
const NEVER_TEXT: &str = "script, style, template, noscript, iframe, frame, frameset, object, \
     embed, applet, svg, canvas, dialog";
/// Form controls stay for readability, which counts them to recognise newsletter and comment
/// forms (and then drops the controls); only the whole-page fallback removes them itself.
const FORM_CONTROLS: &str = "button, select, textarea, input";

impl Importer for HtmlImporter {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }

    fn parse(
        &self,
        bytes: &[u8],
        path: &Path,
        context: &ParseContext,
    ) -> Result<ParsedFile, ImportError> {
        contain_panics(|| parse_page(bytes, path, context))
    }
}

fn parse_page(
    bytes: &[u8],
    path: &Path,
    context: &ParseContext,
) -> Result<ParsedFile, ImportError> {
    let decoded = charset::decode(bytes)?;
    limits::check_markup(&decoded.text)?;
    let doc = Document::from(decoded.text.as_str());
    limits::check_tree(&doc)?;
    let mut known = metadata::read(&doc);
    let extracted = extract(prepare(doc), || {
        let doc = prepare(Document::from(decoded.text.as_str()));
        doc.select(FORM_CONTROLS).remove();
        doc.select("body").formatted_text().to_string()
    })?;
    if known.title.is_none() {
        known.title = extracted
            .title
            .filter(|t| t.chars().count() <= MAX_TITLE_CHARS);
    }
    if known.authors.is_empty() {
        // Readability lifts the byline element out of the text ("Par Leila Benali"), so the
        // text rules would not see it: read the name out of it here.
        known.authors = extracted
            .byline
            .map(|line| text_rules::author_from_line(&line).unwrap_or(line))
            .into_iter()
            .collect();
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let article = text_rules::build(&extracted.text, known, stem, context)?;
    if article.article.body.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    Ok(ParsedFile {
        articles: vec![article],
        encoding: decoded.encoding,
    })
}

/// The article text and what readability found beside it.
struct Extracted {
    text: String,
    title: Option<String>,
    byline: Option<String>,
}

/// The document without what is never article text.
fn prepare(doc: Document) -> Document {
    doc.select(NEVER_TEXT).remove();
    furniture::remove(&doc);
    doc
}

/// Readability's article, or the page's whole text (`fallback`) when readability finds none:
/// it fails on pages with too little text to score, and a short notice is still an article.
fn extract(doc: Document, fallback: impl FnOnce() -> String) -> Result<Extracted, ImportError> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, None, Some(config))
        .map_err(|e| ImportError::CorruptDocument(e.to_string()))?;
    match readability.parse() {
        Ok(article) => {
            let text = article.text_content.to_string();
            let text = if text.trim().is_empty() {
                fallback()
            } else {
                text
            };
            Ok(Extracted {
                text,
                title: Some(article.title).filter(|t| !t.trim().is_empty()),
                byline: article
                    .byline
                    .map(|b| b.trim().to_string())
                    .filter(|b| !b.is_empty() && b.chars().count() <= 80),
            })
        }
        Err(_) => Ok(Extracted {
            title: Some(readability.get_article_title().to_string())
                .filter(|t| !t.trim().is_empty()),
            text: fallback(),
            byline: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> Result<crate::model::NewArticle, ImportError> {
        HtmlImporter
            .parse(
                html.as_bytes(),
                Path::new("page.html"),
                &ParseContext::default(),
            )
            .map(|file| file.articles[0].article.clone())
    }

    #[test]
    fn short_pages_keep_their_text_and_never_their_code() {
        // Too short for readability to score: the whole body is the article.
        let html = r#"<html><head><title>بلاغ قصير</title><style>p{x:1}</style></head><body>
            <p onclick="alert(1)">أعلنت الوزارة عن تأجيل الامتحانات يومه 3 نونبر 2021.</p>
            <script>SCRIPT-LEAK</script><noscript>NOSCRIPT-LEAK</noscript>
            <template><p>TEMPLATE-LEAK</p></template><!-- COMMENT-LEAK -->
            <form><textarea>FORM-LEAK</textarea><button>FORM-LEAK</button></form>
            </body></html>"#;
        let article = parse(html).unwrap();
        assert_eq!(article.title, "بلاغ قصير");
        assert_eq!(
            article.body,
            "أعلنت الوزارة عن تأجيل الامتحانات يومه 3 نونبر 2021."
        );
        assert_eq!(article.date.as_deref(), Some("2021-11-03"));
    }

    #[test]
    fn line_broken_pages_keep_their_paragraphs() {
        // Old news sites wrote paragraphs as runs of text between `<br><br>`.
        let sentence = "وأكد المصدر أن اللجنة ستواصل عملها خلال الأسابيع المقبلة في جميع المدن";
        let html = format!(
            r#"<html lang="ar-MA"><head><title>اللجنة الجهوية تواصل عملها في جميع المدن | الموقع</title></head><body>
            <div class="menu"><a href="/">الرئيسية</a> | <a href="/a">أخبار</a></div>
            <div id="content"><h1 class="entry-title"><a href="/self">اللجنة الجهوية تواصل عملها في جميع المدن</a></h1>
            {sentence} الأولى.<br><br>{sentence} الثانية.<br><br>{sentence} الثالثة.<br>سطر تال.
            </div></body></html>"#
        );
        let article = parse(&html).unwrap();
        assert_eq!(article.title, "اللجنة الجهوية تواصل عملها في جميع المدن");
        assert_eq!(
            article.body,
            format!("{sentence} الأولى.\n\n{sentence} الثانية.\n\n{sentence} الثالثة.\nسطر تال.")
        );
        assert_eq!(article.language.as_deref(), Some("ar-MA"));
    }

    #[test]
    fn every_cut_of_a_page_parses_or_fails_cleanly() {
        let page = include_str!("../../../../../tests/fixtures/html/hespress-like.html");
        let bytes = page.as_bytes();
        // Called without the panic guard: a panic here fails the test.
        for end in (0..bytes.len()).step_by(97) {
            let _ = parse_page(
                &bytes[..end],
                Path::new("cut.html"),
                &ParseContext::default(),
            );
        }
    }

    #[test]
    fn pages_without_text_are_refused() {
        let cases: &[(&[u8], &str)] = &[
            (
                b"<html><head><title>x</title></head><body><script>a()</script></body></html>",
                "no_text",
            ),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary_file"),
            (b"", "empty_file"),
        ];
        for (bytes, code) in cases {
            let error = HtmlImporter
                .parse(bytes, Path::new("page.html"), &ParseContext::default())
                .unwrap_err();
            assert_eq!(error.code(), *code, "{bytes:?}");
        }
    }
}
