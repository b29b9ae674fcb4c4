//! Bounds on a page's structure, so a hostile or broken file fails alone, quickly, with a reason.
//!
//! Parsing and extraction cost grows with nesting depth (measured: 1,000 nested `<div>`s take
//! seconds, 5,000 most of a minute, 20,000 overflow the stack). Real news pages nest a few dozen
//! levels deep. So the markup is scanned for its nesting before it is parsed at all, and the
//! parsed tree is measured again before extraction, since the parser's repairs (implied end tags,
//! misnested formatting) can make a tree deeper or shallower than its tags suggest.
use dom_query::{Document, NodeRef};

use crate::import::ImportError;

/// Deepest nesting accepted in the parsed tree.
const MAX_TREE_DEPTH: usize = 512;
/// The markup scan over-counts (it does not apply all of HTML's repair rules), so it is looser.
const MAX_MARKUP_DEPTH: usize = 1024;
/// Elements in one page: a long article with its comments has tens of thousands at most.
const MAX_ELEMENTS: usize = 200_000;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "isindex",
];
/// Elements whose end tag may be left out (old pages write `<p>` and `<li>` without closing
/// them): counting them would make a flat page look deep.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
];
/// Elements whose content is raw text, where `<` is not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Scans the markup for nesting depth and element count without building a tree.
pub(crate) fn check_markup(text: &str) -> Result<(), ImportError> {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut elements) = (0usize, 0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += find(&rest[3..], b"-->").map_or(rest.len(), |end| end + 6);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let name = std::str::from_utf8(&name).unwrap_or("");
        // A tag ends at `>`; a `<` first means broken markup, and stopping there keeps the scan
        // linear (searching on to a far `>` for every `<` would be quadratic).
        let tag_end = rest
            .iter()
            .position(|b| *b == b'>' || *b == b'<')
            .unwrap_or(rest.len());
        let self_closing =
            rest.get(tag_end) == Some(&b'>') && tag_end > 0 && rest[tag_end - 1] == b'/';
        at += tag_end;
        if VOID.contains(&name) || OPTIONAL_END.contains(&name) {
            elements += usize::from(!closing);
        } else if closing {
            depth = depth.saturating_sub(1);
        } else {
            elements += 1;
            if !self_closing {
                depth += 1;
                deepest = deepest.max(depth);
            }
            if RAW_TEXT.contains(&name) {
                let end_tag = format!("</{name}");
                at += find_ignoring_case(&bytes[at..], end_tag.as_bytes())
                    .unwrap_or(bytes.len() - at);
            }
        }
        if deepest > MAX_MARKUP_DEPTH {
            return Err(too_deep(deepest));
        }
        if elements > MAX_ELEMENTS {
            return Err(too_many(elements));
        }
    }
    Ok(())
}

/// Measures the parsed tree without recursion (recursion is what overflows on deep pages).
pub(crate) fn check_tree(doc: &Document) -> Result<(), ImportError> {
    let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
    let mut elements = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_TREE_DEPTH {
            return Err(too_deep(depth));
        }
        if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Err(too_many(elements));
            }
        }
        let mut child = node.first_child();
        while let Some(current) = child {
            child = current.next_sibling();
            if current.is_element() {
                stack.push((current, depth + 1));
            }
        }
    }
    Ok(())
}

fn too_deep(depth: usize) -> ImportError {
    ImportError::TooComplex(format!("elements nested more than {depth} levels deep"))
}

fn too_many(elements: usize) -> ImportError {
    ImportError::TooComplex(format!("more than {} elements", elements - 1))
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `needle` is lower case; `</SCRIPT>` ends a script as well as `</script>`.
fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!(
            "<html><body>{}نص{}</body></html>",
            open.repeat(n),
            close.repeat(n)
        )
    }

    #[test]
    fn deep_markup_is_refused_before_parsing() {
        let cases = [
            (nested("<div>", "</div>", 100), true),
            (nested("<div>", "</div>", 2_000), false),
            // Unclosed paragraphs and list items, as old pages write them, are flat.
            (nested("<p>فقرة<li>بند<br>", "", 5_000), true),
            // Tags inside comments and scripts are not markup.
            (
                format!(
                    "<!--{}--><SCRIPT>{}</Script><div></div>",
                    "<div>".repeat(5_000),
                    "<b>".repeat(5_000)
                ),
                true,
            ),
            (nested("<span/>", "", 5_000), true),
            // Broken markup: tags that never end are still counted, in linear time.
            ("<a".repeat(200_000), false),
            ("<a".repeat(500), true),
        ];
        for (html, accepted) in cases {
            let result = check_markup(&html);
            assert_eq!(
                result.is_ok(),
                accepted,
                "{}: {result:?}",
                &html[..html.len().min(60)]
            );
            if let Err(error) = result {
                assert_eq!(error.code(), "too_complex");
            }
        }
    }

    #[test]
    fn deep_trees_are_refused_before_extraction() {
        let ok = Document::from(nested("<div>", "</div>", 100).as_str());
        assert!(check_tree(&ok).is_ok());
        // Between the two limits: the markup scan lets it through, the tree check does not.
        let deep = Document::from(nested("<div>", "</div>", 600).as_str());
        assert_eq!(check_tree(&deep).unwrap_err().code(), "too_complex");
    }
}
