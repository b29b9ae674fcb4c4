//! The near-duplicate threshold, measured: how similar the engine finds a real article and a
//! lightly edited reprint of it (per kind of edit), and how similar distinct articles of the
//! corpus are to each other (every pair compared). `--near-duplicates` prints both, so the
//! threshold in `arshif_engine::near_duplicates::THRESHOLD` can be checked on real text.
use std::path::Path;

use arshif_engine::near_duplicates::{Signature, THRESHOLD};
use serde::Deserialize;

use crate::BoxResult;

/// One line of the corpus file.
#[derive(Deserialize)]
struct Line {
    title: String,
    text: String,
}

/// A real article of the corpus, as written.
pub struct Text {
    pub title: String,
    pub body: String,
}

/// Every article of the JSON-lines corpus, untouched.
pub fn read_texts(path: &Path) -> BoxResult<Vec<Text>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the corpus {}: {e}", path.display()))?;
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let line: Line = serde_json::from_str(line)?;
            Ok(Text {
                title: line.title.trim().to_string(),
                body: line.text.trim().to_string(),
            })
        })
        .collect()
}

/// The light edits a reprint makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// One sentence of another article added at the end (an update, a quote).
    SentenceAdded,
    /// A run of sentences making up at least a tenth of the body left out (a cut paragraph).
    ParagraphDropped,
    /// Three words with a letter missing.
    Typos,
    /// Site furniture added: "read also" links, share buttons, comments closed.
    BoilerplateAdded,
}

impl Edit {
    pub const ALL: [Edit; 4] = [
        Edit::SentenceAdded,
        Edit::ParagraphDropped,
        Edit::Typos,
        Edit::BoilerplateAdded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Edit::SentenceAdded => "a sentence added",
            Edit::ParagraphDropped => "a paragraph (≥ 10 % of the words) dropped",
            Edit::Typos => "three typos",
            Edit::BoilerplateAdded => "boilerplate added (share, read also)",
        }
    }
}

const BOILERPLATE: &str = "\n\nاقرأ أيضا: الحكومة تصادق على مشروع قانون المالية الجديد\n\
اقرأ أيضا: توقعات أحوال الطقس ليوم غد\nشارك المقال على فيسبوك تويتر واتساب\n\
تابعونا على صفحتنا الرسمية للمزيد من الأخبار";

/// `body` with `edit` applied; `other` is a sentence from another article, `seed` picks where.
pub fn edit(body: &str, edit: Edit, other: &str, seed: usize) -> String {
    match edit {
        Edit::SentenceAdded => format!("{body} {other}"),
        Edit::BoilerplateAdded => format!("{body}{BOILERPLATE}"),
        Edit::Typos => {
            let mut words: Vec<String> = body.split(' ').map(str::to_string).collect();
            let long: Vec<usize> = (0..words.len())
                .filter(|&i| words[i].chars().count() >= 4)
                .collect();
            for k in 0..3.min(long.len()) {
                let word = &mut words[long[(seed + k * long.len() / 3) % long.len()]];
                // Drop the second letter: a slip of the finger, not a new word.
                let mut chars: Vec<char> = word.chars().collect();
                chars.remove(1);
                *word = chars.into_iter().collect();
            }
            words.join(" ")
        }
        Edit::ParagraphDropped => {
            let sentences = split_sentences(body);
            let total: usize = sentences.iter().map(|s| s.split_whitespace().count()).sum();
            if sentences.len() < 3 {
                return body.to_string();
            }
            // Never the first sentence (the lead) nor the whole rest.
            let start = 1 + seed % (sentences.len() - 2);
            let mut end = start;
            let mut dropped = 0;
            while end < sentences.len() - 1 && dropped * 10 < total {
                dropped += sentences[end].split_whitespace().count();
                end += 1;
            }
            let kept: Vec<&str> = sentences[..start]
                .iter()
                .chain(&sentences[end..])
                .copied()
                .collect();
            kept.join(" ")
        }
    }
}

/// Sentences with their end marks, as written.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '؟' | '\n') {
            let end = at + c.len_utf8();
            let piece = text[start..end].trim();
            if !piece.is_empty() {
                found.push(piece);
            }
            start = end;
        }
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        found.push(piece);
    }
    found
}

/// Sorted similarities of one group, summarised.
struct Spread {
    values: Vec<f64>,
}

impl Spread {
    fn new(mut values: Vec<f64>) -> Spread {
        values.sort_by(f64::total_cmp);
        Spread { values }
    }

    fn at(&self, p: f64) -> f64 {
        crate::measure::percentile(&self.values, p)
    }

    fn share_at_least(&self, threshold: f64) -> f64 {
        let n = self.values.iter().filter(|&&v| v >= threshold).count();
        100.0 * n as f64 / self.values.len().max(1) as f64
    }
}

/// Runs the measurement and prints its tables (Markdown).
pub fn run(corpus: &Path) -> BoxResult<()> {
    let texts = read_texts(corpus)?;
    let signed: Vec<(usize, Signature)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((i, Signature::of(&t.body)?)))
        .collect();
    eprintln!(
        "{} articles, {} long enough for a signature",
        texts.len(),
        signed.len()
    );
    println!(
        "### Reprints: the same article lightly edited ({} articles)\n",
        signed.len()
    );
    println!("| Edit | min | p5 | p50 | ≥ 0.5 | ≥ 0.6 | ≥ 0.7 | ≥ 0.8 | flagged at {THRESHOLD} |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for kind in Edit::ALL {
        let values: Vec<f64> = signed
            .iter()
            .filter_map(|(i, signature)| {
                let donor = &texts[(i + 997) % texts.len()].body;
                // A sentence of ordinary length (the corpus often runs many into one line).
                let other = split_sentences(donor)
                    .into_iter()
                    .find(|s| (8..=30).contains(&s.split_whitespace().count()))?;
                let edited = edit(&texts[*i].body, kind, other, *i);
                Some(signature.similarity(&Signature::of(&edited)?))
            })
            .collect();
        let spread = Spread::new(values);
        println!(
            "| {} ({}) | {:.2} | {:.2} | {:.2} | {:.1} % | {:.1} % | {:.1} % | {:.1} % | {:.1} % |",
            kind.label(),
            spread.values.len(),
            spread.at(0.0),
            spread.at(5.0),
            spread.at(50.0),
            spread.share_at_least(0.5),
            spread.share_at_least(0.6),
            spread.share_at_least(0.7),
            spread.share_at_least(0.8),
            spread.share_at_least(THRESHOLD)
        );
    }
    // Every pair of distinct articles: 2 million comparisons of 128 numbers, a second or two.
    let mut pairs = Vec::new();
    let mut best: Vec<(f64, usize, usize)> = Vec::new();
    for (a, (i, first)) in signed.iter().enumerate() {
        for (j, second) in &signed[a + 1..] {
            let similarity = first.similarity(second);
            pairs.push(similarity);
            if similarity >= 0.3 {
                best.push((similarity, *i, *j));
            }
        }
    }
    let spread = Spread::new(pairs);
    println!("\n### Distinct articles: every pair of the corpus\n");
    println!("| Pairs | p50 | p99.99 | max | ≥ 0.3 | ≥ 0.5 | ≥ 0.7 | ≥ {THRESHOLD} |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let count = |t: f64| spread.values.iter().filter(|&&v| v >= t).count();
    println!(
        "| {} | {:.3} | {:.3} | {:.3} | {} | {} | {} | {} |",
        spread.values.len(),
        spread.at(50.0),
        spread.at(99.99),
        spread.at(100.0),
        count(0.3),
        count(0.5),
        count(0.7),
        count(THRESHOLD)
    );
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("\nClosest pairs (similarity, corpus lines, titles):\n");
    for (similarity, i, j) in best.iter().take(12) {
        let same_title = if texts[*i].title == texts[*j].title {
            " (same title)"
        } else {
            ""
        };
        println!(
            "- {similarity:.3}: {} / {}{same_title}: {} / {}",
            i + 1,
            j + 1,
            texts[*i].title,
            texts[*j].title
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_change_what_they_say() {
        let body = "الجملة الأولى هنا. الجملة الثانية هنا. الجملة الثالثة هنا. الجملة الرابعة هنا.";
        assert_eq!(
            edit(body, Edit::SentenceAdded, "جملة أخرى.", 0),
            format!("{body} جملة أخرى.")
        );
        assert_eq!(
            edit(body, Edit::ParagraphDropped, "", 0),
            "الجملة الأولى هنا. الجملة الثالثة هنا. الجملة الرابعة هنا."
        );
        let typos = edit(body, Edit::Typos, "", 0);
        assert_eq!(typos.split(' ').count(), body.split(' ').count());
        assert_eq!(typos.chars().count(), body.chars().count() - 3);
        assert!(edit(body, Edit::BoilerplateAdded, "", 0).ends_with("الأخبار"));
    }
}
