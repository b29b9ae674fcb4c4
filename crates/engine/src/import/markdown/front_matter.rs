//! The metadata block at the top of a Markdown file: YAML between `---` lines (Jekyll, Hugo,
//! Obsidian, Zettlr) or TOML between `+++` lines (Hugo). Only flat `key: value` pairs and lists
//! of strings are read, which is all an article's metadata needs; a full YAML parser would be a
//! large dependency (and the maintained Rust ones are young) for fields we never use.

/// Fields of the block, keys in lower case, values unquoted. Lists keep their items in order.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub fields: Vec<(String, Vec<String>)>,
}

impl FrontMatter {
    /// The first value of the first of `keys` present.
    pub fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|key| self.list(key).into_iter().next())
            .filter(|v| !v.is_empty())
    }

    /// All values of `key`.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, values)| values.iter().filter(|v| !v.is_empty()).cloned().collect())
            .unwrap_or_default()
    }
}

/// Splits a block off the start of `text`: the metadata and the rest of the document. Text with
/// no block, or a block never closed, is all document.
pub(crate) fn split(text: &str) -> (FrontMatter, &str) {
    let (fence, separator) = if text.starts_with("---") {
        ("---", ':')
    } else if text.starts_with("+++") {
        ("+++", '=')
    } else {
        return (FrontMatter::default(), text);
    };
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == fence => {}
        _ => return (FrontMatter::default(), text),
    }
    let mut offset = text.split_inclusive('\n').next().map_or(0, str::len);
    let mut block = Vec::new();
    for line in lines {
        offset += line.len();
        // YAML may also close with `...`.
        if line.trim_end() == fence || (fence == "---" && line.trim_end() == "...") {
            return (parse(&block, separator), &text[offset..]);
        }
        block.push(line.trim_end_matches(['\n', '\r']));
    }
    (FrontMatter::default(), text)
}

fn parse(lines: &[&str], separator: char) -> FrontMatter {
    let mut fields: Vec<(String, Vec<String>)> = Vec::new();
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // `  - item` continues the list of the key above it.
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            if line.starts_with([' ', '\t', '-']) {
                if let Some((_, values)) = fields.last_mut() {
                    values.push(unquote(item));
                }
            }
            continue;
        }
        // Nested keys (indented) belong to a structure we do not read.
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, value)) = line.split_once(separator) else {
            continue;
        };
        let key = key.trim().trim_matches('"').to_lowercase();
        let value = value.trim();
        let values = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(items) => split_list(items),
            None if value.is_empty() => Vec::new(),
            None => vec![unquote(value)],
        };
        fields.push((key, values));
    }
    FrontMatter { fields }
}

/// `a, "b, c", 'd'` → `a`, `b, c`, `d`.
fn split_list(items: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    for c in items.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Removes the quotes around a scalar and a trailing comment after an unquoted one.
fn unquote(value: &str) -> String {
    let value = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner.to_string();
        }
    }
    match value.find(" #") {
        Some(comment) => value[..comment].trim().to_string(),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml_and_toml_blocks() {
        let text = "---\ntitle: \"عنوان: فرعي\"\ndate: 2022-08-10\nauthors:\n  - سعيد الخطابي\n  - 'Leila Benali'\ntags: [أمن, \"تعاون, دولي\"]\nnested:\n  key: x\nurl: https://example.ma/a # the source\n---\n# Body\n";
        let (front, rest) = split(text);
        assert_eq!(rest, "# Body\n");
        assert_eq!(front.first(&["title"]).as_deref(), Some("عنوان: فرعي"));
        assert_eq!(front.first(&["date"]).as_deref(), Some("2022-08-10"));
        assert_eq!(front.list("authors"), ["سعيد الخطابي", "Leila Benali"]);
        assert_eq!(front.list("tags"), ["أمن", "تعاون, دولي"]);
        assert_eq!(front.list("nested"), Vec::<String>::new());
        assert_eq!(
            front.first(&["url"]).as_deref(),
            Some("https://example.ma/a")
        );

        let (front, rest) = split("+++\ntitle = \"Titre\"\ntags = [\"a\", \"b\"]\n+++\nTexte");
        assert_eq!(rest, "Texte");
        assert_eq!(front.first(&["title"]).as_deref(), Some("Titre"));
        assert_eq!(front.list("tags"), ["a", "b"]);
    }

    #[test]
    fn text_without_a_closed_block_is_all_document() {
        for text in [
            "---\ntitle: x\nno end",
            "--- not a fence\n",
            "نص\n---\n",
            "",
        ] {
            let (front, rest) = split(text);
            assert_eq!(front, FrontMatter::default(), "{text:?}");
            assert_eq!(rest, text);
        }
    }
}
