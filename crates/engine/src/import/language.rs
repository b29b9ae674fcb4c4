//! Which language an article is in (ar, fr or en), from its letters and commonest words.

const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "est", "et", "une", "dans", "pour", "que", "qui", "sur", "au",
    "aux", "avec", "ce", "pas", "par", "plus", "de",
];
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "as", "by", "it",
    "are", "from",
];

/// A BCP 47 tag, or `None` for text without enough letters to tell.
pub fn detect(text: &str) -> Option<&'static str> {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
        {
            if c.is_alphabetic() {
                arabic += 1;
            }
        } else if c.is_alphabetic() && c < '\u{0250}' {
            latin += 1;
        }
    }
    if arabic + latin < 3 {
        return None;
    }
    // Arabic articles quote Latin names; half the letters is a clear majority for the script.
    if arabic >= latin {
        return Some("ar");
    }
    let (mut french, mut english) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()).take(5_000) {
        let word = word.to_lowercase();
        french += usize::from(FRENCH.contains(&word.as_str()));
        english += usize::from(ENGLISH.contains(&word.as_str()));
    }
    Some(if french >= english { "fr" } else { "en" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn detects_languages() {
        let cases = [
            (
                "استقبل المدير العام Francisco PARDO PIQUERAS في الرباط",
                Some("ar"),
            ),
            (
                "Le directeur général a reçu la délégation à Rabat.",
                Some("fr"),
            ),
            (
                "The director general received the delegation in Rabat.",
                Some("en"),
            ),
            ("2022 — 10", None),
        ];
        for (text, expected) in cases {
            assert_eq!(super::detect(text), expected, "{text}");
        }
    }
}
