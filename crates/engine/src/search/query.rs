//! The query language, parsed by us so that user text never reaches FTS5's `MATCH` syntax.
//!
//! Words are ANDed; `OR` joins the words beside it; `-word` excludes; `"a phrase"`; `word*` is a
//! prefix (normalized, not stemmed); `="…"` or `=word` matches the spelling as written (after
//! normalization, without stemming); filters `tag:` (`وسم:`), `publication:` (`جريدة:`),
//! `lang:` (`لغة:`), `from:` (`من:`), `to:` (`إلى:`). Unbalanced quotes close at the end, stray
//! operators are words or ignored: any text parses.

use crate::analysis::{self, MonthTerm, QueryWord};

/// A word or phrase to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The words, as typed; [`fts_expression`] analyzes them the way documents are analyzed.
    pub text: String,
    /// `word*`: any word starting with it.
    pub prefix: bool,
    /// `="…"`: the spelling as written, not the stem.
    pub exact: bool,
}

/// The words part of a query: terms combined by AND (juxtaposition), OR and parentheses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Term(Term),
    /// Every child must match.
    All(Vec<Node>),
    /// Any child may match.
    Any(Vec<Node>),
}

/// What a query asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The words to match, if the query has any.
    pub text: Option<Node>,
    /// No result may match one of these (`-word`, `-"phrase"`, `-(a OR b)`).
    pub excluded: Vec<Node>,
    pub tags: Vec<String>,
    pub publications: Vec<String>,
    pub languages: Vec<String>,
    /// Inclusive ISO dates.
    pub from: Option<String>,
    pub to: Option<String>,
}

impl ParsedQuery {
    pub fn has_text(&self) -> bool {
        self.text.is_some()
    }
}

/// Hard limits so that a pasted book cannot make one query unboundedly expensive.
const MAX_QUERY_CHARS: usize = 2_000;
const MAX_TERMS: usize = 64;
/// Deeper brackets than this are read as plain characters.
const MAX_DEPTH: usize = 16;

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Phrase(String),
    Exact(String),
    Or,
    Not,
    Open,
    Close,
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
        if c == '(' || c == ')' {
            chars.next();
            tokens.push(if c == '(' { Token::Open } else { Token::Close });
            continue;
        }
        if c == '=' {
            chars.next();
            match chars.peek().copied().and_then(closing_quote) {
                Some(close) => {
                    chars.next();
                    tokens.push(Token::Exact(read_quoted(&mut chars, close)));
                }
                None => {
                    let mut word = String::new();
                    while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
                        word.push(c);
                        chars.next();
                    }
                    tokens.push(Token::Exact(word));
                }
            }
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
            if c.is_whitespace() || c == '(' || c == ')' {
                break;
            }
            if closing_quote(c).is_some() && !word.ends_with(':') {
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

/// A term keeps only if the analyzer finds a word in it (a letter or digit).
fn term(text: &str, prefix: bool, exact: bool) -> Option<Term> {
    let text = text.trim();
    let (text, prefix) = match text.strip_suffix('*') {
        Some(stem) => (stem.trim_end_matches('*'), true),
        None => (text, prefix),
    };
    let term = Term {
        text: text.to_string(),
        prefix,
        exact,
    };
    fts_term(&term).is_some().then_some(term)
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
    let mut parser = Parser {
        tokens: tokenize(input),
        position: 0,
        depth: 0,
        terms: 0,
        query: ParsedQuery::default(),
    };
    let text = parser.any()?;
    parser.query.text = text;
    Ok(parser.query)
}

/// Recursive descent over the tokens: `any := all (OR all)*`, `all := item*`,
/// `item := ( any ) | -term | term | filter`. Stray `)` and `OR` are skipped, unclosed `(` close
/// at the end.
struct Parser {
    tokens: Vec<Token>,
    position: usize,
    depth: usize,
    terms: usize,
    query: ParsedQuery,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position)
    }

    fn any(&mut self) -> Result<Option<Node>, String> {
        let mut alternatives = Vec::new();
        loop {
            if let Some(node) = self.all()? {
                alternatives.push(node);
            }
            if self.peek() == Some(&Token::Or) {
                self.position += 1;
            } else {
                break;
            }
        }
        Ok(combine(alternatives, Node::Any))
    }

    fn all(&mut self) -> Result<Option<Node>, String> {
        let mut items = Vec::new();
        let mut negate = false;
        while let Some(token) = self.tokens.get(self.position) {
            let found = match token {
                Token::Or => break,
                Token::Close if self.depth > 0 => break,
                Token::Close => {
                    self.position += 1;
                    continue;
                }
                Token::Open => {
                    self.position += 1;
                    if self.depth >= MAX_DEPTH {
                        continue;
                    }
                    self.depth += 1;
                    let inner = self.any()?;
                    self.depth -= 1;
                    if self.peek() == Some(&Token::Close) {
                        self.position += 1;
                    }
                    match (inner, negate) {
                        // `-(a OR b)`: no result may match the group.
                        (Some(node), true) => self.query.excluded.push(node),
                        (Some(Node::All(children)), false) => items.extend(children),
                        (Some(node), false) => items.push(node),
                        (None, _) => {}
                    }
                    negate = false;
                    continue;
                }
                Token::Not => {
                    self.position += 1;
                    negate = true;
                    continue;
                }
                Token::Word(word) => term(word, false, false),
                Token::Phrase(phrase) => term(phrase, false, false),
                Token::Exact(text) => term(text, false, true),
                Token::Field(field, value) => {
                    let (field, value) = (*field, value.clone());
                    self.filter(field, value)?;
                    None
                }
            };
            self.position += 1;
            if let Some(found) = found {
                self.terms += 1;
                if self.terms > MAX_TERMS {
                    self.position = self.tokens.len();
                    break;
                }
                if negate {
                    self.query.excluded.push(Node::Term(found));
                } else {
                    items.push(Node::Term(found));
                }
            }
            negate = false;
        }
        Ok(combine(items, Node::All))
    }

    fn filter(&mut self, field: Field, value: String) -> Result<(), String> {
        if value.is_empty() {
            return Ok(());
        }
        let query = &mut self.query;
        match field {
            Field::Tag => query.tags.push(value),
            Field::Publication => query.publications.push(value),
            Field::Language => query.languages.push(value.to_lowercase()),
            Field::From | Field::To => {
                let (first, last) = date_bounds(&value).ok_or_else(|| {
                    format!("\"{value}\" is not a date: write 2022, 2022-08 or 2022-08-10")
                })?;
                if field == Field::From {
                    query.from = Some(first);
                } else {
                    query.to = Some(last);
                }
            }
        }
        Ok(())
    }
}

/// None for no children, the child itself for one, else `wrap(children)`.
fn combine(mut children: Vec<Node>, wrap: fn(Vec<Node>) -> Node) -> Option<Node> {
    match children.len() {
        0 => None,
        1 => children.pop(),
        _ => Some(wrap(children)),
    }
}

/// Clitics an Arabic word can carry in front, for prefix queries over exact forms (normalized:
/// no hamza on alef). The empty string is the word itself.
const PREFIX_CLITICS: &[&str] = &[
    "", "ال", "وال", "بال", "كال", "فال", "لل", "و", "ب", "ل", "ف", "ك", "س",
];

/// The FTS5 expression for the words of a query. Every term becomes quoted index terms built by
/// the analyzer, so nothing the user typed is read as FTS5 syntax.
pub fn fts_expression(node: &Node) -> String {
    // AND binds tighter than OR in FTS5, but explicit brackets keep the reading obvious.
    let child = |node: &Node| match node {
        Node::All(_) => format!("({})", fts_expression(node)),
        _ => fts_expression(node),
    };
    match node {
        // `term` only builds terms that render, so the fallback never shows.
        Node::Term(term) => fts_term(term).unwrap_or_default(),
        Node::All(children) => {
            let mut parts = Vec::with_capacity(children.len());
            let mut rest = children.as_slice();
            while let Some((first, after)) = rest.split_first() {
                // Two words that name a month together (كانون الثاني) also match that month
                // under any other name, as a one-word name does.
                if let Some((month, second)) = month_pair(first, after.first()) {
                    parts.push(format!(
                        "(({} AND {}) OR \"{}\")",
                        child(first),
                        child(second),
                        month.term()
                    ));
                    rest = &after[1..];
                } else {
                    parts.push(child(first));
                    rest = after;
                }
            }
            parts.join(" AND ")
        }
        Node::Any(children) => {
            format!(
                "({})",
                children.iter().map(child).collect::<Vec<_>>().join(" OR ")
            )
        }
    }
}

/// The month that `first` and `second` name together when both are plain one-word terms
/// (`كانون` then `الثاني`), with `second`.
fn month_pair<'a>(first: &Node, second: Option<&'a Node>) -> Option<(MonthTerm, &'a Node)> {
    let plain = |node: &Node| match node {
        Node::Term(term) if !term.exact && !term.prefix && !term.text.contains(' ') => {
            Some(term.text.clone())
        }
        _ => None,
    };
    let second = second?;
    let month = analysis::query_month_pair(&plain(first)?, &plain(second)?)?;
    Some((month, second))
}

/// Any of `nodes` (used for exclusions).
pub fn fts_any(nodes: &[Node]) -> String {
    combine(nodes.to_vec(), Node::Any)
        .map(|node| fts_expression(&node))
        .unwrap_or_default()
}

/// One term as FTS5 syntax, or `None` when it holds no word. Index terms never contain a double
/// quote or a space (the analyzer splits on both), so quoting them needs no escaping.
fn fts_term(term: &Term) -> Option<String> {
    let words: Vec<QueryWord> = analysis::tokenize(&term.text)
        .iter()
        .filter_map(|token| analysis::query_word(token.original))
        .collect();
    let (last, _) = words.split_last()?;
    if term.exact {
        let phrase: Vec<&str> = words.iter().map(|w| w.exact.as_str()).collect();
        let star = if term.prefix { " *" } else { "" };
        return Some(format!("\"{}\"{star}", phrase.join(" ")));
    }
    if term.prefix {
        // The last word of a prefix is normalized but not stemmed: "تعاو*" must not become a
        // stem that cuts it shorter. It matches stems starting with it, and exact forms starting
        // with it behind any clitic ("التعاون", "والتعاون"), since a stem can be shorter than the
        // prefix typed (التعاون → تعا).
        let head: Vec<&str> = words[..words.len() - 1]
            .iter()
            .map(|w| w.stem.as_str())
            .collect();
        let with = |last_term: &str| {
            let mut phrase = head.clone();
            phrase.push(last_term);
            format!("\"{}\" *", phrase.join(" "))
        };
        let arabic = last
            .normalized
            .chars()
            .next()
            .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        let clitics: &[&str] = if arabic { PREFIX_CLITICS } else { &[""] };
        let mut alternatives = vec![with(&last.normalized)];
        alternatives.extend(clitics.iter().map(|clitic| {
            with(&format!(
                "{}{clitic}{}",
                analysis::EXACT_PREFIX,
                last.normalized
            ))
        }));
        return Some(format!("({})", alternatives.join(" OR ")));
    }
    if let [word] = words.as_slice() {
        // A month name matches the same month in any regional naming, in date context.
        return Some(match word.month {
            Some(month) => format!("(\"{}\" OR \"{}\")", word.stem, month.term()),
            None => format!("\"{}\"", word.stem),
        });
    }
    let phrase: Vec<&str> = words.iter().map(|w| w.stem.as_str()).collect();
    let phrase = format!("\"{}\"", phrase.join(" "));
    // A quoted two-word month name ("كانون الثاني") matches that month too.
    let tokens = analysis::tokenize(&term.text);
    if let [first, second] = tokens.as_slice() {
        if let Some(month) = analysis::query_month_pair(first.original, second.original) {
            return Some(format!("({phrase} OR \"{}\")", month.term()));
        }
    }
    Some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Term {
        Term {
            text: text.into(),
            prefix: false,
            exact: false,
        }
    }

    /// One case: the input and the FTS5 expression it must become ("" when no text).
    fn check(input: &str, expected_fts: &str) {
        let query = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        let fts = query.text.as_ref().map(fts_expression).unwrap_or_default();
        assert_eq!(fts, expected_fts, "{input:?}");
    }

    #[test]
    fn queries_become_safe_fts_expressions() {
        let cases = [
            // Words are stemmed the way documents are.
            ("الرباط", r#""رباط""#),
            ("زيارة الرباط", r#""زيار" AND "رباط""#),
            ("مُحَمَّد", r#""محمد""#),
            ("الرباط OR مدريد", r#"("رباط" OR "مدريد")"#),
            ("الرباط أو مدريد", r#"("رباط" OR "مدريد")"#),
            ("OR الرباط", r#""رباط""#),
            (r#""الأمن الوطني" تعاون"#, r#""امن وطن" AND "تعاون""#),
            ("«الأمن الوطني»", r#""امن وطن""#),
            // Unbalanced quotes close at the end.
            (r#""غير مغلق"#, r#""غير مغلق""#),
            // A prefix is normalized, not stemmed, and matches stems or exact forms.
            ("Rab*", r#"("rab" * OR "=rab" *)"#),
            // The spelling as written.
            (r#"="المغربية""#, r#""=المغربيه""#),
            ("=والمغرب", r#""=والمغرب""#),
            // A month name matches that month in any regional naming.
            ("غشت", r##"("غشت" OR "#m8")"##),
            ("2022", r#""2022""#),
            ("Santé publique", r#""sante" AND "publique""#),
            // FTS5 syntax and SQL typed by the user are only words.
            ("AND NOT NEAR(", r#""and" AND "not" AND "near""#),
            ("x\" OR 1=1 --", r#""x" AND "or 1 1""#),
            (
                "'; DROP TABLE articles; --",
                r#""drop" AND "table" AND "article""#,
            ),
            // French, English and mixed text fold case and accents.
            ("Le Maroc", r#""le" AND "maroc""#),
            ("élections législatives", r#""election" AND "legislative""#),
            ("Élections OR انتخابات", r#"("election" OR "انتخاب")"#),
            ("\"Francisco PARDO\"", r#""francisco pardo""#),
            ("l'économie", r#""l economie""#),
            ("covid-19", r#""covid 19""#),
            ("كوفيد-19", r#""كوفيد 19""#),
            ("hespress.com", r#""hespress com""#),
            ("=Santé", r#""=sante""#),
            // Arabic clitics, suffixes, hamza carriers and letter variants.
            ("الانتخابات التشريعية", r#""انتخاب" AND "تشريع""#),
            ("والمغرب -الجزائر", r#""مغرب""#),
            ("ميزانيه", r#""ميزان""#),
            ("المسؤولين", r#""مسءول""#),
            ("وزارة الداخلية", r#""وزار" AND "داخل""#),
            ("الوزارة", r#""وزار""#),
            (r#"="الأمن الوطني""#, r#""=الامن =الوطني""#),
            // Months of every region, Arabic-Indic digits.
            ("١٠ غشت ٢٠٢٢", r##""10" AND ("غشت" OR "#m8") AND "2022""##),
            ("يوليوز", r##"("يوليوز" OR "#m7")"##),
            ("تموز", r##"("تموز" OR "#m7")"##),
            ("أيلول", r##"("ايلول" OR "#m9")"##),
            ("2022-08-10", r#""2022 08 10""#),
            // A two-word month name, typed or quoted, matches that month under any name.
            (
                "مظاهرات كانون الثاني 2020",
                r##""مظاهر" AND (("كانون" AND "ثان") OR "#m1") AND "2020""##,
            ),
            ("\"ذو الحجة\"", r##"("ذو حجه" OR "#h12")"##),
            ("كانون الأول", r##"(("كانون" AND "اول") OR "#m12")"##),
            // Not a month: the second word does not pair with the first.
            ("كانون المغرب", r#""كانون" AND "مغرب""#),
            // Stray operators and brackets are not syntax errors.
            ("((الرباط))", r#""رباط""#),
            ("الرباط)", r#""رباط""#),
            ("الرباط OR", r#""رباط""#),
            ("- الرباط", r#""رباط""#),
            ("tag:أمن الرباط", r#""رباط""#),
            ("NEAR(الرباط مدريد)", r#""near" AND "رباط" AND "مدريد""#),
            // Brackets group; unclosed ones close at the end.
            ("(الرباط OR مدريد) الأمن", r#"("رباط" OR "مدريد") AND "امن""#),
            (
                "الأمن (الرباط OR (مدريد باريس))",
                r#""امن" AND ("رباط" OR ("مدريد" AND "باريس"))"#,
            ),
            (
                "(الرباط مدريد) OR باريس",
                r#"(("رباط" AND "مدريد") OR "باريس")"#,
            ),
            ("((الرباط", r#""رباط""#),
            ("() الرباط ()", r#""رباط""#),
            ("--الرباط", ""),
            ("\"\"", ""),
            // Nothing searchable: no text condition at all.
            (r#"""#, ""),
            ("OR", ""),
            ("-", ""),
            ("***", ""),
            ("، ؛ ؟", ""),
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
        assert_eq!(q.text, Some(Node::Term(t("الأمن"))));
        assert_eq!(q.excluded, vec![Node::Term(t("إسبانيا"))]);
        assert_eq!(q.tags, vec!["أمن/تعاون دولي"]);
        assert_eq!(q.publications, vec!["هسبريس"]);
        assert_eq!(q.languages, vec!["ar"]);
        assert_eq!(q.from.as_deref(), Some("2022-01-01"));
        assert_eq!(q.to.as_deref(), Some("2022-08-31"));

        // A negated group excludes the whole group; it never makes its words required.
        let q = parse("تعاون -(الهجرة OR مدريد) -\"وزير الداخلية\"").unwrap();
        assert_eq!(q.text, Some(Node::Term(t("تعاون"))));
        assert_eq!(
            q.excluded,
            vec![
                Node::Any(vec![Node::Term(t("الهجرة")), Node::Term(t("مدريد"))]),
                Node::Term(t("وزير الداخلية")),
            ]
        );
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
        let Some(Node::All(terms)) = q.text else {
            panic!("not a conjunction")
        };
        assert_eq!(terms.len(), MAX_TERMS);
        let deep = format!("{}الرباط", "(".repeat(1_000));
        assert!(parse(&deep).unwrap().has_text());
    }
}
