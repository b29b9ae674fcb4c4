//! Site furniture at the end of saved articles ("التعليقات مغلقة." = comments closed, share
//! buttons, copyright lines): cut from the body, recorded in provenance, never guessed inside the
//! text itself.
use crate::analysis::normalize;

/// Whole lines that are furniture, in the analyzer's normal form without punctuation.
const LINES: &[&str] = &[
    "التعليقات مغلقه",
    "تعليقات مغلقه",
    "التعليقات مغلقه حاليا",
    "التعليق مغلق",
    "اضف تعليق",
    "اضف تعليقا",
    "اترك تعليقا",
    "اترك تعليق",
    "اترك ردا",
    "شارك",
    "شارك المقال",
    "شارك هذا المقال",
    "شارك الخبر",
    "شارك علي",
    "مشاركه",
    "طباعه",
    "اقرا ايضا",
    "اقرا المزيد",
    "comments are closed",
    "leave a comment",
    "leave a reply",
    "share",
    "share this",
    "share this article",
    "print",
    "read more",
    "les commentaires sont fermes",
    "laisser un commentaire",
    "partager",
    "partager cet article",
    "imprimer",
    "lire aussi",
    "facebook",
    "twitter",
    "whatsapp",
];

/// Lines starting with these are furniture (copyright notices).
const PREFIXES: &[&str] = &[
    "جميع الحقوق محفوظه",
    "©",
    "copyright",
    "all rights reserved",
    "tous droits reserves",
];

fn key(line: &str) -> String {
    let normalized = normalize(line);
    let words: Vec<&str> = normalized
        .split(|c: char| {
            c.is_whitespace() || (c.is_ascii_punctuation() && c != '©') || "،؛؟…«»“”".contains(c)
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

pub(crate) fn is_furniture(line: &str) -> bool {
    let key = key(line);
    !key.is_empty()
        && (LINES.contains(&key.as_str()) || PREFIXES.iter().any(|p| key.starts_with(p)))
}

/// Splits trailing furniture off `lines`: returns how many lines the article keeps and the
/// furniture lines (verbatim, in order).
pub(crate) fn split_trailing<'a>(lines: &[&'a str]) -> (usize, Vec<&'a str>) {
    let mut keep = lines.len();
    let mut removed = Vec::new();
    while keep > 0 {
        let line = lines[keep - 1];
        if line.trim().is_empty() {
            keep -= 1;
        } else if is_furniture(line) {
            removed.push(line.trim());
            keep -= 1;
        } else {
            break;
        }
    }
    removed.reverse();
    (keep, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_furniture_lines() {
        let cases = [
            ("التعليقات مغلقة.", true),
            ("  التعليقات مُغلقة  ", true),
            ("Les commentaires sont fermés.", true),
            ("© 2022 Hespress", true),
            ("جميع الحقوق محفوظة لجريدة أصوات 2022", true),
            ("شارك", true),
            ("التعليقات مغلقة بسبب الانتخابات حسب القرار", false),
            ("وقال المدير إن التعاون سيستمر.", false),
            ("", false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_furniture(line), expected, "{line:?}");
        }
    }

    #[test]
    fn only_trailing_furniture_is_cut() {
        let lines = [
            "شارك",
            "نص المقال.",
            "",
            "التعليقات مغلقة.",
            " ",
            "Facebook",
            "",
        ];
        let (keep, removed) = split_trailing(&lines);
        assert_eq!(keep, 2);
        assert_eq!(removed, ["التعليقات مغلقة.", "Facebook"]);
    }
}
