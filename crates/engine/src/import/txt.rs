//! Plain-text articles as archivists save them from news sites: the title on the first line, a
//! short publication line ("جريدة أصوات") when there is one, then the body, often followed by
//! site furniture. The date and author are found in the text.
use std::path::Path;

use super::{
    boilerplate, dates, encoding, language, ImportError, Importer, ParseContext, ParsedArticle,
    ParsedFile,
};
use crate::keys::name_key;
use crate::model::NewArticle;

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

/// A first line longer than this is a paragraph, not a title.
const MAX_TITLE_CHARS: usize = 300;
/// Publication lines are short: "جريدة أصوات", "Hespress", "يومية الصباح".
const MAX_PUBLICATION_CHARS: usize = 60;
const MAX_PUBLICATION_WORDS: usize = 6;
/// First words that announce a publication name (normal form).
const PUBLICATION_WORDS: &[&str] = &[
    "جريده",
    "صحيفه",
    "مجله",
    "موقع",
    "يوميه",
    "اسبوعيه",
    "journal",
    "quotidien",
    "hebdomadaire",
    "magazine",
    "newspaper",
];
/// Words that introduce an author's name (normal form), followed by the name.
const AUTHOR_WORDS: &[&str] = &["بقلم", "كتب", "كتبت", "اعداد", "par", "by"];

fn is_publication_line(line: &str, known: &[String]) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if line.chars().count() > MAX_PUBLICATION_CHARS || words == 0 || words > MAX_PUBLICATION_WORDS {
        return false;
    }
    if line.ends_with(['.', '!', '?', '؟', ':', '،', ',', ';', '؛']) {
        return false;
    }
    let key = name_key(line);
    let first_word = key.split_whitespace().next().unwrap_or("");
    PUBLICATION_WORDS.contains(&first_word)
        || known.iter().any(|name| name_key(name) == key)
        || looks_like_site(&key)
}

/// "hespress.com", "le360.ma": a site name standing alone on its line.
fn looks_like_site(key: &str) -> bool {
    !key.contains(' ')
        && [".com", ".ma", ".net", ".org", ".info", ".dz", ".tn", ".fr"]
            .iter()
            .any(|tld| key.ends_with(tld))
}

/// "بقلم: سعيد الخطابي" → "سعيد الخطابي"; only short lines, so a sentence starting with "كتب"
/// is not mistaken for a byline.
fn author_from_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.split_whitespace().count() > 7 {
        return None;
    }
    let (first, rest) = line.split_once(|c: char| c.is_whitespace() || c == ':')?;
    if !AUTHOR_WORDS.contains(&name_key(first).as_str()) {
        return None;
    }
    let name = rest.trim_start_matches([':', ' ', '-', '–']).trim();
    (!name.is_empty() && name.chars().count() <= 80).then(|| name.to_string())
}

/// Builds the article from decoded text. `stem` (the file name) is the title of last resort.
pub fn parse_text(
    text: &str,
    stem: &str,
    context: &ParseContext,
) -> Result<ParsedArticle, ImportError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Old Mac files end lines with a lone CR; `lines()` only knows LF and CRLF.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut rest = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((first_index, first)) = rest.next() else {
        return Err(ImportError::NoText);
    };
    let (title, mut body_start) = if first.trim().chars().count() <= MAX_TITLE_CHARS {
        (first.trim().to_string(), first_index + 1)
    } else {
        // No title line: the file name is the best title we have; the paragraph stays in the body.
        let stem = stem.trim();
        (
            if stem.is_empty() {
                "—".to_string()
            } else {
                stem.to_string()
            },
            first_index,
        )
    };
    let mut publication = None;
    if body_start > first_index {
        if let Some((index, line)) = rest.next() {
            if is_publication_line(line, &context.known_publications) {
                publication = Some(line.trim().to_string());
                body_start = index + 1;
            }
        }
    }
    let body_lines = &lines[body_start.min(lines.len())..];
    let (keep, removed) = boilerplate::split_trailing(body_lines);
    let kept = &body_lines[..keep];
    let leading_blank = kept.iter().take_while(|l| l.trim().is_empty()).count();
    let body = kept[leading_blank..].join("\n").trim_end().to_string();

    let authors = kept
        .iter()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .chain(kept.iter().rev().filter(|l| !l.trim().is_empty()).take(2))
        .find_map(|line| author_from_line(line))
        .into_iter()
        .collect();
    let found = dates::find_date(&format!("{title}\n{body}"));
    let language = language::detect(&body)
        .or_else(|| language::detect(&title))
        .map(String::from);
    let (date, date_text, hijri_date) = match found {
        Some(found) => (found.iso, Some(found.text), found.hijri),
        None => (None, None, None),
    };
    Ok(ParsedArticle {
        article: NewArticle {
            title,
            body,
            publication,
            authors,
            language,
            date,
            date_text,
            hijri_date,
            ..NewArticle::default()
        },
        boilerplate_removed: removed.join("\n"),
    })
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
