//! Lookup keys: the analyzer's normal form of short names (tags, publications, titles), so that
//! spellings differing only in diacritics, letter variants or case are one name.
use crate::analysis::normalize;

/// Normalized, whitespace collapsed, trimmed; `/` separators keep no spaces around them.
pub fn name_key(name: &str) -> String {
    let normalized = normalize(name);
    let collapsed = normalized.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .split('/')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("/")
}

/// The sort key of a title: its name key without a leading definite article, so "الرباط" sorts
/// under ر as an Arabic reader expects.
pub fn title_sort_key(title: &str) -> String {
    let key = name_key(title);
    match key.strip_prefix("ال") {
        // Only strip when a word remains (the title "ال" stays as it is).
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys() {
        let cases = [
            ("  أمن / تعاون   دولي ", "امن/تعاون دولي"),
            ("ميزانية", "ميزانيه"),
            ("Hespress", "hespress"),
            ("جريدة  أصوات", "جريده اصوات"),
        ];
        for (input, expected) in cases {
            assert_eq!(name_key(input), expected, "{input}");
        }
    }

    #[test]
    fn title_keys_ignore_the_article() {
        assert_eq!(title_sort_key("الرباط تستقبل"), "رباط تستقبل");
        assert_eq!(title_sort_key("ال"), "ال");
        assert!(title_sort_key("بيروت") < title_sort_key("الرباط"));
    }
}
