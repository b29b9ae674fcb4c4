//! Site furniture readability can miss. Readability.js never drops anything inside a `<table>`,
//! so old table-layout pages (common in Arabic press archives from the 2000s) keep their menu
//! column beside the article. Navigation landmarks and blocks made only of links (menus, tag
//! lists, "read also" lists) are never article text, so they go before extraction.
use dom_query::{Document, Selection};

/// Navigation by its markup.
const NAVIGATION: &str = "nav, menu, [role=navigation], [role=menubar]";
/// Blocks checked for being nothing but links.
const BLOCKS: &str = "td, th, ul, ol, dl, div, section, aside, p";

pub(crate) fn remove(doc: &Document) {
    doc.select(NAVIGATION).remove();
    for node in doc.select(BLOCKS).nodes() {
        let block = Selection::from(*node);
        let links = block.select("a");
        // One link may be the article's own headline or a "source" line; two or more links and
        // no other text is a list of somewhere else.
        if links.length() < 2 {
            continue;
        }
        let text = letters(&block.text());
        if text > 0 && letters(&links.text()) >= text {
            block.remove();
        }
    }
}

/// Characters that are not white space: what a reader sees.
fn letters(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_lists_go_and_text_with_links_stays() {
        let doc = Document::from(
            r#"<table><tr>
            <td><a href="/">الرئيسية</a><br><a href="/s">رياضة</a></td>
            <td><h1><a href="/self">العنوان</a></h1>
            <p>قال <a href="/a">الوزير</a> إن <a href="/b">الحكومة</a> ستواصل.</p>
            <ul class="tags"><li><a href="/t1">وسم</a></li><li><a href="/t2">آخر</a></li></ul>
            </td></tr></table><nav>قائمة</nav>"#,
        );
        remove(&doc);
        let text = doc.select("body").text();
        let text: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            text,
            ["العنوان", "قال", "الوزير", "إن", "الحكومة", "ستواصل."]
        );
    }
}
