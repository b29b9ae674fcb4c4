//! Facet counts (tags, publications, years, languages) of a result set, counted in memory.
//!
//! The search already holds every matching id (the ranking scan visits them all), so counting
//! them against a compact table of each article's facet values costs a few array reads per
//! match. Counting in SQL meant four more queries, each running the whole match again and
//! joining it with the articles: several hundred milliseconds for a common word at 100,000
//! articles, on every keystroke of search-as-you-type. The table is read once and again only
//! after the archive changes, like the ranking function's lengths.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;

use super::{FacetCount, Facets, FACET_LIMIT};
use crate::error::Result;

/// "No value" in the per-article columns.
const NONE: u32 = 0;

/// Each article's facet values by rowid, as indexes into the name lists (`NONE` = no value).
#[derive(Debug, Default)]
struct Table {
    publication: Vec<u32>,
    language: Vec<u32>,
    /// The year itself (`0` = no date).
    year: Vec<u16>,
    /// Tags of article `i` are `tag_ids[tag_start[i]..tag_start[i + 1]]`.
    tag_start: Vec<u32>,
    tag_ids: Vec<u32>,
    /// Index 0 is unused (it is `NONE`).
    publication_names: Vec<String>,
    language_names: Vec<String>,
    tag_names: Vec<String>,
}

/// Ids this sparse are not tabled (the table would be mostly holes); SQL counts them instead.
const MAX_HOLES_PER_ROW: usize = 8;

#[derive(Debug, Default)]
struct Cached {
    loaded_at: Option<(i64, u64)>,
    table: Option<Arc<Table>>,
}

/// The facet table of one connection.
#[derive(Debug, Clone, Default)]
pub(crate) struct FacetIndex(Arc<Mutex<Cached>>);

impl FacetIndex {
    /// Counts the facets of `ids`, or `None` when the archive's ids are too sparse to table
    /// (the caller then counts in SQL).
    pub(crate) fn count(&self, conn: &Connection, ids: &[i64]) -> Result<Option<Facets>> {
        let Some(table) = self.table(conn)? else {
            return Ok(None);
        };
        Ok(Some(table.count(ids)))
    }

    fn table(&self, conn: &Connection) -> Result<Option<Arc<Table>>> {
        let key = (
            conn.query_row("PRAGMA data_version", [], |row| row.get::<_, i64>(0))?,
            conn.total_changes(),
        );
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if cached.loaded_at != Some(key) {
            *cached = Cached {
                loaded_at: Some(key),
                table: Table::load(conn)?.map(Arc::new),
            };
        }
        Ok(cached.table.clone())
    }
}

/// Interns names as `u32` indexes starting at 1.
#[derive(Default)]
struct Names {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Names {
    fn new() -> Names {
        Names {
            index: HashMap::new(),
            names: vec![String::new()],
        }
    }

    fn id(&mut self, name: Option<String>) -> u32 {
        let Some(name) = name.filter(|n| !n.is_empty()) else {
            return NONE;
        };
        if let Some(&id) = self.index.get(&name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.clone());
        self.index.insert(name, id);
        id
    }
}

impl Table {
    fn load(conn: &Connection) -> Result<Option<Table>> {
        let (rows, max_id): (i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(max(id), 0) FROM articles",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let (Ok(rows), Ok(max_id)) = (usize::try_from(rows), usize::try_from(max_id)) else {
            return Ok(None);
        };
        if max_id > rows * MAX_HOLES_PER_ROW + 1024 {
            return Ok(None);
        }
        let size = max_id + 1;
        let mut table = Table {
            publication: vec![NONE; size],
            language: vec![NONE; size],
            year: vec![0; size],
            ..Table::default()
        };
        let mut publications = Names::new();
        let mut languages = Names::new();
        let mut stmt = conn.prepare(
            "SELECT a.id, p.name, a.language, substr(a.published_date, 1, 4)
             FROM articles a LEFT JOIN publications p ON p.id = a.publication_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let Ok(id) = usize::try_from(row.get::<_, i64>(0)?) else {
                continue;
            };
            if id >= size {
                continue;
            }
            table.publication[id] = publications.id(row.get(1)?);
            table.language[id] = languages.id(row.get(2)?);
            let year: Option<String> = row.get(3)?;
            table.year[id] = year.and_then(|y| y.parse().ok()).unwrap_or(0);
        }
        // Tags in article order, so each article's tags are one run of `tag_ids`.
        let mut tags = Names::new();
        let mut stmt = conn.prepare(
            "SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
             ORDER BY at.article_id",
        )?;
        let mut rows = stmt.query([])?;
        table.tag_start = Vec::with_capacity(size + 1);
        while let Some(row) = rows.next()? {
            let Ok(id) = usize::try_from(row.get::<_, i64>(0)?) else {
                continue;
            };
            if id >= size {
                continue;
            }
            while table.tag_start.len() <= id {
                table.tag_start.push(table.tag_ids.len() as u32);
            }
            let tag = tags.id(Some(row.get(1)?));
            table.tag_ids.push(tag);
        }
        while table.tag_start.len() <= size {
            table.tag_start.push(table.tag_ids.len() as u32);
        }
        table.publication_names = publications.names;
        table.language_names = languages.names;
        table.tag_names = tags.names;
        Ok(Some(table))
    }

    fn count(&self, ids: &[i64]) -> Facets {
        let mut publications = vec![0u64; self.publication_names.len()];
        let mut languages = vec![0u64; self.language_names.len()];
        let mut tags = vec![0u64; self.tag_names.len()];
        let mut years: HashMap<u16, u64> = HashMap::new();
        for &id in ids {
            let Some(id) = usize::try_from(id).ok().filter(|&id| id < self.year.len()) else {
                continue;
            };
            publications[self.publication[id] as usize] += 1;
            languages[self.language[id] as usize] += 1;
            if self.year[id] != 0 {
                *years.entry(self.year[id]).or_default() += 1;
            }
            let (start, end) = (self.tag_start[id] as usize, self.tag_start[id + 1] as usize);
            for &tag in &self.tag_ids[start..end] {
                tags[tag as usize] += 1;
            }
        }
        let named = |counts: Vec<u64>, names: &[String]| {
            top(counts
                .into_iter()
                .enumerate()
                .skip(1)
                .filter(|&(_, count)| count > 0)
                .map(|(index, count)| FacetCount {
                    value: names[index].clone(),
                    count,
                }))
        };
        let mut years = top(years.into_iter().map(|(year, count)| FacetCount {
            value: format!("{year:04}"),
            count,
        }));
        // Years read best newest first, whatever their counts.
        years.sort_by(|a, b| b.value.cmp(&a.value));
        Facets {
            tags: named(tags, &self.tag_names),
            publications: named(publications, &self.publication_names),
            years,
            languages: named(languages, &self.language_names),
        }
    }
}

/// The [`FACET_LIMIT`] most frequent values, ties by value (as SQL's `ORDER BY 2 DESC, 1`).
fn top(counts: impl Iterator<Item = FacetCount>) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = counts.collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts.truncate(FACET_LIMIT as usize);
    counts
}
