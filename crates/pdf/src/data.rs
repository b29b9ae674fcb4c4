//! The JSON the template reads (`/articles.json`): everything the layout needs, already decided
//! in Rust (direction, language, metadata line, paragraphs), so the template only places it.
use arshif_engine::Article;
use serde::Serialize;

use crate::{Labels, Layout, PdfOptions};

#[derive(Debug, Serialize)]
pub(crate) struct ExportData<'a> {
    /// Cover and contents language, and their direction.
    lang: String,
    rtl: bool,
    title: &'a str,
    contents: &'a str,
    description: Option<Text<'a>>,
    count_line: String,
    export_label: &'a str,
    /// A date is digits and hyphens only: shown in a left-to-right box (see `Text`).
    export_date: Option<&'a str>,
    one_per_page: bool,
    articles: Vec<ArticleData<'a>>,
}

#[derive(Debug, Serialize)]
struct ArticleData<'a> {
    title: Text<'a>,
    lang: String,
    rtl: bool,
    /// The parts of the metadata line, in reading order.
    meta: Vec<Text<'a>>,
    paragraphs: Vec<Text<'a>>,
}

/// A run of text and the direction it is set in.
#[derive(Debug, Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Right to left when the text's first strong letter is, as HTML's `dir="auto"` decides
    /// (and as the desktop UI shows the same text); the article's direction when it has none.
    rtl: bool,
    /// Text without letters (`2022-08-10`, `12/3`) is set as a left-to-right unit. In a
    /// right-to-left line the bidi algorithm turns digits after Arabic letters into Arabic
    /// numbers, and a hyphen between those is not kept inside the number, so the ISO date
    /// `2022-08-10` would be shown as `10-08-2022`.
    ltr_unit: bool,
}

impl<'a> Text<'a> {
    fn new(text: impl Into<std::borrow::Cow<'a, str>>, default_rtl: bool) -> Text<'a> {
        let text = text.into();
        let (rtl, ltr_unit) = match first_strong_is_rtl(&text) {
            Some(rtl) => (rtl, false),
            None => (default_rtl, true),
        };
        Text {
            text,
            rtl,
            ltr_unit,
        }
    }
}

pub(crate) fn export_data<'a>(articles: &'a [Article], options: &'a PdfOptions) -> ExportData<'a> {
    let labels = &options.labels;
    let cover_lang = primary_language(Some(&labels.language)).unwrap_or_else(|| "ar".to_owned());
    let rtl = is_rtl_language(&cover_lang);
    ExportData {
        rtl,
        lang: cover_lang,
        title: &labels.title,
        contents: &labels.contents,
        description: non_empty(Some(&options.description)).map(|text| Text::new(text, rtl)),
        count_line: format!("{}: {}", labels.article_count, articles.len()),
        export_label: &labels.exported_on,
        export_date: non_empty(options.export_date.as_deref()),
        one_per_page: options.layout == Layout::OnePerPage,
        articles: articles
            .iter()
            .map(|article| article_data(article, labels))
            .collect(),
    }
}

fn article_data<'a>(article: &'a Article, labels: &'a Labels) -> ArticleData<'a> {
    // The stored language decides; an article without one is judged by its letters, so an
    // untagged Arabic text is still set right to left.
    let (lang, rtl) = match primary_language(article.language.as_deref()) {
        Some(lang) => {
            let rtl = is_rtl_language(&lang);
            (lang, rtl)
        }
        None if mostly_rtl(&article.title, &article.body) => ("ar".to_owned(), true),
        None => ("en".to_owned(), false),
    };
    let list_separator = if rtl { "، " } else { ", " };
    // The metadata line is one line in the article's direction; only letterless parts (an
    // ISO date) are set apart, so a Latin publication name does not turn the line around.
    let meta_part = |text: std::borrow::Cow<'a, str>| {
        let ltr_unit = first_strong_is_rtl(&text).is_none();
        Text {
            text,
            rtl,
            ltr_unit,
        }
    };
    let mut meta = Vec::new();
    if let Some(publication) = non_empty(article.publication.as_deref()) {
        meta.push(meta_part(publication.into()));
    }
    if !article.authors.is_empty() {
        meta.push(meta_part(article.authors.join(list_separator).into()));
    }
    // As printed first: that is what the archivist will look for in the original.
    let date = non_empty(article.date_text.as_deref()).or(non_empty(article.date.as_deref()));
    if let Some(date) = date {
        meta.push(meta_part(date.into()));
    }
    if !article.tags.is_empty() {
        let names: Vec<&str> = article.tags.iter().map(|tag| tag.name.as_str()).collect();
        let tags = format!("{}: {}", labels.tags, names.join(list_separator));
        meta.push(meta_part(tags.into()));
    }
    let title = match article.title.trim() {
        "" => labels.untitled.as_str(),
        title => title,
    };
    ArticleData {
        title: Text::new(title, rtl),
        lang,
        rtl,
        meta,
        paragraphs: paragraphs(&article.body)
            .into_iter()
            .map(|paragraph| Text::new(paragraph, rtl))
            .collect(),
    }
}

/// One paragraph per non-blank line: the importers keep a source paragraph on one line, and
/// lines of only spaces (the sample has a no-break space alone on a line) are not paragraphs.
fn paragraphs(body: &str) -> Vec<&str> {
    body.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect()
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

/// The primary subtag of a BCP 47 tag (`ar-MA` → `ar`), if it is one typst accepts (two or
/// three ASCII letters); anything else is treated as unknown rather than failing the export.
fn primary_language(tag: Option<&str>) -> Option<String> {
    let primary = tag?.trim().split(['-', '_']).next()?;
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// Languages written right to left that an archive of Arabic-region press may hold.
fn is_rtl_language(primary: &str) -> bool {
    matches!(
        primary,
        "ar" | "ara"
            | "fa"
            | "fas"
            | "per"
            | "ur"
            | "urd"
            | "he"
            | "heb"
            | "ps"
            | "ckb"
            | "ku"
            | "sd"
            | "ug"
            | "yi"
            | "dv"
            | "syr"
    )
}

/// Whether right-to-left letters outnumber left-to-right ones at the start of the text.
fn mostly_rtl(title: &str, body: &str) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    // The first few thousand letters decide; a long body need not be scanned to the end.
    for c in title.chars().chain(body.chars()).take(4000) {
        if is_rtl_letter(c) {
            rtl += 1;
        } else if c.is_alphabetic() {
            ltr += 1;
        }
    }
    rtl > ltr
}

/// The direction of the first strongly directional letter (rules P2–P3 of the bidi algorithm,
/// simplified to letters), or `None` for text without letters.
fn first_strong_is_rtl(text: &str) -> Option<bool> {
    text.chars().find(|c| c.is_alphabetic()).map(is_rtl_letter)
}

fn is_rtl_letter(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_language_accepts_what_typst_accepts() {
        let cases = [
            (Some("ar-MA"), Some("ar")),
            (Some("FR"), Some("fr")),
            (Some("en_GB"), Some("en")),
            (Some("ckb"), Some("ckb")),
            (Some(""), None),
            (Some("arabic"), None),
            (Some("x1"), None),
            (None, None),
        ];
        for (tag, expected) in cases {
            assert_eq!(primary_language(tag).as_deref(), expected, "{tag:?}");
        }
    }

    #[test]
    fn paragraphs_skip_blank_and_no_break_space_lines() {
        assert_eq!(
            paragraphs("أول\n\n\u{a0}\n  ثان  \r\nthird"),
            ["أول", "ثان", "third"]
        );
    }

    #[test]
    fn text_direction_follows_the_first_letter() {
        // (text, direction of its context) → (rtl, set as a left-to-right unit)
        let cases = [
            ("نص عربي مع Latin", false, (true, false)),
            ("Le texte cite «عربي»", true, (false, false)),
            ("«10 غشت 2022»", false, (true, false)),
            ("2022-08-10", true, (true, true)),
            ("2022-08-10", false, (false, true)),
        ];
        for (text, context_rtl, expected) in cases {
            let text = Text::new(text, context_rtl);
            assert_eq!((text.rtl, text.ltr_unit), expected, "{:?}", text.text);
        }
    }

    #[test]
    fn untagged_text_is_judged_by_its_letters() {
        assert!(mostly_rtl("عنوان", "نص عربي طويل فيه اسم Francisco PARDO"));
        assert!(!mostly_rtl("Titre", "Un texte français avec un mot عربي"));
    }
}
