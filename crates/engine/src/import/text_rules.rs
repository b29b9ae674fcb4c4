//! The rules every format shares once it has plain text: the title line, the publication line,
//! the byline, trailing site furniture, the date and the language. Structured formats (HTML
//! metadata, Markdown front matter, DOCX properties) say what they already know in [`Known`];
//! the text fills in the rest, so a .txt and an .html of one story end up with the same fields.
use super::{boilerplate, dates, language, ImportError, ParseContext, ParsedArticle};
use crate::analysis::normalize;
use crate::keys::name_key;
use crate::model::NewArticle;

/// A first line longer than this is a paragraph, not a title.
pub(crate) const MAX_TITLE_CHARS: usize = 300;
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

/// What a format's own metadata says about an article. Empty fields are looked for in the text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Known {
    pub title: Option<String>,
    pub publication: Option<String>,
    /// Trusted over a byline in the text (HTML `<meta name=author>`, JSON-LD, front matter).
    pub authors: Vec<String>,
    /// Used only when the text names no author (DOCX `dc:creator` is often a login name).
    pub fallback_authors: Vec<String>,
    /// `YYYY-MM-DD`, trusted over a date in the text.
    pub date: Option<String>,
    /// `YYYY-MM-DD`, used only when the text has no date (a file's creation date).
    pub fallback_date: Option<String>,
    /// A BCP 47 tag the file declares (`<html lang>`); the text's letters decide, this only
    /// adds a region (`ar-MA`) when it agrees with them.
    pub language: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
}

pub(crate) fn is_publication_line(line: &str, known: &[String]) -> bool {
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
pub(crate) fn author_from_line(line: &str) -> Option<String> {
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

/// A `YYYY-MM-DD` date at the start of a machine-written value (`2022-08-10T14:32:00+01:00`,
/// `2022-08-10`), checked to exist. The day is the one the publisher wrote, in its own time zone.
pub(crate) fn iso_date_prefix(value: &str) -> Option<String> {
    let value = value.trim();
    let bytes = value.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    if bytes.len() > 10 && bytes[10].is_ascii_digit() {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u16> {
        let part = value.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(day).ok()?;
    (year >= 1000 && day >= 1 && day <= dates::gregorian_month_days(year, month))
        .then(|| value[..10].to_string())
}

/// A date written by a program or a person in a metadata field: ISO first, then any shape the
/// text rules know (`10 غشت 2022`, `10/08/2022`).
pub(crate) fn date_from_field(value: &str) -> Option<String> {
    iso_date_prefix(value).or_else(|| dates::find_date(value).and_then(|found| found.iso))
}

fn is_same_line(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        normalize(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    key(a) == key(b)
}

/// Builds an article from plain text and what the format already knows. Without a known title
/// the first line is the title (the file name when that line is a whole paragraph); a known title
/// repeated on the first line is not kept twice. A short publication line right after the title
/// is taken as the publication, trailing furniture is cut, and the byline, date and language come
/// from the text when `known` does not have them.
pub(crate) fn build(
    text: &str,
    known: Known,
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
        .filter(|(_, l)| !l.trim().is_empty())
        .peekable();
    // A "title" the length of a paragraph is a mislabelled description; the text decides then.
    let known_title = known
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().count() <= MAX_TITLE_CHARS);
    let (title, mut body_start, title_from_text) = match (known_title, rest.peek().copied()) {
        (Some(title), Some((index, first))) if is_same_line(title, first) => {
            rest.next();
            (title.to_string(), index + 1, true)
        }
        (Some(title), _) => (title.to_string(), 0, false),
        (None, None) => return Err(ImportError::NoText),
        (None, Some((index, first))) => {
            if first.trim().chars().count() <= MAX_TITLE_CHARS {
                rest.next();
                (first.trim().to_string(), index + 1, true)
            } else {
                // No title line: the file name is the best title we have; the paragraph stays
                // in the body.
                let stem = stem.trim();
                let title = if stem.is_empty() { "—" } else { stem };
                (title.to_string(), index, false)
            }
        }
    };
    let mut publication = known.publication.filter(|p| !p.trim().is_empty());
    // The publication line follows a title line; a file whose first line is a paragraph has none.
    if publication.is_none() && (title_from_text || known_title.is_some()) {
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

    let mut authors = known.authors;
    if authors.is_empty() {
        authors = kept
            .iter()
            .filter(|l| !l.trim().is_empty())
            .take(3)
            .chain(kept.iter().rev().filter(|l| !l.trim().is_empty()).take(2))
            .find_map(|line| author_from_line(line))
            .into_iter()
            .collect();
    }
    if authors.is_empty() {
        authors = known.fallback_authors;
    }
    let found = dates::find_date(&format!("{title}\n{body}"));
    let (mut date, mut date_text, mut hijri_date) = match found {
        Some(found) => (found.iso, Some(found.text), found.hijri),
        None => (None, None, None),
    };
    if let Some(known_date) = known.date {
        // The printed date line is kept only when it is the same day the metadata gives.
        if date.as_deref() != Some(known_date.as_str()) {
            date_text = None;
            hijri_date = None;
        }
        date = Some(known_date);
    } else if date.is_none() {
        date = known.fallback_date;
    }
    let detected = language::detect(&body).or_else(|| language::detect(&title));
    let language = match (detected, known.language) {
        (Some(detected), Some(declared))
            if declared
                .split(['-', '_'])
                .next()
                .is_some_and(|primary| primary.eq_ignore_ascii_case(detected)) =>
        {
            Some(declared.replace('_', "-"))
        }
        (detected, _) => detected.map(String::from),
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
            url: known.url.filter(|u| !u.trim().is_empty()),
            tags: known.tags,
            ..NewArticle::default()
        },
        boilerplate_removed: removed.join("\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_at_the_start_of_fields() {
        let cases = [
            ("2022-08-10T14:32:00+01:00", Some("2022-08-10")),
            (" 2022-08-10 ", Some("2022-08-10")),
            ("2024-02-29", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2022-13-01", None),
            ("2022-08-101", None),
            ("10/08/2022", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(iso_date_prefix(value).as_deref(), expected, "{value:?}");
        }
        assert_eq!(
            date_from_field("الأربعاء 10 غشت 2022").as_deref(),
            Some("2022-08-10")
        );
    }

    fn build_with(text: &str, known: Known) -> NewArticle {
        build(text, known, "file", &ParseContext::default())
            .unwrap()
            .article
    }

    #[test]
    fn known_fields_win_and_the_text_fills_the_rest() {
        let text = "العنوان\n\nجريدة أصوات\n\nبقلم: سعيد الخطابي\nالنص يومه 10 غشت 2022.";
        let article = build_with(
            text,
            Known {
                title: Some("العنوان".into()),
                ..Known::default()
            },
        );
        assert_eq!(article.title, "العنوان");
        assert_eq!(article.publication.as_deref(), Some("جريدة أصوات"));
        assert!(article.body.starts_with("بقلم"), "{}", article.body);
        assert_eq!(article.authors, ["سعيد الخطابي"]);
        assert_eq!(article.date.as_deref(), Some("2022-08-10"));
        assert_eq!(article.date_text.as_deref(), Some("10 غشت 2022"));

        let article = build_with(
            text,
            Known {
                title: Some("عنوان آخر".into()),
                publication: Some("هسبريس".into()),
                authors: vec!["هيئة التحرير".into()],
                date: Some("2022-08-11".into()),
                language: Some("ar-MA".into()),
                ..Known::default()
            },
        );
        assert_eq!(article.title, "عنوان آخر");
        assert!(article.body.starts_with("العنوان"), "{}", article.body);
        assert_eq!(article.publication.as_deref(), Some("هسبريس"));
        assert_eq!(article.authors, ["هيئة التحرير"]);
        assert_eq!(article.date.as_deref(), Some("2022-08-11"));
        assert_eq!(article.date_text, None, "the printed date is another day");
        assert_eq!(article.language.as_deref(), Some("ar-MA"));

        let article = build_with(
            "Titre\nLe texte sans date ni auteur.",
            Known {
                fallback_authors: vec!["poste-7".into()],
                fallback_date: Some("2020-01-02".into()),
                language: Some("ar".into()),
                ..Known::default()
            },
        );
        assert_eq!(article.authors, ["poste-7"]);
        assert_eq!(article.date.as_deref(), Some("2020-01-02"));
        assert_eq!(
            article.language.as_deref(),
            Some("fr"),
            "the letters decide"
        );
    }
}
