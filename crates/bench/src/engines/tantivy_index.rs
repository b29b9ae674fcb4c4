//! Baseline 2: Tantivy, a dedicated search library, fed the same Arabic analysis. Its tokenizer
//! emits Arshif's stems (`analysis::index_tokens`) with offsets into the original text, so the
//! comparison is about the index and its query engine, not about the analyzer.
//!
//! Differences from Arshif, on purpose and stated in BENCHMARKS.md: only stems are indexed (no
//! exact forms, no month terms), so `أغسطس` does not find `غشت` here; a prefix query is a regular
//! expression over stems; the index is committed once at the end, as a bulk load into Tantivy
//! would be, with one indexing thread (Tantivy merges segments on other threads).
use std::path::Path;
use std::time::Instant;

use arshif_engine::analysis::{index_tokens, query_word, tokenize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RegexQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, Term};

use super::{load, Build, Engine, Hit, Outcome, HIGHLIGHT_END, HIGHLIGHT_START, TOP};
use crate::corpus::Corpus;
use crate::measure::disk_size;
use crate::BoxResult;

const TOKENIZER: &str = "arshif";
/// A title word counts ten body words, as in Arshif's bm25(10, 1).
const TITLE_BOOST: f32 = 10.0;
/// Indexing memory: Tantivy flushes a segment each time it is full.
const WRITER_MEMORY: usize = 200_000_000;
/// About the length of Arshif's 24-word snippets.
const SNIPPET_CHARS: usize = 200;

/// Arshif's analyzer as a Tantivy tokenizer: one token per word, its stem.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArshifTokenizer;

/// The stems of one text, computed up front (the analyzer works on the whole text, since a
/// month term depends on the words around it).
pub struct ArshifTokenStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for ArshifTokenizer {
    type TokenStream<'a> = ArshifTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArshifTokenStream {
        let tokens: Vec<Token> = index_tokens(text)
            .into_iter()
            .enumerate()
            .map(|(position, token)| Token {
                offset_from: token.start,
                offset_to: token.end,
                position,
                text: token.stem,
                position_length: 1,
            })
            .collect();
        ArshifTokenStream {
            tokens: tokens.into_iter(),
            current: Token::default(),
        }
    }
}

impl TokenStream for ArshifTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

pub struct Tantivy {
    reader: IndexReader,
    title: Field,
    body: Field,
}

impl Tantivy {
    pub fn build(corpus: &Corpus, count: usize, dir: &Path) -> BoxResult<(Tantivy, Build)> {
        let path = dir.join("tantivy");
        std::fs::create_dir_all(&path)?;
        let mut schema = Schema::builder();
        let text = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let title = schema.add_text_field("title", text.clone());
        let body = schema.add_text_field("body", text);
        let index = Index::create_in_dir(&path, schema.build())?;
        index.tokenizers().register(TOKENIZER, ArshifTokenizer);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let to_documents = |articles: Vec<crate::corpus::Article>| -> Vec<TantivyDocument> {
            articles
                .into_iter()
                .map(|a| {
                    let mut document = TantivyDocument::default();
                    document.add_text(title, a.title);
                    document.add_text(body, a.body);
                    document
                })
                .collect()
        };
        let mut build = load("Tantivy", corpus, count, to_documents, |documents| {
            for document in documents {
                writer.add_document(document)?;
            }
            Ok(())
        })?;
        // Indexing runs on the writer's thread: the commit waits for it, then for the merges
        // the commit started, so the time covers the whole index.
        let clock = Instant::now();
        writer.commit()?;
        writer.wait_merging_threads()?;
        let after = clock.elapsed();
        let reader = index.reader()?;
        let segments = reader.searcher().segment_readers().len();
        build.finish(after, disk_size(&path));
        build.notes = vec![format!(
            "{segments} segments; one indexing thread, merges on others; \
             commit and merges took {:.1} s of the total",
            after.as_secs_f64()
        )];
        Ok((
            Tantivy {
                reader,
                title,
                body,
            },
            build,
        ))
    }

    /// All query words must match (in the title, boosted, or the body).
    fn query(&self, text: &str) -> BoxResult<Option<BooleanQuery>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in text.split_whitespace() {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (word, false),
            };
            for token in tokenize(word) {
                let Some(analyzed) = query_word(token.original) else {
                    continue;
                };
                let per_field = |field: Field| -> BoxResult<Box<dyn Query>> {
                    Ok(if prefix {
                        let pattern = format!("{}.*", regex_escape(&analyzed.normalized));
                        Box::new(RegexQuery::from_pattern(&pattern, field)?)
                    } else {
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, &analyzed.stem),
                            IndexRecordOption::WithFreqs,
                        ))
                    })
                };
                let either = BooleanQuery::new(vec![
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(per_field(self.title)?, TITLE_BOOST)),
                    ),
                    (Occur::Should, per_field(self.body)?),
                ]);
                clauses.push((Occur::Must, Box::new(either)));
            }
        }
        Ok((!clauses.is_empty()).then(|| BooleanQuery::new(clauses)))
    }
}

impl Engine for Tantivy {
    fn name(&self) -> String {
        "Tantivy (Arshif stems)".into()
    }

    fn search(&mut self, text: &str) -> BoxResult<Outcome> {
        let Some(query) = self.query(text)? else {
            return Ok(Outcome::default());
        };
        let searcher = self.reader.searcher();
        let (top, total) =
            searcher.search(&query, &(TopDocs::with_limit(TOP).order_by_score(), Count))?;
        let mut snippets = SnippetGenerator::create(&searcher, &query, self.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(top.len());
        for (_score, address) in top {
            let document: TantivyDocument = searcher.doc(address)?;
            let title = document
                .get_first(self.title)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let snippet = snippets.snippet_from_doc(&document);
            let mut marked = String::with_capacity(snippet.fragment().len() + 16);
            let mut from = 0;
            for range in snippet.highlighted() {
                marked.push_str(&snippet.fragment()[from..range.start]);
                marked.push(HIGHLIGHT_START);
                marked.push_str(&snippet.fragment()[range.clone()]);
                marked.push(HIGHLIGHT_END);
                from = range.end;
            }
            marked.push_str(&snippet.fragment()[from..]);
            hits.push(Hit {
                title,
                snippet: marked,
            });
        }
        Ok(Outcome {
            total: total as u64,
            hits,
        })
    }
}

/// `text` with regular-expression syntax characters escaped.
fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~\"<>@".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_emits_stems_at_original_offsets() {
        let text = "الحكومة المغربية";
        let mut tokenizer = ArshifTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut found = Vec::new();
        while stream.advance() {
            let t = stream.token();
            found.push((
                t.text.clone(),
                &text[t.offset_from..t.offset_to],
                t.position,
            ));
        }
        assert_eq!(
            found,
            [
                ("حكوم".to_string(), "الحكومة", 0),
                ("مغرب".to_string(), "المغربية", 1)
            ]
        );
    }

    #[test]
    fn regex_syntax_is_escaped() {
        assert_eq!(regex_escape("a.b*"), "a\\.b\\*");
        assert_eq!(regex_escape("انتخاب"), "انتخاب");
    }
}
