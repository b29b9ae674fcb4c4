//! The fixed query set: what an archivist types into Arshif, chosen from words that occur in the
//! corpus, with and without the article ال, clitics and diacritics, in variant spellings, as
//! two- and three-word searches, a prefix, month names and one French word.
//!
//! Every engine receives the same text. Arshif reads it with its query language; the baselines
//! split it on spaces (see their modules). Only plain words, spaces and a trailing `*` are used,
//! so that the three readings mean the same search.

/// One query and why it is in the set.
#[derive(Debug, Clone, Copy)]
pub struct Query {
    pub text: &'static str,
    pub what: &'static str,
    /// Shown in the hit-count table: the pairs that show what the Arabic analyzer adds.
    pub sample: bool,
}

const fn q(text: &'static str, what: &'static str) -> Query {
    Query {
        text,
        what,
        sample: false,
    }
}

const fn sample(text: &'static str, what: &'static str) -> Query {
    Query {
        text,
        what,
        sample: true,
    }
}

/// The set, most frequent words first. Frequencies are those of the 1,981 real articles; the
/// synthetic archive repeats each sentence about N / 1,981 times.
pub const QUERIES: &[Query] = &[
    q("المغرب", "very common word (870 times in the corpus)"),
    q("كورونا", "common word"),
    q("الحكومة", "common word with ال"),
    sample("حكومة", "the same without ال"),
    sample("الحكومه", "ة typed as ه"),
    q("الشرطة", "word"),
    q("البوليس", "Darija word"),
    sample("أحمد", "name with hamza"),
    sample("احمد", "the same name typed without hamza"),
    sample("مدرسة", "word"),
    sample("مدرسه", "the same, ة typed as ه"),
    q("المدرسة", "with ال"),
    sample("مُحَمَّد", "name with diacritics"),
    sample("محمد", "the same name bare"),
    sample("بالمغرب", "clitic ب + ال"),
    sample("والمغرب", "clitic و + ال"),
    q("للمغرب", "clitic ل + ال"),
    sample("إسرائيل", "hamza under alef"),
    sample("اسرائيل", "the same without hamza"),
    sample(
        "انستكرام",
        "word written انستكَرام (with a fatha) in the corpus",
    ),
    q("كأس العالم", "two words"),
    q("الدار البيضاء", "two words (city)"),
    q("فيروس كورونا", "two words, both common"),
    q("وزير الصحة", "two words"),
    q("حالة الطوارئ الصحية", "three words"),
    q("المنتخب الوطني", "two words"),
    q("طنجة", "city"),
    q("مراكش", "city"),
    q("الزفزافي", "rare name"),
    q("بنكيران", "name"),
    q("الكمامات", "plural"),
    q("سبتة", "city"),
    q("التطبيع", "word"),
    q("انتخاب*", "prefix"),
    sample("غشت", "Maghreb month name (August)"),
    sample("أغسطس", "August in Mashriq naming (0 times in the corpus)"),
    q("شتنبر", "Maghreb month name (September)"),
    q("Maroc", "French word"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_plain_words_the_baselines_can_read() {
        assert!(QUERIES.len() >= 30);
        for query in QUERIES {
            let plain = query.text.chars().all(|c| {
                c.is_alphanumeric() || c == ' ' || c == '*' || arshif_engine::analysis::is_mark(c)
            });
            assert!(plain, "{:?}", query.text);
        }
    }
}
