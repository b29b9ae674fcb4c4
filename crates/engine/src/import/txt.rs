//! Plain-text articles as archivists save them from news sites: the title on the first line, a
//! short publication line ("جريدة أصوات") when there is one, then the body, often followed by
//! site furniture. The date and author are found in the text (the rules live in
//! [`super::text_rules`], shared with every other format).
use std::path::Path;

use super::text_rules::{self, Known};
use super::{encoding, ImportError, Importer, ParseContext, ParsedArticle, ParsedFile};

pub struct TextImporter;

impl Importer for TextImporter {
    fn name(&self) -> &'static str {
        "txt"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn parse(
        &self,
        bytes: &[u8],
        path: &Path,
        context: &ParseContext,
    ) -> Result<ParsedFile, ImportError> {
        let decoded = encoding::decode(bytes)?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let article = parse_text(&decoded.text, stem, context)?;
        Ok(ParsedFile {
            articles: vec![article],
            encoding: decoded.encoding,
        })
    }
}

/// Builds the article from decoded text. `stem` (the file name) is the title of last resort.
pub fn parse_text(
    text: &str,
    stem: &str,
    context: &ParseContext,
) -> Result<ParsedArticle, ImportError> {
    text_rules::build(text, Known::default(), stem, context)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParsedArticle {
        parse_text(text, "file", &ParseContext::default()).unwrap()
    }

    #[test]
    fn sample_article() {
        let text = include_str!("../../../../tests/fixtures/txt/sample-article.txt");
        let parsed = parse(text);
        let article = &parsed.article;
        assert!(article
            .title
            .starts_with("زيارة مدير الشرطة الإسبانية للرباط"));
        assert_eq!(article.publication.as_deref(), Some("جريدة أصوات"));
        assert_eq!(article.date.as_deref(), Some("2022-08-10"));
        assert_eq!(article.language.as_deref(), Some("ar"));
        assert!(
            article.body.starts_with("في إطار دينامية التنسيق"),
            "{}",
            &article.body[..80]
        );
        assert!(
            article.body.ends_with("خاصة تلك العابرة للحدود."),
            "{}",
            article.body
        );
        assert!(!article.body.contains("التعليقات مغلقة"));
        assert_eq!(parsed.boilerplate_removed, "التعليقات مغلقة.");
        assert!(article.body.contains("Francisco PARDO PIQUERAS"));
    }

    /// One case: file text, then (title, publication, first body line, authors).
    fn check(
        text: &str,
        title: &str,
        publication: Option<&str>,
        body_start: &str,
        authors: &[&str],
    ) {
        let article = parse(text).article;
        assert_eq!(article.title, title, "{text:?}");
        assert_eq!(article.publication.as_deref(), publication, "{text:?}");
        assert!(
            article.body.starts_with(body_start),
            "{text:?} → {:?}",
            article.body
        );
        assert_eq!(article.authors, authors, "{text:?}");
    }

    #[test]
    fn headers_and_bylines() {
        check(
            "عنوان\r\nهسبريس.com\r\n\r\nالنص.",
            "عنوان",
            Some("هسبريس.com"),
            "النص.",
            &[],
        );
        check(
            "\n\n  عنوان  \nصحيفة الصباح\nالنص.",
            "عنوان",
            Some("صحيفة الصباح"),
            "النص.",
            &[],
        );
        check(
            "عنوان\nقال الوزير إن الحكومة ستواصل.\nالنص.",
            "عنوان",
            None,
            "قال الوزير",
            &[],
        );
        check(
            "عنوان\nبقلم: سعيد الخطابي\nالنص.",
            "عنوان",
            None,
            "بقلم",
            &["سعيد الخطابي"],
        );
        check(
            "Titre\nPar Leila Benali\nLe texte.",
            "Titre",
            None,
            "Par",
            &["Leila Benali"],
        );
        check("عنوان فقط", "عنوان فقط", None, "", &[]);
        let long = "كلمة ".repeat(100);
        check(&long, "file", None, "كلمة", &[]);
    }

    #[test]
    fn known_publications_are_recognised() {
        let context = ParseContext {
            known_publications: vec!["Le Matin".into()],
        };
        let article = parse_text("Titre\nLE MATIN\nTexte.", "f", &context)
            .unwrap()
            .article;
        assert_eq!(article.publication.as_deref(), Some("LE MATIN"));
    }

    #[test]
    fn blank_text_is_refused() {
        assert!(matches!(
            parse_text(" \n\t\r\n", "f", &ParseContext::default()),
            Err(ImportError::NoText)
        ));
    }
}
