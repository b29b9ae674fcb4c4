//! Search: the one entry point that turns a [`SearchQuery`] into parameterized SQL.
//!
//! The query text goes through our parser ([`query::parse`]); only the quoted FTS5 expression it
//! builds and bound parameters reach SQLite.
pub(crate) mod facet_index;
pub(crate) mod fts_rank;
pub mod fts_tokenizer;
pub(crate) mod prepared;
pub mod query;
mod top;

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::articles::{summary_from_row, SUMMARY_COLUMNS, SUMMARY_JOINS};
use crate::error::{Error, Result};
use crate::keys::name_key;
use crate::model::ArticleSummary;
use crate::Archive;

/// Marks the start of a highlighted word in [`SearchHit::snippet`] (a private-use character,
/// which never occurs in news text, so the UI can split on it without parsing HTML).
pub const HIGHLIGHT_START: char = '\u{E000}';
/// Marks the end of a highlighted word.
pub const HIGHLIGHT_END: char = '\u{E001}';

/// Words of context in a snippet.
const SNIPPET_WORDS: u32 = 24;
/// Characters of the body shown for a result of a search without words.
const OPENING_CHARS: u32 = 240;
const MAX_LIMIT: u32 = 500;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchSort {
    /// Best match first (newest first when the query has no words).
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// One search: the text as the user typed it plus paging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// In the query language of [`query`]. The desktop UI sends it as `query`.
    #[serde(alias = "query")]
    pub text: String,
    pub offset: u32,
    /// At most 500.
    pub limit: u32,
    pub sort: SearchSort,
    /// Also count results per tag, publication, year and language.
    pub facets: bool,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            offset: 0,
            limit: 50,
            sort: SearchSort::Relevance,
            facets: false,
        }
    }
}

/// A found article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// Original text around the match; matched words sit between [`HIGHLIGHT_START`] and
    /// [`HIGHLIGHT_END`].
    pub snippet: String,
    /// Higher is better.
    pub score: f64,
    /// The path the article was imported from.
    pub source_file: Option<String>,
}

/// SQL conditions on `a` (articles) and their parameters, built from the parsed filters.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    fn push(&mut self, sql: &str, params: impl IntoIterator<Item = Value>) {
        self.sql.push(sql.to_string());
        self.params.extend(params);
    }

    fn where_clause(&self) -> String {
        if self.sql.is_empty() {
            "1".to_string()
        } else {
            self.sql.join(" AND ")
        }
    }
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn conditions(parsed: &query::ParsedQuery) -> Conditions {
    let mut c = Conditions::default();
    for tag in &parsed.tags {
        // A tag matches itself and every tag below it in the path.
        let key = name_key(tag);
        c.push(
            "a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id
                WHERE t.key = ? OR t.key LIKE ? ESCAPE '\\')",
            [
                Value::Text(key.clone()),
                Value::Text(format!("{}/%", like_escape(&key))),
            ],
        );
    }
    for publication in &parsed.publications {
        let key = name_key(publication);
        c.push(
            "a.publication_id IN (SELECT id FROM publications WHERE key = ?
                UNION SELECT publication_id FROM publication_aliases WHERE key = ?)",
            [Value::Text(key.clone()), Value::Text(key)],
        );
    }
    if !parsed.languages.is_empty() {
        // The parser lower-cases `lang:` values; stored tags keep BCP 47 case (ar-MA), and LIKE
        // is case-insensitive for ASCII already.
        let alternatives = vec![
            "(lower(a.language) = ? OR a.language LIKE ? ESCAPE '\\')";
            parsed.languages.len()
        ];
        let params = parsed.languages.iter().flat_map(|lang| {
            [
                Value::Text(lang.clone()),
                Value::Text(format!("{}-%", like_escape(lang))),
            ]
        });
        c.push(&format!("({})", alternatives.join(" OR ")), params);
    }
    if let Some(from) = &parsed.from {
        c.push("a.published_date >= ?", [Value::Text(from.clone())]);
    }
    if let Some(to) = &parsed.to {
        c.push("a.published_date <= ?", [Value::Text(to.clone())]);
    }
    if !parsed.excluded.is_empty() {
        c.push(
            "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            [Value::Text(query::fts_any(&parsed.excluded))],
        );
    }
    c
}

/// How many results share one value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts per tag, publication, year and language over the whole result set (not one page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub tags: Vec<FacetCount>,
    pub publications: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
}

/// One page of results, the total across pages, and facets when asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: u64,
    pub items: Vec<SearchHit>,
    pub facets: Option<Facets>,
}

/// Facet values listed per field, most frequent first.
pub(crate) const FACET_LIMIT: u32 = 50;

/// The FROM clause and ORDER BY of a parsed query, with its conditions.
struct Plan {
    from: String,
    order: String,
    conditions: Conditions,
}

/// Words and nothing else: the matching ids then come from FTS5 alone.
fn is_words_only(parsed: &query::ParsedQuery, conditions: &Conditions) -> bool {
    parsed.has_text() && conditions.sql.len() == 1
}

/// A query for every matching id, with the plan's parameters.
fn matching_ids_sql(words_only: bool, from: &str, where_clause: &str) -> String {
    if words_only {
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?".to_string()
    } else {
        format!("SELECT a.id FROM {from} WHERE {where_clause}")
    }
}

fn plan(parsed: &query::ParsedQuery, sort: SearchSort) -> Plan {
    let mut conditions = conditions(parsed);
    let date_order =
        |dir: &str| format!("a.published_date IS NULL, a.published_date {dir}, a.id {dir}");
    if parsed.has_text() {
        conditions.sql.insert(0, "articles_fts MATCH ?".into());
        let text = parsed
            .text
            .as_ref()
            .map(query::fts_expression)
            .unwrap_or_default();
        conditions.params.insert(0, Value::Text(text));
        let order = match sort {
            // bm25 with the title weighted, as FTS5's `rank` (see `fts_rank`).
            SearchSort::Relevance => format!("{}(articles_fts), a.id", fts_rank::RANK_FUNCTION),
            SearchSort::Newest => date_order("DESC"),
            SearchSort::Oldest => date_order("ASC"),
        };
        Plan {
            from: format!(
                "articles_fts JOIN articles a ON a.id = articles_fts.rowid {SUMMARY_JOINS}"
            ),
            order,
            conditions,
        }
    } else {
        let order = match sort {
            SearchSort::Oldest => date_order("ASC"),
            SearchSort::Relevance | SearchSort::Newest => date_order("DESC"),
        };
        // No words: the filtered library, with the opening of each body as its snippet.
        Plan {
            from: format!("articles a {SUMMARY_JOINS}"),
            order,
            conditions,
        }
    }
}

impl Archive {
    /// Rebuilds the search index from the articles (after an analyzer change this happens by
    /// itself when the archive opens; this is the manual lever, e.g. after restoring by hand).
    pub fn rebuild_index(&mut self) -> Result<()> {
        crate::db::rebuild_index(&self.conn)
    }

    /// The ids of one page of a words-only query in relevance order, and the total: one scan
    /// ranks every match and keeps only the page (see [`top`]).
    /// With `all`, also collects every matching id (for the facets).
    fn ranked_ids(
        &self,
        fts: &Value,
        limit: u32,
        offset: u32,
        mut all: Option<&mut Vec<i64>>,
    ) -> Result<(Vec<i64>, u64)> {
        self.doc_lengths.refresh(&self.conn)?;
        let mut scan = self.conn.prepare_cached(&format!(
            "SELECT rowid, {}(articles_fts) FROM articles_fts WHERE articles_fts MATCH ?1",
            fts_rank::RANK_FUNCTION
        ))?;
        let matches = scan
            .query_map([fts], |row| {
                Ok(top::Ranked {
                    rowid: row.get(0)?,
                    rank: row.get(1)?,
                })
            })?
            .inspect(|row| {
                if let (Some(all), Ok(row)) = (all.as_deref_mut(), row) {
                    all.push(row.rowid);
                }
            });
        let (best, total) = top::page(matches, offset as usize, limit as usize)?;
        Ok((best.into_iter().map(|ranked| ranked.rowid).collect(), total))
    }

    /// The hits of a page of ids, in that order. For a query with words (`fts`), FTS5 re-reads
    /// these rows only, for their snippets and scores; otherwise the snippet is the body's
    /// opening.
    fn hits(&self, fts: Option<&Value>, ids: &[i64]) -> Result<Vec<SearchHit>> {
        let mut marked = std::collections::HashMap::new();
        if let (Some(fts), Some(&low), Some(&high)) = (fts, ids.iter().min(), ids.iter().max()) {
            self.doc_lengths.refresh(&self.conn)?;
            // One pass over the matches between the page's lowest and highest rowid. `+rowid`
            // keeps the id list away from FTS5, which would otherwise run the whole expression
            // again for each id (a prefix query expands every time).
            let wanted =
                serde_json::to_string(ids).map_err(|e| Error::InvalidInput(e.to_string()))?;
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT rowid, snippet(articles_fts, -1, char({}), char({}), '…', {SNIPPET_WORDS}),
                        -{}(articles_fts)
                 FROM articles_fts
                 WHERE articles_fts MATCH ?1 AND rowid >= ?2 AND rowid <= ?3
                   AND +rowid IN (SELECT value FROM json_each(?4))",
                HIGHLIGHT_START as u32,
                HIGHLIGHT_END as u32,
                fts_rank::RANK_FUNCTION
            ))?;
            let rows = stmt.query_map(rusqlite::params![fts, low, high, wanted], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    (row.get::<_, String>(1)?, row.get::<_, f64>(2)?),
                ))
            })?;
            for row in rows {
                let (id, snippet_and_score) = row?;
                marked.insert(id, snippet_and_score);
            }
        }
        let mut summary = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, (SELECT file_path FROM provenance WHERE article_id = a.id),
                    substr(a.body, 1, {OPENING_CHARS})
             FROM articles a {SUMMARY_JOINS} WHERE a.id = ?1"
        ))?;
        let hits = ids
            .iter()
            .map(|id| {
                summary.query_row([id], |row| {
                    let (snippet, score) = match marked.remove(id) {
                        Some(found) => found,
                        None => (row.get(9)?, 0.0),
                    };
                    Ok(SearchHit {
                        summary: summary_from_row(row)?,
                        snippet,
                        score,
                        source_file: row.get(8)?,
                    })
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hits)
    }

    /// Every article a search finds, in the order [`Archive::search`] pages through them, with no
    /// paging limit: the ids alone, so a selection of 100 000 articles costs no snippets.
    pub(crate) fn search_ids(&self, text: &str, sort: SearchSort) -> Result<Vec<i64>> {
        let parsed = query::parse(text).map_err(Error::BadQuery)?;
        let Plan {
            from,
            order,
            conditions,
            ..
        } = plan(&parsed, sort);
        let sql = format!(
            "SELECT a.id FROM {from} WHERE {} ORDER BY {order}",
            conditions.where_clause()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let ids = stmt
            .query_map(params_from_iter(conditions.params.iter()), |row| row.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    /// Facet counts in SQL, for an archive whose ids are too sparse for the in-memory table
    /// (see [`facet_index`]); also the reference the table is tested against.
    fn sql_facets(&self, matching: &str, params: &[Value]) -> Result<Facets> {
        // `select` yields (value, count) rows over `articles a`; `known` drops empty values.
        let count = |select: &str, known: &str| -> Result<Vec<FacetCount>> {
            let sql = format!(
                "{select} WHERE {known} a.id IN ({matching})
                 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {FACET_LIMIT}"
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let counts = stmt
                .query_map(params_from_iter(params.iter()), |row| {
                    Ok(FacetCount {
                        value: row.get(0)?,
                        count: row.get(1)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(counts)
        };
        Ok(Facets {
            tags: count(
                "SELECT t.name, count(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id
                 JOIN articles a ON a.id = at.article_id",
                "",
            )?,
            publications: count(
                "SELECT p.name, count(*) FROM articles a
                 JOIN publications p ON p.id = a.publication_id",
                "",
            )?,
            // Years read best newest first, whatever their counts.
            years: count(
                "SELECT substr(a.published_date, 1, 4), count(*) FROM articles a",
                "a.published_date IS NOT NULL AND",
            )
            .map(|mut years| {
                years.sort_by(|a, b| b.value.cmp(&a.value));
                years
            })?,
            languages: count(
                "SELECT a.language, count(*) FROM articles a",
                "a.language IS NOT NULL AND",
            )?,
        })
    }

    /// Runs a search. Any text is accepted; only a malformed date filter is refused
    /// (`bad_query`), with a message saying what to write instead.
    pub fn search(&self, search: &SearchQuery) -> Result<SearchResults> {
        let parsed = query::parse(&search.text).map_err(Error::BadQuery)?;
        let limit = search.limit.min(MAX_LIMIT);
        let Plan {
            from,
            order,
            conditions,
        } = plan(&parsed, search.sort);
        let where_clause = conditions.where_clause();
        let params = || params_from_iter(conditions.params.iter());
        // Words alone: the common search. The matching ids then come from FTS5 alone (no join
        // per match), and for relevance order FTS5 picks the page itself and summarizes only the
        // rows shown; the general query below sorts every match first.
        let words_only = is_words_only(&parsed, &conditions);
        let matching = matching_ids_sql(words_only, &from, &where_clause);
        // Every matching id, when facets are asked for: the facets count them in memory.
        let mut matched = search.facets.then(Vec::new);
        let (ids, total) = if words_only && search.sort == SearchSort::Relevance {
            self.ranked_ids(
                &conditions.params[0],
                limit,
                search.offset,
                matched.as_mut(),
            )?
        } else {
            if parsed.has_text() {
                // The relevance order below calls the ranking function.
                self.doc_lengths.refresh(&self.conn)?;
            }
            // Only ids go through the sort: snippets are made for the page afterwards.
            let sql = format!(
                "SELECT a.id FROM {from} WHERE {where_clause} ORDER BY {order}
                 LIMIT {limit} OFFSET {}",
                search.offset
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let ids = stmt
                .query_map(params(), |row| row.get(0))?
                .collect::<Result<Vec<i64>, _>>()?;
            let total = match matched.as_mut() {
                Some(matched) => {
                    let mut stmt = self.conn.prepare(&matching)?;
                    for id in stmt.query_map(params(), |row| row.get(0))? {
                        matched.push(id?);
                    }
                    matched.len() as u64
                }
                None => self.conn.query_row(
                    &format!("SELECT count(*) FROM ({matching})"),
                    params(),
                    |row| row.get(0),
                )?,
            };
            (ids, total)
        };
        let fts = parsed.has_text().then(|| &conditions.params[0]);
        let items = self.hits(fts, &ids)?;
        let facets = match matched {
            Some(matched) => match self.facet_index.count(&self.conn, &matched)? {
                Some(facets) => Some(facets),
                None => Some(self.sql_facets(&matching, &conditions.params)?),
            },
            None => None,
        };
        Ok(SearchResults {
            total,
            items,
            facets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewArticle;

    fn archive() -> Archive {
        let mut archive = Archive::open_in_memory().unwrap();
        let articles = [
            (
                "زيارة مدير الشرطة الإسبانية للرباط",
                "استقبل المدير العام للأمن الوطني وفدا إسبانيا",
                "2022-08-10",
                "أمن/تعاون دولي",
                "جريدة أصوات",
                "ar-MA",
            ),
            (
                "الأمن في مدريد",
                "تعاون أمني بين البلدين في مجال الهجرة",
                "2021-03-01",
                "أمن",
                "هسبريس",
                "ar",
            ),
            (
                "Santé publique au Maroc",
                "La campagne de vaccination continue à Rabat",
                "2020-01-05",
                "صحة",
                "Le Matin",
                "fr",
            ),
        ];
        for (title, body, date, tag, publication, lang) in articles {
            archive
                .add_article(&NewArticle {
                    title: title.into(),
                    body: body.into(),
                    date: Some(date.into()),
                    tags: vec![tag.into()],
                    publication: Some(publication.into()),
                    language: Some(lang.into()),
                    ..NewArticle::default()
                })
                .unwrap();
        }
        archive
    }

    fn titles(archive: &Archive, text: &str) -> Vec<String> {
        let query = SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        };
        let page = archive
            .search(&query)
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(page.total as usize, page.items.len(), "{text}");
        page.items
            .into_iter()
            .map(|hit| hit.summary.title)
            .collect()
    }

    #[test]
    fn finds_by_words_and_filters() {
        let archive = archive();
        let cases: &[(&str, &[&str])] = &[
            ("الشرطة", &["زيارة مدير الشرطة الإسبانية للرباط"]),
            (
                "tag:أمن",
                &["زيارة مدير الشرطة الإسبانية للرباط", "الأمن في مدريد"],
            ),
            (
                "وسم:\"أمن/تعاون دولي\"",
                &["زيارة مدير الشرطة الإسبانية للرباط"],
            ),
            ("تعاون -الهجرة", &[]),
            ("تعاون -(الهجرة OR مدريد)", &[]),
            ("تعاون -(أوروبا OR آسيا)", &["الأمن في مدريد"]),
            // Both match once; the title match ranks first.
            (
                "مدريد OR الشرطة",
                &["الأمن في مدريد", "زيارة مدير الشرطة الإسبانية للرباط"],
            ),
            ("sante", &["Santé publique au Maroc"]),
            ("vaccin*", &["Santé publique au Maroc"]),
            ("lang:ar from:2022", &["زيارة مدير الشرطة الإسبانية للرباط"]),
            ("lang:ar-ma", &["زيارة مدير الشرطة الإسبانية للرباط"]),
            ("lang:AR-MA", &["زيارة مدير الشرطة الإسبانية للرباط"]),
            ("جريدة:هسبريس", &["الأمن في مدريد"]),
            (
                "\"",
                &[
                    "زيارة مدير الشرطة الإسبانية للرباط",
                    "الأمن في مدريد",
                    "Santé publique au Maroc",
                ],
            ),
            ("NEAR( ) OR AND", &[]),
        ];
        for (query, expected) in cases {
            assert_eq!(titles(&archive, query), *expected, "{query}");
        }
    }

    #[test]
    fn title_matches_rank_first_and_snippets_mark_words() {
        let archive = archive();
        let page = archive
            .search(&SearchQuery {
                text: "الأمن".into(),
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(page.items[0].summary.title, "الأمن في مدريد");
        assert!(
            page.items[0].snippet.contains("\u{E000}الأمن\u{E001}"),
            "{}",
            page.items[0].snippet
        );
    }

    /// Words alone take the FTS5-ordered path; adding a filter that keeps everything takes the
    /// general one. Both must give the same page, total, snippets, scores and facets.
    #[test]
    fn both_query_paths_agree() {
        let archive = archive();
        for words in ["الأمن", "تعاون OR santé", "\"المدير العام\"", "مدريد"]
        {
            let run = |text: String| {
                let query = SearchQuery {
                    text,
                    limit: 2,
                    ..SearchQuery::default()
                };
                archive.search(&query).unwrap()
            };
            let fast = run(words.to_string());
            let general = run(format!("{words} from:1900"));
            assert_eq!(fast.total, general.total, "{words}");
            let view = |r: &SearchResults| {
                r.items
                    .iter()
                    .map(|h| (h.summary.id, h.snippet.clone(), h.score.to_bits()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(view(&fast), view(&general), "{words}");
            assert!(fast.items.iter().all(|h| h.score > 0.0), "{words}");
            assert_eq!(fast.facets, general.facets, "{words}");
        }
    }

    /// The ids of a selection come in the order the search shows its pages, on both paths.
    #[test]
    fn search_ids_follow_the_pages() {
        let archive = archive();
        for text in ["", "الأمن", "تعاون OR santé", "tag:أمن", "الأمن lang:ar"] {
            for sort in [
                SearchSort::Relevance,
                SearchSort::Newest,
                SearchSort::Oldest,
            ] {
                let mut paged = Vec::new();
                for offset in 0..3 {
                    let query = SearchQuery {
                        text: text.into(),
                        offset,
                        limit: 1,
                        sort,
                        facets: false,
                    };
                    paged.extend(
                        archive
                            .search(&query)
                            .unwrap()
                            .items
                            .iter()
                            .map(|h| h.summary.id),
                    );
                }
                assert_eq!(
                    archive.search_ids(text, sort).unwrap(),
                    paged,
                    "{text} {sort:?}"
                );
            }
        }
        assert_eq!(
            archive
                .search_ids("from:never", SearchSort::Relevance)
                .unwrap_err()
                .code(),
            "bad_query"
        );
    }

    /// The in-memory facet table must count exactly what SQL counts, on every query path.
    #[test]
    fn facets_in_memory_match_facets_in_sql() {
        let mut archive = archive();
        // More tags, some shared, one article without any, to exercise the tag runs.
        archive.tag_articles("صحة/لقاحات", &[3, 1]).unwrap();
        archive.untag_articles("أمن", &[2]).unwrap();
        for text in [
            "",
            "الأمن",
            "tag:أمن",
            "lang:ar",
            "تعاون OR santé",
            "from:2021",
            "مدريد",
        ] {
            let parsed = query::parse(text).unwrap();
            let Plan {
                from, conditions, ..
            } = plan(&parsed, SearchSort::Relevance);
            let matching = matching_ids_sql(
                is_words_only(&parsed, &conditions),
                &from,
                &conditions.where_clause(),
            );
            let in_sql = archive.sql_facets(&matching, &conditions.params).unwrap();
            let results = archive
                .search(&SearchQuery {
                    text: text.into(),
                    facets: true,
                    ..SearchQuery::default()
                })
                .unwrap();
            assert_eq!(results.facets.as_ref(), Some(&in_sql), "{text:?}");
        }
        let library_facets = |archive: &Archive| {
            archive
                .search(&SearchQuery {
                    facets: true,
                    ..SearchQuery::default()
                })
                .unwrap()
                .facets
                .unwrap()
        };
        // Not vacuous: the whole library has values in every facet.
        let all = library_facets(&archive);
        assert!(!all.tags.is_empty() && !all.publications.is_empty());
        assert!(!all.years.is_empty() && !all.languages.is_empty());
        // A write is seen by the next count: the table reloads after any change.
        let vaccines = |archive: &Archive| {
            let facets = library_facets(archive);
            let tag = facets.tags.iter().find(|t| t.value == "صحة/لقاحات");
            tag.map(|t| t.count)
        };
        assert_eq!(vaccines(&archive), Some(2));
        archive.tag_articles("صحة/لقاحات", &[2]).unwrap();
        assert_eq!(vaccines(&archive), Some(3));
    }

    #[test]
    fn bad_date_filter_is_a_bad_query() {
        let archive = archive();
        let error = archive
            .search(&SearchQuery {
                text: "from:yesterday".into(),
                ..SearchQuery::default()
            })
            .unwrap_err();
        assert_eq!(error.code(), "bad_query");
    }
}
