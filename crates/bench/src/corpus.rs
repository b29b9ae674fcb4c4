//! The benchmark's articles: the real corpus read from JSON lines, and any number of distinct
//! articles recombined from it, deterministically, so every engine indexes the same text.
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use serde::Deserialize;

use crate::BoxResult;

/// One line of the corpus file: `{"id", "title", "text"}`.
#[derive(Debug, Deserialize)]
struct Line {
    title: String,
    text: String,
}

/// A real article of the corpus, its body cut into sentences.
#[derive(Debug)]
struct Source {
    title: String,
    /// Length of the original body in bytes: the synthetic body aims near it.
    body_len: usize,
    sentences: Vec<String>,
}

/// The corpus, ready to recombine.
#[derive(Debug)]
pub struct Corpus {
    sources: Vec<Source>,
    /// Every sentence of every article, for mixing into others.
    pool: Vec<String>,
    /// UTF-8 bytes of titles and bodies as read.
    pub bytes: usize,
}

/// A prime step through the sentence pool between copies of one article.
const STRIDE: usize = 7_919;

/// The smallest piece of text worth moving into another article: shorter runs are mostly
/// numbering, dates or stray punctuation.
const MIN_SENTENCE_BYTES: usize = 24;

impl Corpus {
    /// Reads the JSON-lines corpus at `path`. Lines that are blank are skipped; a line that is
    /// not an article is an error, since a half-read corpus would make figures incomparable.
    pub fn load(path: &Path) -> BoxResult<Corpus> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the corpus {}: {e}", path.display()))?;
        let mut sources = Vec::new();
        let mut bytes = 0;
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let line: Line = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), number + 1))?;
            bytes += line.title.len() + line.text.len();
            let sentences = sentences(&line.text);
            if sentences.is_empty() {
                continue;
            }
            sources.push(Source {
                title: line.title.trim().to_string(),
                body_len: line.text.trim().len(),
                sentences,
            });
        }
        if sources.len() < 2 {
            return Err(format!("{} holds fewer than two usable articles", path.display()).into());
        }
        // Each sentence once: news repeats some lines ("watch the video"), and a repeated
        // sentence would weaken the signature that keeps articles distinct.
        let mut seen = HashSet::new();
        let pool = sources
            .iter()
            .flat_map(|s| s.sentences.iter())
            .filter(|s| seen.insert(s.as_str()))
            .cloned()
            .collect();
        Ok(Corpus {
            sources,
            pool,
            bytes,
        })
    }

    /// Real articles read.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// Article number `index` of the synthetic archive, always the same for the same index.
    ///
    /// It takes the title and most sentences of real article `index % len` in their order,
    /// mixes in sentences of other articles (one of them chosen per copy, so that every article
    /// is distinct), and stops near the real body's length (75–125 %), so sizes follow the
    /// corpus. Sentences are grouped into paragraphs. The date is a day of 2018–2020, the years
    /// the corpus covers.
    pub fn article(&self, index: usize) -> Article {
        let mut rng = XorShift::new(index as u64);
        let source = &self.sources[index % self.sources.len()];
        let target = source.body_len * (75 + rng.below(51) as usize) / 100;
        // Copy k of a real article (index = source + k * len) gets pool sentence
        // source + k * STRIDE: different for every copy, so no two articles are the same even
        // where the random choices below happen to coincide (short articles).
        let copy = index / self.sources.len();
        let stride = if self.pool.len().is_multiple_of(STRIDE) {
            1
        } else {
            STRIDE
        };
        let signature = &self.pool[(index % self.sources.len() + copy * stride) % self.pool.len()];
        let mut picked: Vec<&str> = Vec::new();
        let mut length = signature.len() + 1;
        let mut borrowed = 0;
        let mut own = source.sentences.iter();
        while length < target || borrowed == 0 {
            let sentence = match own.next() {
                // Keep 4 in 5 of the article's own sentences, in order...
                Some(s) if rng.below(5) > 0 => s.as_str(),
                // ...and put a sentence from elsewhere where one was left out or after the end.
                _ => {
                    borrowed += 1;
                    &self.pool[rng.below(self.pool.len() as u64) as usize]
                }
            };
            length += sentence.len() + 1;
            picked.push(sentence);
        }
        let at = rng.below(picked.len() as u64 + 1) as usize;
        picked.insert(at, signature);
        let mut body = String::with_capacity(length + picked.len());
        let mut in_paragraph = 0;
        for sentence in picked {
            if in_paragraph > 0 {
                let paragraph_ends = in_paragraph >= 2 && rng.below(3) == 0;
                body.push_str(if paragraph_ends { "\n\n" } else { " " });
                if paragraph_ends {
                    in_paragraph = 0;
                }
            }
            body.push_str(sentence);
            in_paragraph += 1;
        }
        let year = 2018 + rng.below(3) as u32;
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(u64::from(days_in_month(year, month))) as u32;
        let tags = (0..rng.below(3))
            .map(|_| TAGS[rng.below(TAGS.len() as u64) as usize].to_string())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        Article {
            title: source.title.clone(),
            body,
            date: format!("{year:04}-{month:02}-{day:02}"),
            tags,
        }
    }

    /// Articles `range`, in order.
    pub fn articles(&self, range: std::ops::Range<usize>) -> Vec<Article> {
        range.map(|index| self.article(index)).collect()
    }

    /// How many of the first `count` articles repeat an earlier one's title and body (0 is
    /// expected: the figures are about distinct articles).
    pub fn duplicates(&self, count: usize) -> usize {
        let mut seen = HashSet::with_capacity(count);
        (0..count)
            .filter(|&index| {
                let article = self.article(index);
                let mut hasher = DefaultHasher::new();
                (&article.title, &article.body).hash(&mut hasher);
                !seen.insert(hasher.finish())
            })
            .count()
    }
}

/// Section names given as tags, so that inserting an article also writes tag rows, as it does
/// in a real archive.
const TAGS: &[&str] = &[
    "سياسة",
    "مجتمع",
    "اقتصاد",
    "رياضة",
    "فن",
    "جهات",
    "دولي",
    "صحة",
];

/// A synthetic article, engine-neutral.
#[derive(Debug, Clone)]
pub struct Article {
    pub title: String,
    pub body: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub tags: Vec<String>,
}

impl Article {
    /// UTF-8 bytes of title and body: the text an engine indexes.
    pub fn text_bytes(&self) -> usize {
        self.title.len() + self.body.len()
    }
}

/// Cuts a body into sentences, each ending with its full stop, question or exclamation mark;
/// line breaks end sentences too. Whitespace inside a sentence is kept as written.
fn sentences(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '؟' | '\n') {
            let end = at + c.len_utf8();
            push_sentence(&mut found, &text[start..end]);
            start = end;
        }
    }
    push_sentence(&mut found, &text[start..]);
    found
}

fn push_sentence(found: &mut Vec<String>, piece: &str) {
    let piece = piece.trim();
    if piece.len() >= MIN_SENTENCE_BYTES {
        found.push(piece.to_string());
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Marsaglia's xorshift64*: enough randomness to shuffle text, and the same sequence on every
/// machine, which is what a benchmark needs (no `rand` crate, no seed from the clock).
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        // Spread consecutive seeds apart (SplitMix64's finalizer); zero is not a valid state.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        XorShift((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..bound` (`bound` > 0); the modulo bias is far below what matters here.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let lines = [
            r#"{"id": 0, "title": "الأول", "text": "جملة أولى طويلة بما يكفي هنا. جملة ثانية طويلة بما يكفي أيضا؟ ثالثة طويلة بما يكفي للنقل!"}"#,
            r#"{"id": 1, "title": "الثاني", "text": "نص آخر طويل بما يكفي ليكون جملة.\nوسطر جديد طويل بما يكفي كذلك."}"#,
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        Corpus::load(&path).unwrap()
    }

    #[test]
    fn articles_are_deterministic_distinct_and_dated() {
        let corpus = corpus();
        assert_eq!(corpus.len(), 2);
        for index in 0..50 {
            let (a, b) = (corpus.article(index), corpus.article(index));
            assert_eq!((&a.title, &a.body, &a.date), (&b.title, &b.body, &b.date));
            assert!(a.date.as_str() >= "2018-01-01" && a.date.as_str() <= "2020-12-31");
            assert!(!a.body.is_empty());
        }
        assert_eq!(corpus.article(0).title, "الأول");
        assert_eq!(corpus.article(3).title, "الثاني");
    }

    #[test]
    fn sentences_end_at_marks_and_line_breaks() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("قصير.", &[]),
            (
                "هذه جملة طويلة بما يكفي. وهذه أخرى طويلة بما يكفي؟",
                &["هذه جملة طويلة بما يكفي.", "وهذه أخرى طويلة بما يكفي؟"],
            ),
            (
                "سطر أول طويل بما يكفي\nسطر ثان طويل بما يكفي",
                &["سطر أول طويل بما يكفي", "سطر ثان طويل بما يكفي"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(sentences(text), *expected, "{text:?}");
        }
    }
}
