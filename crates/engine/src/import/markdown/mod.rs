//! Markdown articles (`.md`): the title from front matter or the first `# ` heading, the other
//! front matter fields (date, author, publication, tags, url) as metadata, and the body as
//! readable plain text: markup dropped, paragraphs separated by a blank line, list items on
//! their own lines. Everything else follows the `.txt` rules.
mod front_matter;

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::text_rules::{self, date_from_field, Known};
use super::{encoding, ImportError, Importer, ParseContext, ParsedFile};

pub struct MarkdownImporter;

impl Importer for MarkdownImporter {
    fn name(&self) -> &'static str {
        "md"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }

    fn parse(
        &self,
        bytes: &[u8],
        path: &Path,
        context: &ParseContext,
    ) -> Result<ParsedFile, ImportError> {
        let decoded = encoding::decode(bytes)?;
        let text = decoded
            .text
            .strip_prefix('\u{FEFF}')
            .unwrap_or(&decoded.text);
        let (front, document) = front_matter::split(text);
        let rendered = render(document);
        let title = front.first(&["title"]);
        // The first heading is the title only when the front matter has none; otherwise it stays
        // in the body (and the text rules drop it if it repeats the title).
        let (title, body) = match (title, rendered.heading) {
            (Some(title), _) => (Some(title), rendered.text),
            (None, Some(heading)) => (Some(heading.title), heading.rest),
            (None, None) => (None, rendered.text),
        };
        let mut authors = front.list("authors");
        if authors.is_empty() {
            authors = front.list("author");
        }
        let known = Known {
            title,
            publication: front.first(&["publication", "publisher", "source", "site"]),
            authors,
            date: front
                .first(&["date", "published", "pubdate"])
                .and_then(|d| date_from_field(&d)),
            url: front.first(&["url", "link", "source_url"]),
            tags: front.list("tags"),
            language: front.first(&["lang", "language"]),
            ..Known::default()
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let article = text_rules::build(&body, known, stem, context)?;
        Ok(ParsedFile {
            articles: vec![article],
            encoding: decoded.encoding,
        })
    }
}

/// A document's plain text.
struct Rendered {
    text: String,
    /// The first top-level `# ` heading when it opens the document.
    heading: Option<Heading>,
}

struct Heading {
    title: String,
    /// The text after the heading.
    rest: String,
}

/// Markdown to plain text through pulldown-cmark's events. Raw HTML in the file (inline or as a
/// block) is dropped: it is markup, and may be a script. Images leave nothing (their alt text
/// describes a picture that is not here); links leave their text.
fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut image_depth = 0usize;
    let mut heading: Option<(usize, Option<usize>)> = None;
    let mut in_first_heading = false;
    for event in Parser::new_ext(markdown, options) {
        if image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if heading.is_none() && out.trim().is_empty() => {
                in_first_heading = true;
                heading = Some((out.len(), None));
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_first_heading {
                    in_first_heading = false;
                    heading = heading.map(|(start, _)| (start, Some(out.len())));
                }
                block_break(&mut out);
            }
            Event::Start(Tag::Image { .. }) => image_depth = 1,
            Event::Start(Tag::List(first)) => {
                line_break(&mut out);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    block_break(&mut out);
                }
            }
            Event::Start(Tag::Item) => {
                line_break(&mut out);
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(number)) => {
                        out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => line_break(&mut out),
            Event::End(TagEnd::TableCell) => out.push('\t'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => {
                if lists.is_empty() {
                    block_break(&mut out);
                } else {
                    line_break(&mut out);
                }
            }
            Event::Rule => block_break(&mut out),
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
            Event::Start(_) | Event::End(_) => {}
        }
    }
    let heading = match heading {
        Some((start, Some(end))) => Some(Heading {
            title: out[start..end].trim().to_string(),
            rest: tidy(&out[end..]),
        }),
        _ => None,
    }
    .filter(|h| !h.title.is_empty());
    Rendered {
        text: tidy(&out),
        heading,
    }
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn block_break(out: &mut String) {
    line_break(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Trailing spaces off every line, at most one blank line in a row.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One case: Markdown in, (first heading, plain text) out.
    fn check(markdown: &str, heading: Option<&str>, text: &str) {
        let rendered = render(markdown);
        assert_eq!(
            rendered.heading.as_ref().map(|h| h.title.as_str()),
            heading,
            "{markdown:?}"
        );
        let body = rendered.heading.map_or(rendered.text, |h| h.rest);
        assert_eq!(body, text, "{markdown:?}");
    }

    #[test]
    fn markup_becomes_plain_text() {
        check(
            "# العنوان\n\nفقرة *أولى* مع [رابط](https://x.ma) و`رمز`.\n\n## قسم\n\n- بند\n- بند **آخر**\n\n1. أول\n2. ثان\n",
            Some("العنوان"),
            "فقرة أولى مع رابط ورمز.\n\nقسم\n\n• بند\n• بند آخر\n\n1. أول\n2. ثان",
        );
        check(
            "مقدمة\n\n# ليس عنوانا\n\n> اقتباس\n\n![صورة](a.png)\n\n<script>alert(1)</script>\n\nنص <b>غامق</b>\n\n| أ | ب |\n|---|---|\n| 1 | 2 |\n",
            None,
            "مقدمة\n\nليس عنوانا\n\nاقتباس\n\nنص غامق\n\nأ\tب\n1\t2",
        );
        check("سطر\nتال  \nثالث", None, "سطر\nتال\nثالث");
    }
}
