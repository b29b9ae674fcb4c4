//! The one Arabic analyzer shared by indexing, querying, duplicate hashing and date detection:
//! [`normalize`] folds text to the form every comparison uses, [`fold_char`] is its
//! per-character core, and [`tokenize`] cuts the original text into words that remember where
//! they came from.
//!
//! Everything that compares text goes through here so that index time and query time cannot
//! drift (HOUSE-STYLE rule 15). Light stemming ([`stem`]) sits beside this, not inside it:
//! normalization must stay a pure character fold so that offsets into the original text can
//! always be recovered. [`index_tokens`] and [`query_word`] put the two together into the terms
//! the full-text index stores and the terms a search looks for.

mod stem;
mod terms;

pub use stem::{is_protected, is_stopword, stem, STOPWORDS};
pub use terms::{
    index_tokens, query_month_pair, query_word, IndexToken, MonthTerm, QueryWord, ANALYZER_VERSION,
    EXACT_PREFIX,
};

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Hamza above (U+0654): NFKD splits `أ ؤ ئ` into a base letter followed by it.
const HAMZA_ABOVE: char = '\u{0654}';
/// Tatweel (kashida, U+0640): stretches a word visually, means nothing.
const TATWEEL: char = '\u{0640}';
/// Zero width space (U+200B): invisible, but a word break (UAX #29), unlike ZWNJ and ZWJ.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Folds `text` to the analyzer's normal form: NFKD, marks (harakat, Quranic marks, accents)
/// dropped, tatweel and invisible formatting characters dropped, Arabic letter variants unified
/// (alef forms → ا, ى ی ے → ي, ة → ه, ؤ ئ → ء, ک → ك), Arabic-Indic and Persian digits →
/// ASCII, Latin lowercased and accent-folded.
///
/// Whitespace and punctuation are kept as they are, so the result can still be split into
/// words; the fold never collapses or trims anything.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        // Decomposed (NFD) input carries the hamza of ؤ/ئ as a separate mark after the seat,
        // possibly behind other marks (canonical order puts a fatha first). Precomposed
        // letters are handled by `fold_char`; this is the same rule across characters, so
        // that NFC and NFD spellings of one word fold alike.
        if is_hamza_seat(c) {
            let rest = chars.as_str();
            let marks_len = rest
                .char_indices()
                .find(|&(_, m)| !is_mark(m))
                .map_or(rest.len(), |(i, _)| i);
            let marks = rest.get(..marks_len).unwrap_or("");
            if marks.contains(HAMZA_ABOVE) {
                out.push('ء');
                // The marks would all be dropped anyway; skip them so each is read once.
                chars = rest.get(marks_len..).unwrap_or("").chars();
                continue;
            }
        }
        fold_char(c, &mut out);
    }
    out
}

/// Folds one character of original text and pushes its normal form (zero or more characters)
/// onto `out`.
///
/// This is the per-character core of [`normalize`]: a tokenizer that must map normalized
/// terms back to byte offsets in the original text can fold character by character and know
/// which original character produced which output.
pub fn fold_char(c: char, out: &mut String) {
    // ASCII has no compatibility decomposition and no Arabic; this is the hot path for Latin
    // text, digits and whitespace.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // The same for the plain Arabic letters, which make up most of an archive: they have no
    // decomposition and no folding (the exceptions are the hamza-carrying alef/waw/yeh forms,
    // ta marbuta, tatweel and alef maqsura). Harakat (U+064B..U+065F) are marks and vanish.
    match c {
        '\u{0622}'..='\u{0626}' | '\u{0629}' | '\u{0640}' | '\u{0649}' => {}
        '\u{0621}'..='\u{064A}' => return out.push(c),
        '\u{064B}'..='\u{065F}' => return,
        _ => {}
    }
    // U+0675 decomposes to alef + U+0674 (high hamza), which is a letter, not a mark, so
    // dropping marks would not remove it.
    if c == '\u{0675}' {
        out.push('ا');
        return;
    }
    // Compatibility decomposition gives the base letter followed by its marks (أ → ا + hamza
    // above, ﻻ → ل ا, ﷲ → ا ل ل ّ ه). Bases are held back one step because a hamza above on
    // و or ي turns the whole letter into ء rather than just disappearing like other marks.
    let mut pending: Option<char> = None;
    decompose_compatible(c, |d| {
        if is_mark(d) {
            if d == HAMZA_ABOVE && pending.is_some_and(is_hamza_seat) {
                pending = Some('ء');
            }
            return;
        }
        if let Some(base) = pending.replace(d) {
            fold_base(base, out);
        }
    });
    if let Some(base) = pending {
        fold_base(base, out);
    }
}

/// Folds one character that has no marks left (the output of decomposition).
fn fold_base(c: char, out: &mut String) {
    let folded = match c {
        c if is_ignorable(c) => return,
        // Wasla and the rarer hamza-carrying alefs have no decomposition in Unicode.
        'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        // Alef maqsura, Farsi yeh and yeh barree: writers use them interchangeably with ي.
        'ى' | '\u{06CC}' | '\u{06D2}' => 'ي',
        'ة' => 'ه',
        // Keheh: the Persian/Urdu keyboard's kaf.
        '\u{06A9}' => 'ك',
        '٠'..='٩' => digit(c, '٠'),
        '۰'..='۹' => digit(c, '۰'),
        // Latin letters NFKD does not split: fold them as a reader would type them on a
        // keyboard without them.
        'ß' | 'ẞ' => return out.push_str("ss"),
        'æ' | 'Æ' => return out.push_str("ae"),
        'œ' | 'Œ' => return out.push_str("oe"),
        'ø' | 'Ø' => 'o',
        'đ' | 'Đ' => 'd',
        'ł' | 'Ł' => 'l',
        'ı' => 'i',
        c => return out.extend(c.to_lowercase()),
    };
    out.push(folded);
}

/// The ASCII digit for `c`, counted from `zero` in its own script.
fn digit(c: char, zero: char) -> char {
    let value = u32::from(c) - u32::from(zero);
    char::from_digit(value, 10).unwrap_or(c)
}

/// Letters that become ء when a hamza sits on them (ؤ = و + hamza, ئ = ي + hamza, ۓ = ے +
/// hamza, and the yeh variants an NFD text may use).
fn is_hamza_seat(c: char) -> bool {
    matches!(c, 'و' | 'ي' | 'ى' | '\u{06CC}' | '\u{06D2}')
}

/// A mark the fold drops: every combining mark (general category M: harakat, shadda, sukun,
/// tanween incl. the open forms, superscript alef, Latin accents) plus the Quranic annotation
/// block U+06D6–U+06ED, which also holds a few symbols and small letters that only ever
/// annotate.
///
/// The `unicode-normalization` table covers Mn, Mc and Me; the spacing marks (Mc) only occur
/// in Indic and South-East Asian scripts, where dropping them at index and query time alike
/// still matches consistently.
pub fn is_mark(c: char) -> bool {
    is_combining_mark(c) || ('\u{06D6}'..='\u{06ED}').contains(&c)
}

/// Characters the fold removes without trace: tatweel, bidi controls, zero-width characters,
/// the byte order mark and the soft hyphen. They change how text looks, never what it says.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        TATWEEL
            | '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Invisible characters that may sit inside a word without splitting it (bidi controls, ZWNJ,
/// ZWJ, soft hyphen, BOM, word joiner), but are not part of the word at its edges.
pub fn is_invisible(c: char) -> bool {
    is_ignorable(c) && c != TATWEEL && c != ZERO_WIDTH_SPACE
}

/// A character that belongs to a word: letters and digits of any script, marks, tatweel, and
/// the invisible characters that do not break words.
fn is_word_char(c: char) -> bool {
    // Arabic letters, harakat and Arabic-Indic digits first: `is_alphanumeric` is a table
    // lookup that dominates tokenizing Arabic text.
    matches!(c, '\u{0621}'..='\u{065F}' | '\u{0660}'..='\u{0669}')
        || c.is_alphanumeric()
        || is_mark(c)
        || is_invisible(c)
}

/// A character a normal form keeps inside one word. Normal forms are mostly Arabic letters and
/// ASCII, checked here first: `char::is_alphanumeric` takes its slow table path for every
/// non-ASCII letter, and this runs for every character indexed.
fn is_normal_word_char(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | 'a'..='z' | '0'..='9') || c.is_alphanumeric()
}

/// One word of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the word's first character in the original text.
    pub start: usize,
    /// Byte offset just past the word's last character.
    pub end: usize,
    /// The word as written: `&text[start..end]`.
    pub original: &'a str,
    /// The word's normal form ([`normalize`] of `original`), never empty.
    pub normalized: String,
}

/// Splits `text` into word tokens with byte offsets into `text` (see [`tokens`]).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokens(text).collect()
}

/// Word tokens of `text`, produced lazily so that a reader who stops early (date detection
/// reads only an article's top) does not pay for the rest.
///
/// A word is a run of letters, digits, marks and tatweel; punctuation, symbols and whitespace
/// separate words. Bidi controls, ZWNJ and ZWJ inside a word do not split it and are left out
/// at its edges. A run that folds to nothing (a lone mark, a line of tatweel) is skipped. In
/// the rare case where one original character folds to several words (ﷺ is a whole phrase),
/// each word is its own token and all of them share that character's span.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        position: 0,
        pending: Vec::new(),
    }
}

/// The iterator returned by [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word resumes; always a char boundary.
    position: usize,
    /// Further words of one run, last first (see [`tokens`]).
    pending: Vec<Token<'a>>,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if let Some(token) = self.pending.pop() {
                return Some(token);
            }
            let rest = self.text.get(self.position..)?;
            let Some(run_start) = rest.find(is_word_char) else {
                self.position = self.text.len();
                return None;
            };
            let after_start = rest.get(run_start..).unwrap_or("");
            let run_len = after_start
                .find(|c: char| !is_word_char(c))
                .unwrap_or(after_start.len());
            let run = after_start.get(..run_len).unwrap_or("");
            let run_offset = self.position + run_start;
            self.position = run_offset + run_len;

            let without_lead = run.trim_start_matches(is_invisible);
            let word = without_lead.trim_end_matches(is_invisible);
            if word.is_empty() {
                continue;
            }
            let start = run_offset + (run.len() - without_lead.len());
            let end = start + word.len();
            let normalized = normalize(word);
            if normalized.chars().all(is_normal_word_char) {
                if normalized.is_empty() {
                    continue;
                }
                return Some(Token {
                    start,
                    end,
                    original: word,
                    normalized,
                });
            }
            // A compatibility decomposition produced spaces or symbols (ﷺ, ½): the pieces
            // are separate words of the same original span.
            self.pending = normalized
                .split(|c: char| !c.is_alphanumeric())
                .filter(|piece| !piece.is_empty())
                .rev()
                .map(|piece| Token {
                    start,
                    end,
                    original: word,
                    normalized: piece.to_string(),
                })
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shared analyzer cases (`kind`, `input`, `expected`, `note`), copied unchanged from
    /// `shared/testdata/`. Only `normalize` rows belong to this module; `match`, `nomatch` and
    /// `protect` rows need stemming and the search index.
    const SHARED_CASES: &str =
        include_str!("../../../../tests/fixtures/analyzer/arabic_analyzer_cases.tsv");

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "normalize({input:?})");
        // `fold_char` is the core: folding char by char differs from `normalize` only for a
        // hamza written as a separate mark after its seat (NFD input).
        if !input.contains(HAMZA_ABOVE) {
            let mut folded = String::new();
            input.chars().for_each(|c| fold_char(c, &mut folded));
            assert_eq!(folded, expected, "fold_char over {input:?}");
        }
    }

    #[test]
    fn normal_word_char_fast_path_agrees_with_unicode() {
        // The fast ranges must be a shortcut, never a different answer.
        for c in ('\u{0}'..='\u{07FF}').chain('\u{FB50}'..='\u{FEFF}') {
            assert_eq!(
                is_normal_word_char(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn shared_normalize_cases() {
        let mut count = 0;
        for line in SHARED_CASES.lines().skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let ["normalize", input, expected, ..] = fields.as_slice() {
                check(input, expected);
                count += 1;
            }
        }
        // Guards against a fixture that silently stopped parsing (a header change, CRLF).
        assert_eq!(count, 13, "normalize rows read from the shared cases");
    }

    #[test]
    fn normalize_cases() {
        let cases = [
            ("", ""),
            ("   ", "   "),
            // Whitespace and punctuation are kept one for one.
            ("سلام،\n\tعليكم؟", "سلام،\n\tعليكم؟"),
            // Presentation forms (isolated, initial, medial, final) fold to plain letters.
            ("ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ", "السلام عليكم"),
            ("ﻷ ﻹ ﻵ", "لا لا لا"),
            ("ﺆ ﺋ", "ء ء"),
            ("ﷺ", "صلي الله عليه وسلم"),
            // Hamza above as a separate mark (NFD), also behind a fatha.
            ("مسو\u{0654}ول", "مسءول"),
            ("سو\u{064E}\u{0654}ال", "سءال"),
            ("ا\u{0654}حمد", "احمد"),
            ("ۓ", "ء"),
            // Rare hamza-carrying alefs.
            ("ٲ ٳ ٵ", "ا ا ا"),
            // Persian and Urdu keyboard letters.
            ("کتاب فارسی ے", "كتاب فارسي ي"),
            ("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "0123456789 0123456789"),
            ("٣٫٥٪", "3٫5٪"),
            ("ذٰلِكَ", "ذلك"),
            ("قُرْآنٌ", "قران"),
            // Invisible characters vanish: soft hyphen, ZWNJ, ZWJ, ZWSP, BOM, ALM, isolates.
            ("co\u{00AD}operation", "cooperation"),
            ("می\u{200C}خواهم", "ميخواهم"),
            ("\u{FEFF}\u{2067}الرباط\u{2069}\u{061C}", "الرباط"),
            ("a\u{200B}b\u{200D}c", "abc"),
            ("Ærø Straße ŒUVRE", "aero strasse oeuvre"),
            ("İstanbul Łódź Đorđe", "istanbul lodz dorde"),
            ("ｆｕｌｌ ﬁn ½", "full fin 1⁄2"),
            ("NAÏVE Façade Curaçao", "naive facade curacao"),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    /// Renders tokens as `start..end:normalized`, after checking that every token's offsets
    /// slice the original text back out.
    fn check_tokens(input: &str, expected: &str) {
        let found = tokenize(input);
        for token in &found {
            assert_eq!(
                input.get(token.start..token.end),
                Some(token.original),
                "{input:?}"
            );
            assert!(!token.normalized.is_empty(), "{input:?}");
        }
        let rendered: Vec<String> = found
            .iter()
            .map(|t| format!("{}..{}:{}", t.start, t.end, t.normalized))
            .collect();
        assert_eq!(rendered.join(" "), expected, "tokenize({input:?})");
    }

    #[test]
    fn tokenize_cases() {
        let cases = [
            ("", ""),
            ("  \n\t ", ""),
            ("، ؛ ؟ « » “ ” . , ! - — ( ) / :", ""),
            // From the sample: Arabic letters are 2 bytes, the double space is kept.
            (
                "“فرانسيسكو باردو بيكيراس  Francisco PARDO PIQUERAS”،",
                "3..21:فرانسيسكو 22..32:باردو 33..47:بيكيراس 49..58:francisco \
                 59..64:pardo 65..73:piqueras",
            ),
            // Diacritics stay inside the word's span; the token is the whole written word.
            ("مُحَمَّد", "0..16:محمد"),
            ("جمـــيل", "0..14:جميل"),
            (
                "يومه الأربعاء 10 غشت 2022",
                "0..8:يومه 9..25:الاربعاء 26..28:10 29..35:غشت 36..40:2022",
            ),
            ("١٠ غشت ٢٠٢٢", "0..4:10 5..11:غشت 12..20:2022"),
            ("۱۰ آب", "0..4:10 5..9:اب"),
            ("ف10 دجنبر", "0..4:ف10 5..15:دجنبر"),
            // Bidi marks at the edges are left out; inside a word they do not split it.
            ("\u{200F}الرباط\u{200E}", "3..15:الرباط"),
            ("ال\u{200C}كتاب", "0..15:الكتاب"),
            // A zero width space is a word break (UAX #29).
            ("foo\u{200B}bar", "0..3:foo 6..9:bar"),
            // A lone mark or a tatweel rule folds to nothing and is skipped.
            ("  \u{064E}  ـــــ  ", ""),
            (
                "l'article Café-Restaurant",
                "0..1:l 2..9:article 10..15:cafe 16..26:restaurant",
            ),
            ("10/08/2022", "0..2:10 3..5:08 6..10:2022"),
            // One character folding to several words: each word keeps the character's span.
            (
                "محمد ﷺ",
                "0..8:محمد 9..12:صلي 9..12:الله 9..12:عليه 9..12:وسلم",
            ),
        ];
        for (input, expected) in cases {
            check_tokens(input, expected);
        }
    }

    #[test]
    fn sample_article_tokens_slice_the_original() {
        let text = include_str!("../../../../tests/fixtures/txt/sample-article.txt");
        let tokens = tokenize(text);
        assert!(tokens.len() > 300, "{}", tokens.len());
        for token in &tokens {
            assert_eq!(&text[token.start..token.end], token.original);
            assert_eq!(token.normalized, normalize(token.original));
        }
        assert!(tokens.iter().any(|t| t.normalized == "غشت"));
        assert!(tokens
            .iter()
            .any(|t| t.original == "PIQUERAS" && t.normalized == "piqueras"));
    }
}
