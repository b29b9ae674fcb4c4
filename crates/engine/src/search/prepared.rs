//! Index terms analyzed ahead of the write, on another thread.
//!
//! SQLite calls the `arshif` tokenizer synchronously inside each INSERT, on the writing thread,
//! so analysis and index writing took turns on one core. A bulk writer (an import, a bulk load)
//! can instead analyze the next articles on a second thread and hand the terms over: the
//! tokenizer takes them from here when the text it is given is exactly a text prepared for the
//! row being written, and analyzes the text itself otherwise. Both ways produce the same terms
//! (the same [`index_tokens`] call), which a test checks through the index.
use std::cell::RefCell;
use std::ffi::c_int;
use std::sync::Arc;

use crate::analysis::{index_tokens, MonthTerm};

/// One text with its index terms, as [`super::fts_tokenizer`] would emit them.
///
/// The terms of all its words share one buffer: prepared texts are made on one thread and
/// dropped on another, and two small strings per word freed across threads made the writer
/// wait on the allocator's lock for the analysis thread's memory (a fifth of its time in a
/// profile).
#[derive(Debug)]
pub(crate) struct PreparedText {
    text: String,
    /// Every word's stem then exact form, back to back.
    terms: String,
    tokens: Vec<PreparedToken>,
}

#[derive(Debug)]
pub(crate) struct PreparedToken {
    pub start: usize,
    pub end: usize,
    /// Where the stem ends in `terms`; it begins where the previous word's exact form ended.
    stem_end: usize,
    /// Where the exact form ends in `terms`.
    exact_end: usize,
    pub month: Option<MonthTerm>,
}

impl PreparedText {
    pub(crate) fn new(text: &str) -> PreparedText {
        let words = index_tokens(text);
        let mut terms =
            String::with_capacity(words.iter().map(|w| w.stem.len() + w.exact.len()).sum());
        let tokens = words
            .into_iter()
            .map(|word| {
                terms.push_str(&word.stem);
                let stem_end = terms.len();
                terms.push_str(&word.exact);
                PreparedToken {
                    start: word.start,
                    end: word.end,
                    stem_end,
                    exact_end: terms.len(),
                    month: word.month,
                }
            })
            .collect();
        PreparedText {
            text: text.to_owned(),
            terms,
            tokens,
        }
    }

    /// Each word with its stem and exact form.
    fn words(&self) -> impl Iterator<Item = (&PreparedToken, &str, &str)> {
        let mut stem_start = 0;
        self.tokens.iter().map(move |token| {
            let stem = &self.terms[stem_start..token.stem_end];
            let exact = &self.terms[token.stem_end..token.exact_end];
            stem_start = token.exact_end;
            (token, stem, exact)
        })
    }
}

/// The texts of one article as its index row holds them: the trimmed title, then the body.
pub(crate) type PreparedArticle = Arc<[PreparedText]>;

pub(crate) fn prepare_article(title: &str, body: &str) -> PreparedArticle {
    Arc::from([PreparedText::new(title.trim()), PreparedText::new(body)])
}

thread_local! {
    /// What the row being written on this thread was prepared with.
    static READY: RefCell<Option<PreparedArticle>> = const { RefCell::new(None) };
}

/// Clears this thread's prepared texts however `write` ends (a panic included), so that they
/// can never be taken for another row.
struct Clear;

impl Drop for Clear {
    fn drop(&mut self) {
        READY.with(|ready| ready.borrow_mut().take());
    }
}

/// Runs `write` with `prepared` available to the tokenizer on this thread.
pub(crate) fn with_prepared<R>(prepared: Option<&PreparedArticle>, write: impl FnOnce() -> R) -> R {
    READY.with(|ready| *ready.borrow_mut() = prepared.cloned());
    let _clear = Clear;
    write()
}

/// Emits the prepared terms of `bytes` through `emit` (each word with its stem and exact form)
/// if this thread holds a text equal to it; `None` when it does not (the tokenizer then
/// analyzes the text itself).
pub(crate) fn emit_prepared(
    bytes: &[u8],
    mut emit: impl FnMut(&PreparedToken, &str, &str) -> c_int,
) -> Option<c_int> {
    READY.with(|ready| {
        let ready = ready.borrow();
        let text = ready
            .as_deref()?
            .iter()
            .find(|prepared| prepared.text.as_bytes() == bytes)?;
        #[cfg(test)]
        tests::TAKEN.with(|taken| taken.set(taken.get() + 1));
        for (token, stem, exact) in text.words() {
            let rc = emit(token, stem, exact);
            if rc != rusqlite::ffi::SQLITE_OK {
                return Some(rc);
            }
        }
        Some(rusqlite::ffi::SQLITE_OK)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::Cell;

    use crate::{Archive, NewArticle};

    thread_local! {
        /// Texts whose prepared terms the tokenizer took, on this thread.
        pub(crate) static TAKEN: Cell<usize> = const { Cell::new(0) };
    }

    /// Every (term, article, column, position) the index holds.
    fn index_contents(archive: &Archive) -> Vec<(String, i64, String, i64)> {
        archive
            .conn
            .execute_batch(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms
                 USING fts5vocab(main, articles_fts, instance)",
            )
            .unwrap();
        let mut stmt = archive
            .conn
            .prepare("SELECT term, doc, col, offset FROM temp.terms ORDER BY 1, 2, 3, 4")
            .unwrap();
        stmt.query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn terms_analyzed_ahead_equal_terms_analyzed_inline() {
        let articles: Vec<NewArticle> = [
            (
                "  زيارة مدير الشرطة  ",
                "يومه الأربعاء 10 غشت 2022 بالرباط، وَصَلَ الوفدُ.",
            ),
            (
                "Santé publique",
                "La campagne continue le 3 août 2021 à Rabat.",
            ),
            ("كانون الثاني", "في 5 كانون الثاني 2020 و آب 1999 ﷺ ½"),
        ]
        .iter()
        .map(|(title, body)| NewArticle {
            title: title.to_string(),
            body: body.to_string(),
            ..NewArticle::default()
        })
        .collect();
        let mut ahead = Archive::open_in_memory().unwrap();
        TAKEN.with(|taken| taken.set(0));
        ahead.add_articles(&articles).unwrap();
        // Title and body of each article came from the other thread.
        assert_eq!(TAKEN.with(Cell::get), 2 * articles.len());
        let mut inline = Archive::open_in_memory().unwrap();
        for article in &articles {
            inline.add_article(article).unwrap();
        }
        let expected = index_contents(&inline);
        assert!(expected.len() > 40, "{expected:?}");
        assert_eq!(index_contents(&ahead), expected);
    }
}
