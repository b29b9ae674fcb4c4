//! Light stemming of one normalized word (Light10 / Lucene `ArabicStemmer` family), with the
//! protected words and stopwords that keep it from colliding words that mean different things.
//!
//! The input is always the output of [`super::normalize`] for one word: ة is already ه, the
//! alef forms are ا, ى is ي, and ؤ ئ are ء, so every affix below is written in that form.
//! Stemming only ever removes letters at the edges, so a stem is a slice of its word and costs
//! no allocation.
//!
//! An Arabic word loses at most one article-like prefix (ال وال بال كال فال لل, and وبال وكال
//! ولل), the conjunction و, and suffixes (ها ان ات ون ين يه ه ي, one pass over that list).
//! Where this departs from Light10 and Lucene, and why:
//! - A suffix is only removed when 3 letters remain, 4 for ان ون ين. Light10 and Lucene keep
//!   2, which turns أبها into اب, ماي into ما and ولايات into لا; and ان ون ين end many words of
//!   their own (قانون, تعاون, مليون, عشرين). ال may still leave 2 letters (الحج → حج), but
//!   بال كال فال must leave 3 (بالغة is not بال + غة).
//! - The conjunction و is told apart from a root و by a list of stems whose و belongs to the
//!   root (وزار, وزير, ولاي…), and the same rule runs after the article, so الوزارة and وزارة
//!   stem alike whether or not a word is listed (Light10 gives وزار and زار). A second list
//!   does the same for an ال that is not the article (التزام, آلاف, إلكتروني).
//! - Protected words (stopwords, the name of God, every month name) are never stemmed, also
//!   behind a clitic (ورمضان → رمضان), and a stem that would land on a stopword after losing
//!   the article or a plural ending is refused (الما, Darija "the water", is not ما).
//!
//! Latin words (French, English) lose only a plural `s` (see [`stem`]); words with digits or
//! mixed scripts are left as they are.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::import::dates::{GREGORIAN_MONTHS, HIJRI_MONTHS};

/// An affix with its length in letters. Every affix is Arabic, two bytes a letter in UTF-8.
struct Affix {
    text: &'static str,
    letters: usize,
}

const fn affix(text: &'static str) -> Affix {
    Affix {
        text,
        letters: text.len() / 2,
    }
}

/// An article-like prefix and the letters a word must keep after losing it.
struct Article {
    affix: Affix,
    min_after: usize,
}

const fn article(text: &'static str, min_after: usize) -> Article {
    Article {
        affix: affix(text),
        min_after,
    }
}

/// Article-like prefixes, longest first so that وال is tried before ال. The و/ف/ب/ك forms are
/// a conjunction or preposition glued to the article; لل is ل + ال (the alef is not written).
/// ال لل وال ولل may leave 2 letters (الحج → حج, والحج → حج, as in Light10); the forms with
/// ب ك ف must leave 3, because a 5-letter word starting with them is more often a word of its
/// own (بالغة, as in أهمية بالغة, is not بال + غة). The words where و + ال is not a conjunction
/// and an article (والد, والي) are listed in [`ROOT_WAW`].
const ARTICLES: &[Article] = &[
    article("وبال", 3),
    article("وكال", 3),
    article("ولل", 2),
    article("وال", 2),
    article("بال", 3),
    article("كال", 3),
    article("فال", 3),
    article("لل", 2),
    article("ال", 2),
];
/// Letters a stem keeps at least after losing the conjunction و or a suffix.
const MIN_STEM: usize = 3;

/// A suffix and what removing it needs and means.
struct Suffix {
    affix: Affix,
    /// Letters that must remain.
    min_stem: usize,
    /// It makes a plural, a dual or an adjective. A pronoun suffix (ها ه ي) on a preposition
    /// is still that preposition (عليها is a form of علي), but these never are, so a stopword
    /// reached through them is a collision (ولايات → لا).
    inflection: bool,
}

const fn suffix(text: &'static str, min_stem: usize, inflection: bool) -> Suffix {
    Suffix {
        affix: affix(text),
        min_stem,
        inflection,
    }
}

/// Suffixes in the order they are tried, two-letter ones first; each is tried once, so
/// ساهدهات loses ات and then ه. ية and ة are written يه and ه (normalized). ان ون ين need a
/// 4-letter stem: they end so many words of their own (قانون, تعاون, مليون, تكوين, عشرين,
/// ميدان) that removing them from a 5-letter word does more harm than good, while the plurals
/// and duals they mark mostly have longer stems (مسؤولين, ساهدون).
const SUFFIXES: &[Suffix] = &[
    suffix("ها", MIN_STEM, false),
    suffix("ان", 4, true),
    suffix("ات", MIN_STEM, true),
    suffix("ون", 4, true),
    suffix("ين", 4, true),
    suffix("يه", MIN_STEM, true),
    suffix("ه", MIN_STEM, false),
    suffix("ي", MIN_STEM, false),
];

/// Verb endings accepted after a listed root-و stem (وصلت, وقعت, وصلنا, وصلو): only there, so
/// that وقعت keeps its و. Elsewhere they are too ambiguous to remove.
const VERB_ENDINGS: &[&str] = &["ت", "نا", "وا", "و", "تي"];

// The word lists below are kept one line per group, as they read; rustfmt would put each word
// on a line of its own.

/// Stopwords, normalized: Modern Standard Arabic particles, pronouns and demonstratives, and
/// the Moroccan Darija function words the archive's press uses. They are indexed (phrases need
/// them) but never stemmed, and no other word may stem into one of them.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    // Prepositions and particles.
    "من", "الي", "علي", "في", "عن", "مع", "ما", "لا", "لم", "لن", "ان", "او", "ام", "ثم",
    "بل", "قد", "لقد", "كي", "لكي", "سوف", "هل", "يا", "اي", "اذ", "اذا", "لو", "لولا",
    "لكن", "لان", "كما", "حيث", "الا", "اما", "ايضا", "فقط", "مثل", "نحو", "ضد", "حول",
    "خلال", "عبر", "دون", "فوق", "تحت", "امام", "بين", "قبل", "بعد", "عند", "لدي", "منذ",
    "حتي", "كل", "بعض", "غير", "سوي", "ليس", "ليست", "كان", "كانت", "كانوا", "يكون",
    "تكون", "انه", "انها", "الان", "هنا", "هناك", "كيف", "متي", "اين", "لماذا", "ماذا",
    "ذا", "ذو", "ذي", "له", "لها", "لهم", "به", "بها", "بهم", "فيه", "فيها", "فيهم",
    "عليه", "عليها", "عليهم", "منه", "منها", "منهم", "عنه", "عنها", "عنهم", "اليه",
    "اليها", "اليهم",
    // Pronouns, demonstratives and relatives.
    "هو", "هي", "هم", "هما", "هن", "انا", "نحن", "انت", "انتم", "هذا", "هذه", "هذان",
    "هاتان", "هءلاء", "ذلك", "تلك", "اولءك", "الذي", "التي", "الذين", "اللذان", "اللتان",
    "اللذين", "اللتين", "اللاتي", "اللواتي",
    // Moroccan Darija.
    "ديال", "ديالو", "ديالها", "ديالهم", "اللي", "للي", "هاد", "هادي", "هادا", "هادو",
    "هذ", "باش", "واش", "شي", "حيت", "بحال", "فين", "علاش", "كيفاش", "شنو", "اش", "ماشي",
    "راه", "راها", "ملي", "فاش", "غادي", "دابا", "بزاف", "كاع", "حنا", "هوما", "لي", "ليه",
    "ليها", "ليهم", "والو", "وقتاش", "فوقاش",
    // "And" + a particle or pronoun, frequent enough to be function words of their own.
    "ولا", "وما", "ولم", "ومن", "وفي", "وهو", "وهي", "وقد", "ولو", "ومع",
];

/// Other words that are never stemmed: the name of God (الله would become له, a stopword).
const OTHER_PROTECTED: &[&str] = &["الله"];

/// Stems whose first و is a root letter, not the conjunction "and". Without this list وزارة
/// would lose its و and no longer meet الوزارة (Light10's pitfall). Collected from the most
/// frequent و-initial words of the MArSum corpus; a word missing here still stems consistently
/// (the rule also runs after the article), it just loses its و.
#[rustfmt::skip]
const ROOT_WAW: &[&str] = &[
    // Three-letter stems, so that their plurals and feminines keep the و (وحدات, ولدات).
    // Stems that are also a conjunction + a function word (وفي "and in", ولي "and who", وهم
    // "and they") are left out: the stem would make every such "and …" match.
    "وحد", "ولد", "وصل", "وقف", "وضع", "وجه", "وقع", "وطن", "وعد", "وزن", "ورق", "وسط",
    "وفد", "وعي", "وقت", "وجد", "ورد", "وصف", "وفر", "وزع", "وكل", "وثق", "وسع", "وصي",
    "وحش", "ودع", "وظف", "وجب", "ورث", "وفا",
    // Longer stems.
    "وزار", "وزير", "وزراء", "واحد", "وجود", "واقع", "ولاي", "وكال", "وكيل", "وباء", "وثيق",
    "وثاءق", "وراء", "واضح", "وسيل", "وساءل", "واسع", "وسيط", "وظيف", "وظاءف", "واجب",
    "وافق", "واصل", "والد", "ولاد", "وقوف", "وقوع", "وصول", "واخا", "وادي", "واد", "ورزاز",
    "وزان", "وهران", "واشنطن", "وفاء", "وفيات", "وقاءع", "وديع", "وليد", "وحيد", "واجه",
    "والي", "وداد",
];

/// Stems whose first ال is not the article: words of a root starting with ل (التزام, إلغاء),
/// and words that start with أل/آل before normalization folds the hamza away (ألوان, آلاف,
/// إلكتروني). Without this list الالتزام (التزام) and التزام (تزام) would not meet.
#[rustfmt::skip]
const ROOT_AL: &[&str] = &[
    "التزام", "التحاق", "التماس", "التقاء", "التقاط", "التهاب", "الغاء", "الكترون", "الوان",
    "الاف", "الات", "اليات", "الغام", "الهام", "المان", "المانيا", "العاب",
];

/// The stem of one normalized word.
///
/// - Arabic: light stemming as described in the module documentation; words of 3 letters or
///   fewer and protected words come back unchanged.
/// - Latin (`a`–`z` only, as [`super::normalize`] leaves French and English): a plural `s` is
///   removed from words of more than 4 letters (`articles` → `article`), except after `s`,
///   `u` or `i` (`press`, `virus`, `paris`, `analysis`), where the `s` is rarely a plural.
///   The French `-x` plurals are left alone: `journaux` minus `x` is not `journal`, so
///   removing it would only add collisions.
/// - Anything else (digits, a clitic glued to a number like `ف10`, mixed scripts): unchanged.
pub fn stem(normalized_word: &str) -> &str {
    let word = normalized_word;
    let mut letters = 0;
    if word.chars().all(|c| {
        letters += 1;
        is_arabic_letter(c)
    }) {
        stem_arabic(Word {
            text: word,
            letters,
        })
    } else if word.bytes().all(|b| b.is_ascii_lowercase()) {
        stem_latin(word)
    } else {
        word
    }
}

/// Whether `normalized_word` is never stemmed: a stopword, a month name, or another protected
/// word.
pub fn is_protected(normalized_word: &str) -> bool {
    lists().protected.contains(normalized_word)
}

/// Whether `normalized_word` is one of the [`STOPWORDS`].
pub fn is_stopword(normalized_word: &str) -> bool {
    lists().stopwords.contains(normalized_word)
}

/// A hasher for short words, several times faster than the default SipHash on them. The sets
/// it serves are fixed at start-up and only ever queried, so there is nothing for hostile input
/// to flood (the reason SipHash is the default).
#[derive(Default, Clone, Copy)]
pub(super) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        // The FxHash step (rustc's own hasher): rotate, mix in, multiply by a large odd constant.
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of words hashed with [`WordHasher`].
pub(super) type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// The word lists as sets, built once.
struct Lists {
    stopwords: WordSet,
    /// Stopwords, [`OTHER_PROTECTED`], and every word that starts a month name.
    protected: WordSet,
    /// Words that start a month name: كانون of كانون الثاني, and every one-word name.
    months: WordSet,
    /// [`ROOT_WAW`] and [`ROOT_AL`].
    root_stems: WordSet,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        // A two-word name's first word (كانون, تشرين, جمادي) would otherwise stem (كانون →
        // كان, a stopword). The second words are ordinary words (الاول, الثاني) and stem as
        // such.
        let months: WordSet = GREGORIAN_MONTHS
            .iter()
            .chain(HIJRI_MONTHS)
            .filter_map(|(name, _)| name.split(' ').next())
            .collect();
        let stopwords: WordSet = STOPWORDS.iter().copied().collect();
        let protected = stopwords
            .iter()
            .chain(OTHER_PROTECTED)
            .chain(months.iter())
            .copied()
            .collect();
        Lists {
            stopwords,
            protected,
            months,
            root_stems: ROOT_WAW.iter().chain(ROOT_AL).copied().collect(),
        }
    })
}

/// A letter of the Arabic script (the letter ranges of the Arabic, Arabic Supplement and
/// Extended-A/B blocks), including the Persian letters Darija writes (گ, ڤ, پ). Spelled out as
/// ranges because `char::is_alphabetic` takes its slow path for every Arabic letter, and this
/// runs for every letter indexed.
fn is_arabic_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0620}'..='\u{064A}'
            | '\u{066E}'..='\u{066F}'
            | '\u{0671}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06EE}'..='\u{06EF}'
            | '\u{06FA}'..='\u{06FC}'
            | '\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{0870}'..='\u{0887}'
            | '\u{0889}'..='\u{088E}'
            | '\u{08A0}'..='\u{08C9}'
    )
}

fn stem_latin(word: &str) -> &str {
    if word.len() <= 4 || is_protected(word) {
        return word;
    }
    match word.strip_suffix('s') {
        Some(rest) if !rest.ends_with(['s', 'u', 'i']) => rest,
        _ => word,
    }
}

/// An Arabic word (or part of one) with its length in letters, which every rule checks.
#[derive(Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    letters: usize,
}

impl<'a> Word<'a> {
    fn strip_prefix(self, prefix: &Affix) -> Option<Word<'a>> {
        let text = self.text.strip_prefix(prefix.text)?;
        Some(Word {
            text,
            letters: self.letters - prefix.letters,
        })
    }

    fn strip_suffix(self, suffix: &Affix) -> Option<Word<'a>> {
        let text = self.text.strip_suffix(suffix.text)?;
        Some(Word {
            text,
            letters: self.letters - suffix.letters,
        })
    }

    /// The word without its first letter (a one-letter proclitic), and that letter.
    fn split_first(self) -> Option<(char, Word<'a>)> {
        let mut chars = self.text.chars();
        let first = chars.next()?;
        Some((
            first,
            Word {
                text: chars.as_str(),
                letters: self.letters - 1,
            },
        ))
    }
}

/// What stemming took off a word, for the stopword-collision guard.
struct Stripped<'a> {
    stem: &'a str,
    /// An article (ال and its forms) was removed.
    article: bool,
    /// A plural, dual or adjective suffix was removed.
    inflection: bool,
}

fn stem_arabic(word: Word<'_>) -> &str {
    let lists = lists();
    if word.letters <= 3 || lists.protected.contains(word.text) {
        return word.text;
    }
    // A word whose و or ال belongs to it keeps it, before anything else is looked for: ولدي
    // is ولد + ي (not و + لدي), والدين is والد + ين (not وال + دين), التزامات is التزام + ات.
    if let Some((stem, _)) = root_stem(word) {
        return stem;
    }
    // The same, and a protected word, behind a conjunction or preposition: ورمضان, والذين,
    // بالله (ب + الله), والتزام, بوزارة.
    if let Some(rest) = strip_proclitic(word) {
        if lists.protected.contains(rest.text) {
            return rest.text;
        }
        if let Some((stem, _)) = root_stem(rest) {
            return stem;
        }
    }
    let stripped = strip_affixes(word);
    // Removing an article or a plural ending must not turn a word into a stopword: الما
    // (Darija "the water") is not ما, الهم ("the worry") is not هم. The word then keeps its
    // suffixes, and its article too if without it the word is still a stopword.
    if (stripped.article || stripped.inflection) && lists.stopwords.contains(stripped.stem) {
        return match strip_article(word) {
            Some(after) if !lists.stopwords.contains(after.text) => after.text,
            _ => word.text,
        };
    }
    stripped.stem
}

/// A one-letter proclitic that may stand before a protected word: و before any; ف ب ل ك before
/// a month name or a word of 4 letters or more, because these letters so often begin a word
/// (فتحت "she opened" is not ف + تحت, لاين is not ل + اين).
fn strip_proclitic(word: Word<'_>) -> Option<Word<'_>> {
    let (first, rest) = word.split_first()?;
    match first {
        'و' => Some(rest),
        'ف' | 'ب' | 'ل' | 'ك' if rest.letters >= 4 || lists().months.contains(rest.text) => {
            Some(rest)
        }
        _ => None,
    }
}

/// The word without its article, when it has one and enough letters remain.
fn strip_article(word: Word<'_>) -> Option<Word<'_>> {
    ARTICLES.iter().find_map(|article| {
        word.strip_prefix(&article.affix)
            .filter(|after| after.letters >= article.min_after)
    })
}

fn strip_affixes(word: Word<'_>) -> Stripped<'_> {
    let (rest, article) = match strip_article(word) {
        Some(after) if lists().protected.contains(after.text) => {
            return Stripped {
                stem: after.text,
                article: true,
                inflection: false,
            }
        }
        Some(after) => (after, true),
        None => (word, false),
    };
    let (stem, inflection) = strip_waw_and_suffixes(rest);
    Stripped {
        stem,
        article,
        inflection,
    }
}

/// The conjunction و and the suffixes. This also runs on what follows an article: a و right
/// after ال is always a root letter, but treating it exactly as on the bare word is what keeps
/// الوزارة and وزارة (and every other pair) on one stem even for a root missing from
/// [`ROOT_WAW`].
fn strip_waw_and_suffixes(word: Word<'_>) -> (&str, bool) {
    if let Some(found) = root_stem(word) {
        return found;
    }
    match word.split_first() {
        Some(('و', rest)) if rest.letters >= MIN_STEM => strip_suffixes(rest),
        _ => strip_suffixes(word),
    }
}

/// The listed stem ([`ROOT_WAW`], [`ROOT_AL`]) `word` is made of, followed by nothing, by
/// one suffix (ولايات = ولاي + ات, والديه = والد + يه), by ات and a pronoun (ولاياتها) or by a
/// verb ending (وقعت = وقع + ت), with whether an inflection followed it. The longest listed
/// stem wins. Longer tails are refused: والديون is و + الديون, not والد + ي + ون.
fn root_stem(word: Word<'_>) -> Option<(&str, bool)> {
    if !(word.text.starts_with('و') || word.text.starts_with("ال")) {
        return None;
    }
    let set = &lists().root_stems;
    // Cut points from the whole word down to a stem of MIN_STEM letters.
    word.text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.text.len()))
        .rev()
        .take(word.letters + 1 - MIN_STEM.min(word.letters))
        .find_map(|cut| {
            let (stem, tail) = word.text.split_at(cut);
            if !set.contains(stem) {
                return None;
            }
            stem_tail(tail).map(|inflection| (stem, inflection))
        })
}

/// Whether `tail` may follow a listed stem, and if so whether it holds an inflection.
fn stem_tail(tail: &str) -> Option<bool> {
    if tail.is_empty() || VERB_ENDINGS.contains(&tail) {
        return Some(false);
    }
    if let Some(suffix) = SUFFIXES.iter().find(|suffix| suffix.affix.text == tail) {
        return Some(suffix.inflection);
    }
    match tail.strip_prefix("ات") {
        Some("ه" | "ها") => Some(true),
        _ => None,
    }
}

/// One pass over [`SUFFIXES`]: each is removed when enough letters remain. Also says whether
/// an inflection went.
fn strip_suffixes(word: Word<'_>) -> (&str, bool) {
    let mut stem = word;
    let mut inflection = false;
    for suffix in SUFFIXES {
        if stem.letters < suffix.min_stem + suffix.affix.letters {
            continue;
        }
        if let Some(shorter) = stem.strip_suffix(&suffix.affix) {
            stem = shorter;
            inflection |= suffix.inflection;
        }
    }
    (stem.text, inflection)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{normalize, tokenize};

    /// Stems `input` after normalizing it, as the index does.
    fn check(input: &str, expected: &str) {
        let normalized = normalize(input);
        assert_eq!(
            stem(&normalized),
            expected,
            "stem({input:?} → {normalized:?})"
        );
    }

    /// Real words from `shared/corpora/marsum-test.jsonl` and the press, with their stems.
    /// Words that must meet share a stem (the groups below), words that must not do not.
    #[test]
    fn stems_of_corpus_words() {
        let cases = [
            // Clitics and the article: one stem for every spelling of "Morocco/Moroccan".
            ("المغرب", "مغرب"),
            ("والمغرب", "مغرب"),
            ("بالمغرب", "مغرب"),
            ("فالمغرب", "مغرب"),
            ("للمغرب", "مغرب"),
            ("المغربية", "مغرب"),
            ("المغربي", "مغرب"),
            ("مغربية", "مغرب"),
            // Light10's pitfall: the و of وزارة is a root letter, with or without the article.
            ("الوزارة", "وزار"),
            ("وزارة", "وزار"),
            ("وزارات", "وزار"),
            ("ووزارة", "وزار"),
            ("الوزير", "وزير"),
            ("وزير", "وزير"),
            ("الولايات", "ولاي"),
            ("ولاية", "ولاي"),
            ("والدين", "والد"),
            ("ولدي", "ولد"),
            ("وقعت", "وقع"),
            ("الوفيات", "وفيات"),
            ("بوزارة", "وزار"),
            ("والديون", "ديون"),
            ("بالغة", "بالغ"),
            ("البالغة", "بالغ"),
            ("الحج", "حج"),
            ("والحج", "حج"),
            ("الألعاب", "العاب"),
            ("ألعاب", "العاب"),
            ("الديون", "ديون"),
            // An ال that belongs to the word stays.
            ("التزام", "التزام"),
            ("الالتزام", "التزام"),
            ("والتزامات", "التزام"),
            ("آلاف", "الاف"),
            ("الآلاف", "الاف"),
            ("الإلكترونية", "الكترون"),
            ("إلكتروني", "الكترون"),
            // The conjunction و goes.
            ("وقال", "قال"),
            ("وأكد", "اكد"),
            ("وبالتالي", "تال"),
            ("وللإشارة", "اشار"),
            // Hamza carriers and suffixes.
            ("المسؤولين", "مسءول"),
            ("مسئول", "مسءول"),
            ("للكتاب", "كتاب"),
            ("الكتاب", "كتاب"),
            ("الانتخابات", "انتخاب"),
            ("الإصابات", "اصاب"),
            ("إصابة", "اصاب"),
            ("الحالات", "حال"),
            ("حالة", "حال"),
            ("الصحية", "صحي"),
            ("الصحي", "صحي"),
            ("الوطنية", "وطن"),
            ("وطني", "وطن"),
            ("الأمم", "امم"),
            ("المتحدة", "متحد"),
            ("سياراتها", "سيار"),
            ("المواطنين", "مواطن"),
            // Words that end like a suffix but are not inflected keep their ending.
            ("القانون", "قانون"),
            ("تعاون", "تعاون"),
            ("التعاونية", "تعاون"),
            ("مليون", "مليون"),
            ("الاثنين", "اثنين"),
            ("أبها", "ابها"),
            // Protected: month names, function words, the name of God, also behind a clitic.
            ("رمضان", "رمضان"),
            ("ورمضان", "رمضان"),
            ("شعبان", "شعبان"),
            ("كانون", "كانون"),
            ("تشرين", "تشرين"),
            ("جمادى", "جمادي"),
            ("فماي", "ماي"),
            ("الله", "الله"),
            ("بالله", "الله"),
            ("والذين", "الذين"),
            ("الآن", "الان"),
            // Darija: a collision with a stopword is refused, the word stays whole.
            ("الما", "الما"),
            ("فتحت", "فتحت"),
            ("لاين", "لاين"),
            // Three letters or fewer: untouched.
            ("الو", "الو"),
            ("ماي", "ماي"),
            ("أب", "اب"),
            // Latin: a plural s only; digits and mixed words unchanged.
            ("Articles", "article"),
            ("élections", "election"),
            ("press", "press"),
            ("virus", "virus"),
            ("Paris", "paris"),
            ("mars", "mars"),
            ("2022", "2022"),
            ("ف10", "ف10"),
            ("covid19", "covid19"),
            ("", ""),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    /// Shared analyzer cases (`kind`, `input`, `expected`, `note`), copied unchanged from
    /// `shared/testdata/`.
    const SHARED_CASES: &str =
        include_str!("../../../../tests/fixtures/analyzer/arabic_analyzer_cases.tsv");

    #[test]
    fn shared_protect_cases() {
        let mut count = 0;
        for line in SHARED_CASES.lines().skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let ["protect", input, expected, ..] = fields.as_slice() {
                check(input, &normalize(expected));
                count += 1;
            }
        }
        assert_eq!(count, 4, "protect rows read from the shared cases");
    }

    /// Apache Lucene's own Arabic analysis tests (Apache License 2.0), copied unchanged from
    /// `shared/testdata/`: `suite`, `test`, `input`, `expected`.
    const LUCENE_CASES: &str =
        include_str!("../../../../tests/fixtures/analyzer/lucene_arabic_cases.tsv");

    /// Rows where we deliberately differ from Lucene: (input, Lucene's output, ours, why).
    ///
    /// Lucene's `ArabicAnalyzer` removes its stopwords; we keep them in the index (a phrase or
    /// an exact search needs every word), never stem them, and protect other words from
    /// stemming into them instead. Its rows are otherwise run as they are.
    const LUCENE_DIFFERENCES: &[(&str, &str, &str, &str)] = &[
        (
            "English",
            "English",
            "english",
            "the stemmer leaves Latin alone in both; our normalization lowercases it first",
        ),
        (
            "ما ملكت أيمانكم",
            "ملكت ايمانكم",
            "ما ملكت ايمانكم",
            "stopwords are indexed, not removed",
        ),
        (
            "الذين ملكت أيمانكم",
            "ملكت ايمانكم",
            "الذين ملكت ايمانكم",
            "stopwords are indexed, not removed, and never stemmed",
        ),
        (
            "الذين مَلكت أيمانكم",
            "ذين ملكت ايمانكم",
            "الذين ملكت ايمانكم",
            "stopwords are protected from stemming: الذين stays whole",
        ),
    ];

    /// Our output for one Lucene row: normalization alone, or normalization and stemming of
    /// every word (the stem filter's rows are single words).
    fn ours(suite: &str, test: &str, input: &str) -> String {
        let normalize_only =
            suite == "ArabicNormalizationFilter" || test.ends_with("testNormalizer");
        if normalize_only {
            return normalize(input);
        }
        let tokens = tokenize(input);
        let stems: Vec<&str> = tokens.iter().map(|token| stem(&token.normalized)).collect();
        stems.join(" ")
    }

    #[test]
    fn lucene_cases() {
        let mut per_suite: Vec<(&str, usize)> = Vec::new();
        let mut differences_seen = 0;
        for line in LUCENE_CASES.lines().skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [suite, test, input, expected] = fields.as_slice() else {
                panic!("malformed Lucene row {line:?}");
            };
            match per_suite.iter_mut().find(|(name, _)| name == suite) {
                Some((_, count)) => *count += 1,
                None => per_suite.push((suite, 1)),
            }
            let found = ours(suite, test, input);
            // A row is a listed difference by its input and Lucene's output (one input can be
            // in two rows: the factory test normalizes, then stems, the same sentence).
            let difference = LUCENE_DIFFERENCES
                .iter()
                .find(|(i, lucene, ..)| i == input && lucene == expected);
            match difference {
                Some(&(_, lucene, our, why)) => {
                    differences_seen += 1;
                    assert_eq!(found, our, "{input:?} ({why})");
                    assert_ne!(
                        found, lucene,
                        "{input:?} now agrees with Lucene: drop the row"
                    );
                }
                None => assert_eq!(found, *expected, "{suite} {test} {input:?}"),
            }
        }
        assert_eq!(
            per_suite,
            [
                ("ArabicNormalizationFilter", 15),
                ("ArabicStemFilter", 22),
                ("ArabicAnalyzer", 13),
                ("ArabicNormalization+Stem(factory)", 2),
            ],
            "rows read per suite"
        );
        // Every listed difference matched a row: a changed fixture cannot leave one unchecked.
        assert_eq!(differences_seen, LUCENE_DIFFERENCES.len());
    }

    /// The 300 most frequent Arabic words of `shared/corpora/marsum-test.jsonl`, normalized.
    /// MArSum, CC BY 4.0: Gaanoun, K., Naira, A. M., Allak, A., & Benelallam, I. (2022).
    /// Automatic Text Summarization for Moroccan Arabic Dialect Using an Artificial
    /// Intelligence Approach. In International Conference on Business Intelligence
    /// (pp. 158-177). Springer, Cham.
    const COMMON_WORDS: &str = "
من علي في اللي لي و ديال ان هاد مع ما باش كود الي كان غير غادي اليوم المغرب بعد شي حتي
كورونا هو فيها واحد بزاف او حاله فيه لا الناس انه عن بين ل قبل هي كانت ماشي ديالو ف ليه
راه التي بحال حيت لكن عليه ولكن عدد بعدما العام رءيس ولا المغربيه المغاربه هذ واش قال
محمد كاين عليها ديالها الاصابات فهاد عندو الحكومه المغربي دابا هادشي دار الوطني خلال كل
العامه مصادر بسبب ليها حيث الله علاش تم جديده انها كبير وهو الف هادي الذي يكون مليون
مصدر خاص عام جهه عبد الشي ب الصحه اي فيديو اخري بلا حسب هذا اكثر وحسب اخر وزاره مره وقال
الحالات الملك ليهم كيفاش الدوله فيروس واخا كلشي عند كازا الوقت حاجه عندها نهار بشكل ضد
فالمغرب تكون ومن عليهم كبيره وفاه دارت فاس ولي فان قالت جديد باللي مغربي منها اجل انا
سنه مراكش القضيه جوج يوم وزير بان ديالهم كانو العالم وقالت بمدينه درهم السلطات وكان
مدينه عندهم فيهم التواصل الصحي كاع ها طرف بعض طنجه فاش كما الرباط الوفيات عبر بللي هذه
بيه اما حد فالميه كيف الاجتماعي علمت واللي اصابه الصحيه النيابه قد منهم نفس جميع ساعه
هوما الخميس جات مزيان الوطنيه فهذ مازال البارح حالات الاثنين المستجد المنتخب حول بلي
بسباب معاه وهي الفيروس مجموعه الحجر الداخليه الدين الملكي تحت الاولي خصوصا ديما الجمعه
دارو ملي وهادشي المصدر بالنسبه حنا الثاني الجديده علاقه وحده خاصه شفاء اول كاينه قضيه
السادس ايام وحتي البوليس وفي فين وقع الاول الاخيره الاربعاء المجلس الوزير الا انهم فكازا
والو جا اش الوزاره بيها داخل مولاي الدار القانون وما سيدي البيضاء القضاءيه امس راسو وسط
الاقاليم الفيديو امام انستكرام يمكن وها الامن بها فقط السبت الساعه منذ المدينه شنو عمليه
الشرطه طبعا هذشي الاحد البلاد الملكيه شركه مكناس للمغرب للي هنا يعني الامر الثلاثاء وذلك
باقي سنوات شحال
";

    /// Common words whose stem is a stopword because they are that stopword with a clitic or
    /// a pronoun: (word, stopword).
    const STOPWORD_FORMS: &[(&str, &str)] = &[
        ("ولكن", "لكن"),
        ("عندها", "عند"),
        ("باللي", "اللي"),
        ("وكان", "كان"),
        ("واللي", "اللي"),
        ("وحتي", "حتي"),
        ("وذلك", "ذلك"),
    ];

    #[test]
    fn common_words_never_stem_into_a_stopword() {
        let words: Vec<&str> = COMMON_WORDS.split_whitespace().collect();
        assert_eq!(words.len(), 300, "common words read");
        let mut forms_seen = 0;
        for word in words {
            assert_eq!(normalize(word), word, "{word} is not normalized");
            let stemmed = stem(word);
            if stemmed == word || !is_stopword(stemmed) {
                continue;
            }
            assert!(
                STOPWORD_FORMS.contains(&(word, stemmed)),
                "{word} stems into the stopword {stemmed}"
            );
            forms_seen += 1;
        }
        assert_eq!(forms_seen, STOPWORD_FORMS.len());
    }

    #[test]
    fn word_lists_are_normalized_and_consistent() {
        let affixes = ARTICLES
            .iter()
            .map(|article| &article.affix)
            .chain(SUFFIXES.iter().map(|suffix| &suffix.affix));
        for affix in affixes {
            assert_eq!(affix.letters, affix.text.chars().count(), "{}", affix.text);
        }
        let articles: Vec<&str> = ARTICLES.iter().map(|a| a.affix.text).collect();
        let suffixes: Vec<&str> = SUFFIXES.iter().map(|s| s.affix.text).collect();
        let named = [
            ("STOPWORDS", STOPWORDS),
            ("OTHER_PROTECTED", OTHER_PROTECTED),
            ("ROOT_WAW", ROOT_WAW),
            ("ROOT_AL", ROOT_AL),
            ("ARTICLES", &articles),
            ("SUFFIXES", &suffixes),
            ("VERB_ENDINGS", VERB_ENDINGS),
        ];
        for (name, list) in named {
            for word in list {
                assert!(!word.is_empty(), "{name}");
                assert_eq!(normalize(word), *word, "{name}: {word} is not normalized");
                assert!(word.chars().all(is_arabic_letter), "{name}: {word}");
            }
        }
        for word in ROOT_WAW.iter().chain(ROOT_AL) {
            // A listed stem that is also a stopword would make "and …" match the word.
            assert!(!is_protected(word), "{word} is protected");
            assert!(word.chars().count() >= MIN_STEM, "{word}");
        }
        assert!(ROOT_WAW.iter().all(|word| word.starts_with('و')));
        assert!(ROOT_AL.iter().all(|word| word.starts_with("ال")));
        // Protected words come out of stemming unchanged, by definition.
        for &word in &lists().protected {
            assert_eq!(stem(word), word, "{word}");
        }
    }

    #[test]
    fn arabic_letters_are_letters() {
        // The ranges hold letters only (tatweel, a modifier letter, is folded away before).
        for c in ('\u{0600}'..='\u{08FF}').filter(|&c| is_arabic_letter(c) && c != '\u{0640}') {
            assert!(c.is_alphabetic(), "U+{:04X}", u32::from(c));
        }
        // And every Arabic letter the fold leaves is in them.
        for c in ('\u{0600}'..='\u{06FF}').filter(|c| c.is_alphabetic()) {
            let mut folded = String::new();
            crate::analysis::fold_char(c, &mut folded);
            for f in folded.chars().filter(|f| !f.is_ascii()) {
                assert!(is_arabic_letter(f), "U+{:04X}", u32::from(f));
            }
        }
    }

    #[test]
    fn word_hasher_separates_words() {
        // Words that differ only past the first 8 bytes, or only in length, hash apart.
        let words = [
            "الاستقلال",
            "الاستقلاليه",
            "ا",
            "اا",
            "",
            "abcdefgh",
            "abcdefgh\0",
        ];
        let hashes: HashSet<u64> = words
            .iter()
            .map(|word| {
                let mut hasher = WordHasher::default();
                std::hash::Hash::hash(word, &mut hasher);
                hasher.finish()
            })
            .collect();
        assert_eq!(hashes.len(), words.len());
    }
}
