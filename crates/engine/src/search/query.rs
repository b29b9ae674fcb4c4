//! The query language, parsed by us so that user text never reaches FTS5's `MATCH` syntax.
//!
//! Words are ANDed; `OR` joins the words beside it; `-word` excludes; `"a phrase"`; `word*` is a
//! prefix; filters `tag:` (`وسم:`), `publication:` (`جريدة:`), `lang:` (`لغة:`), `from:` (`من:`),
//! `to:` (`إلى:`). Unbalanced quotes close at the end, stray operators are words or ignored: any
//! text parses.

/// A word or phrase to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The words, as typed (the index tokenizer folds them the way it folds documents).
    pub text: String,
    /// `word*`: any word starting with it.
    pub prefix: bool,
}

/// What a query asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// All groups must match; a group matches when any of its terms does.
    pub required: Vec<Vec<Term>>,
    /// No result may contain one of these.
    pub excluded: Vec<Term>,
    pub tags: Vec<String>,
    pub publications: Vec<String>,
    pub languages: Vec<String>,
    /// Inclusive ISO dates.
    pub from: Option<String>,
    pub to: Option<String>,
}

impl ParsedQuery {
    pub fn has_text(&self) -> bool {
        !self.required.is_empty()
    }
}

/// Hard limits so that a pasted book cannot make one query unboundedly expensive.
const MAX_QUERY_CHARS: usize = 2_000;
const MAX_TERMS: usize = 64;

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Phrase(String),
    Or,
    Not,
    Field(Field, String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Tag,
    Publication,
    Language,
    From,
    To,
}

fn field(name: &str) -> Option<Field> {
    match name.to_lowercase().as_str() {
        "tag" | "وسم" | "tags" => Some(Field::Tag),
        "publication" | "pub" | "جريدة" | "جريده" | "صحيفة" => {
            Some(Field::Publication)
        }
        "lang" | "language" | "لغة" | "لغه" => Some(Field::Language),
        "from" | "من" | "depuis" => Some(Field::From),
        "to" | "إلى" | "الى" | "الي" | "jusqu" => Some(Field::To),
        _ => None,
    }
}

/// Reads a quoted run starting after the opening quote; an unbalanced quote ends at the end.
fn read_quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, close: char) -> String {
    let mut text = String::new();
    for c in chars.by_ref() {
        if c == close {
            break;
        }
        text.push(c);
    }
    text
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '«' => Some('»'),
        '”' => Some('”'),
        _ => None,
    }
}

fn tokenize(input: &str) -> Vec<Token> {
    let input: String = input.chars().take(MAX_QUERY_CHARS).collect();
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if let Some(close) = closing_quote(c) {
            chars.next();
            tokens.push(Token::Phrase(read_quoted(&mut chars, close)));
            continue;
        }
        if c == '-' {
            chars.next();
            if chars.peek().is_some_and(|n| !n.is_whitespace()) {
                tokens.push(Token::Not);
            }
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || closing_quote(c).is_some() && !word.ends_with(':') {
                break;
            }
            word.push(c);
            chars.next();
            if c == ':' {
                if let Some(f) = field(word.trim_end_matches(':')) {
                    let value = match chars.peek().copied().and_then(closing_quote) {
                        Some(close) => {
                            chars.next();
                            read_quoted(&mut chars, close)
                        }
                        None => {
                            let mut value = String::new();
                            while let Some(&c) = chars.peek() {
                                if c.is_whitespace() {
                                    break;
                                }
                                value.push(c);
                                chars.next();
                            }
                            value
                        }
                    };
                    tokens.push(Token::Field(f, value.trim().to_string()));
                    word.clear();
                    break;
                }
            }
        }
        match word.as_str() {
            "" => {}
            "OR" | "أو" | "|" => tokens.push(Token::Or),
            _ => tokens.push(Token::Word(word)),
        }
    }
    tokens
}

/// A term keeps only if it has something the index can hold (a letter or digit).
fn term(text: &str, prefix: bool) -> Option<Term> {
    let text = text.trim();
    let (text, prefix) = match text.strip_suffix('*') {
        Some(stem) => (stem.trim_end_matches('*'), true),
        None => (text, prefix),
    };
    text.chars().any(char::is_alphanumeric).then(|| Term {
        text: text.to_string(),
        prefix,
    })
}

/// `2022` → (`2022-01-01`, `2022-12-31`); `2022-08` → the month; `2022-08-10` → that day.
fn date_bounds(value: &str) -> Option<(String, String)> {
    let value = crate::analysis::normalize(value);
    let parts: Vec<&str> = value.split(['-', '/']).collect();
    fn number(s: &str, len: usize) -> Option<&str> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
    }
    match parts.as_slice() {
        [y] => {
            let y = number(y, 4)?;
            Some((format!("{y}-01-01"), format!("{y}-12-31")))
        }
        [y, m] => {
            let (y, m) = (number(y, 4)?, number(m, 2)?);
            let first = format!("{y}-{m}-01");
            crate::articles::validate_date(&first).ok()?;
            let last = (28..=31)
                .rev()
                .map(|d| format!("{y}-{m}-{d}"))
                .find(|d| crate::articles::validate_date(d).is_ok())?;
            Some((first, last))
        }
        [y, m, d] => {
            let date = format!("{}-{}-{}", number(y, 4)?, number(m, 2)?, number(d, 2)?);
            crate::articles::validate_date(&date).ok()?;
            Some((date.clone(), date))
        }
        _ => None,
    }
}

/// Parses any text into a query. The only refusal is a date filter that is not a date, because
/// silently ignoring it would show results the archivist did not ask for.
pub fn parse(input: &str) -> Result<ParsedQuery, String> {
    let mut query = ParsedQuery::default();
    let mut negate = false;
    let mut join_with_previous = false;
    let mut term_count = 0;
    for token in tokenize(input) {
        let found = match token {
            Token::Or => {
                join_with_previous = !query.required.is_empty();
                continue;
            }
            Token::Not => {
                negate = true;
                continue;
            }
            Token::Word(word) => term(&word, false),
            Token::Phrase(phrase) => term(&phrase, false),
            Token::Field(field, value) => {
                if !value.is_empty() {
                    match field {
                        Field::Tag => query.tags.push(value),
                        Field::Publication => query.publications.push(value),
                        Field::Language => query.languages.push(value.to_lowercase()),
                        Field::From | Field::To => {
                            let (first, last) = date_bounds(&value).ok_or_else(|| {
                                format!(
                                    "\"{value}\" is not a date: write 2022, 2022-08 or 2022-08-10"
                                )
                            })?;
                            if field == Field::From {
                                query.from = Some(first);
                            } else {
                                query.to = Some(last);
                            }
                        }
                    }
                }
                negate = false;
                join_with_previous = false;
                continue;
            }
        };
        if let Some(found) = found {
            term_count += 1;
            if term_count > MAX_TERMS {
                break;
            }
            if negate {
                query.excluded.push(found);
            } else if join_with_previous {
                if let Some(group) = query.required.last_mut() {
                    group.push(found);
                }
            } else {
                query.required.push(vec![found]);
            }
        }
        negate = false;
        join_with_previous = false;
    }
    Ok(query)
}

/// The FTS5 expression for a list of groups: every term is a quoted string, so nothing the user
/// typed is read as FTS5 syntax.
pub fn fts_expression(groups: &[Vec<Term>]) -> String {
    groups
        .iter()
        .map(|group| {
            let alternatives: Vec<String> = group.iter().map(fts_term).collect();
            if alternatives.len() == 1 {
                alternatives[0].clone()
            } else {
                format!("({})", alternatives.join(" OR "))
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn fts_term(term: &Term) -> String {
    let quoted = format!("\"{}\"", term.text.replace('"', "\"\""));
    if term.prefix {
        format!("{quoted} *")
    } else {
        quoted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Term {
        Term {
            text: text.into(),
            prefix: false,
        }
    }

    /// One case: the input and the FTS5 expression it must become ("" when no text).
    fn check(input: &str, expected_fts: &str) {
        let query = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(fts_expression(&query.required), expected_fts, "{input:?}");
    }

    #[test]
    fn queries_become_safe_fts_expressions() {
        let cases = [
            ("الرباط", r#""الرباط""#),
            ("زيارة الرباط", r#""زيارة" AND "الرباط""#),
            ("الرباط OR مدريد", r#"("الرباط" OR "مدريد")"#),
            ("الرباط أو مدريد", r#"("الرباط" OR "مدريد")"#),
            (r#""الأمن الوطني" تعاون"#, r#""الأمن الوطني" AND "تعاون""#),
            ("«الأمن الوطني»", r#""الأمن الوطني""#),
            ("تعاو*", r#""تعاو" *"#),
            (r#""غير مغلق"#, r#""غير مغلق""#),
            (r#"""#, ""),
            ("OR", ""),
            ("OR الرباط", r#""الرباط""#),
            ("-", ""),
            ("AND NOT NEAR(", r#""AND" AND "NOT" AND "NEAR(""#),
            ("x\" OR 1=1 --", r#""x" AND "OR 1=1 --""#),
            (
                "'; DROP TABLE articles; --",
                r#""DROP" AND "TABLE" AND "articles;""#,
            ),
            ("***", ""),
            ("Santé publique", r#""Santé" AND "publique""#),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    #[test]
    fn exclusions_and_filters() {
        let q =
            parse("الأمن -إسبانيا tag:\"أمن/تعاون دولي\" جريدة:هسبريس lang:AR من:2022 إلى:2022-08")
                .unwrap();
        assert_eq!(q.required, vec![vec![t("الأمن")]]);
        assert_eq!(q.excluded, vec![t("إسبانيا")]);
        assert_eq!(q.tags, vec!["أمن/تعاون دولي"]);
        assert_eq!(q.publications, vec!["هسبريس"]);
        assert_eq!(q.languages, vec!["ar"]);
        assert_eq!(q.from.as_deref(), Some("2022-01-01"));
        assert_eq!(q.to.as_deref(), Some("2022-08-31"));
    }

    #[test]
    fn bad_dates_are_explained() {
        for input in ["from:hier", "to:2022-13", "من:2023-02-29"] {
            assert!(parse(input).is_err(), "{input}");
        }
        assert_eq!(
            parse("to:2024-02").unwrap().to.as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            parse("from:٢٠٢٢").unwrap().from.as_deref(),
            Some("2022-01-01")
        );
    }

    #[test]
    fn huge_input_is_bounded() {
        let input = "كلمة ".repeat(50_000);
        let q = parse(&input).unwrap();
        assert_eq!(q.required.len(), MAX_TERMS);
    }
}
