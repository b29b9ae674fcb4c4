//! Articles: writing, reading, editing, deleting and listing them.
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use crate::analysis::normalize;
use crate::clock::now_rfc3339;
use crate::error::{Error, Result};
use crate::keys::title_sort_key;
use crate::model::{
    Article, ArticleSummary, ArticleUpdate, ListParams, NewArticle, Page, Provenance, SortBy,
    TagRef,
};
use crate::near_duplicates::{self, Signature};
use crate::search::prepared::{prepare_article, with_prepared};
use crate::{publications, tags, Archive};

/// Articles analyzed ahead of the writer in a bulk load: enough to keep both threads busy, few
/// enough that their terms take little memory.
const ANALYZED_AHEAD: usize = 32;

/// Titles longer than this are not titles; the limit keeps lists and PDFs sane.
const MAX_TITLE_CHARS: usize = 1_000;

/// sha256 over the analyzer's normal form of title and body with whitespace collapsed: the same
/// story saved as two files (or twice with different line endings) has one text hash.
pub(crate) fn text_hash(title: &str, body: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [title, body] {
        for word in normalize(part).split_whitespace() {
            hasher.update(word.as_bytes());
            hasher.update(b" ");
        }
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks what a front end or an importer hands us before it reaches the database.
pub(crate) fn validate(article: &NewArticle) -> Result<()> {
    let title = article.title.trim();
    if title.is_empty() {
        return Err(Error::InvalidInput("an article needs a title".into()));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::InvalidInput(format!(
            "a title has at most {MAX_TITLE_CHARS} characters"
        )));
    }
    if let Some(date) = &article.date {
        validate_date(date)?;
    }
    Ok(())
}

/// `YYYY-MM-DD` naming a real day.
pub(crate) fn validate_date(date: &str) -> Result<()> {
    let invalid = || Error::InvalidInput(format!("\"{date}\" is not a date (YYYY-MM-DD)"));
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    // `parse` would accept a sign ("+1"), so check the digits first.
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(invalid());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return Err(invalid());
    };
    if d == 0 || d > crate::import::dates::gregorian_month_days(y, m) {
        return Err(invalid());
    }
    Ok(())
}

fn empty_to_none(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Writes one article typed in or built by a front end, with its near-duplicate signature,
/// inside the caller's transaction; returns its id. (Imports compute hash and signature on
/// their worker thread and call [`insert_with_hash`] and [`near_duplicates::record`].)
pub(crate) fn insert(conn: &Connection, article: &NewArticle) -> Result<i64> {
    let id = insert_with_hash(
        conn,
        article,
        &text_hash(article.title.trim(), &article.body),
    )?;
    if let Some(signature) = Signature::of(&article.body) {
        near_duplicates::record(conn, id, &signature)?;
    }
    Ok(id)
}

/// Writes one article, its full-text index entry and its tags inside the caller's transaction,
/// for a caller that already computed the article's [`text_hash`] (imports compute it off the
/// writing thread, to look for duplicates); returns its id. Every article enters the archive
/// here, so the index row is written here rather than by a trigger (see migration 0003).
pub(crate) fn insert_with_hash(conn: &Connection, article: &NewArticle, hash: &str) -> Result<i64> {
    validate(article)?;
    let now = now_rfc3339();
    let title = article.title.trim();
    let publication_id = match empty_to_none(article.publication.as_deref()) {
        Some(name) => publications::resolve(conn, name)?,
        None => None,
    };
    let authors = serde_json::to_string(&article.authors)
        .map_err(|e| Error::InvalidInput(format!("authors: {e}")))?;
    conn.prepare_cached(
        "INSERT INTO articles (title, title_key, body, publication_id, authors, section, page, url,
             language, published_date, date_text, hijri_date, notes, text_hash, imported_at,
             modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
        title,
        title_sort_key(title),
        article.body,
        publication_id,
        authors,
        empty_to_none(article.section.as_deref()),
        empty_to_none(article.page.as_deref()),
        empty_to_none(article.url.as_deref()),
        empty_to_none(article.language.as_deref()),
        article.date,
        empty_to_none(article.date_text.as_deref()),
        empty_to_none(article.hijri_date.as_deref()),
        article.notes,
        hash,
        now,
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, title, article.body])?;
    for tag in &article.tags {
        tags::attach(conn, tag, &[id])?;
    }
    for tag in &article.tag_colours {
        if let Some(colour) = &tag.colour {
            tags::colour_if_unset(conn, &tag.name, colour)?;
        }
    }
    Ok(id)
}

/// The article already holding this text, if any.
pub(crate) fn find_by_text_hash(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    let id = conn
        .prepare_cached("SELECT id FROM articles WHERE text_hash = ?1 ORDER BY id LIMIT 1")?
        .query_row([hash], |row| row.get(0))
        .optional()?;
    Ok(id)
}

/// The SELECT list and joins shared by every query that yields [`ArticleSummary`] rows.
pub(crate) const SUMMARY_COLUMNS: &str = "a.id, a.title, p.name, a.published_date, a.date_text,
    a.language, a.imported_at,
    (SELECT json_group_array(t.name) FROM article_tags at2 JOIN tags t ON t.id = at2.tag_id
        WHERE at2.article_id = a.id)";
/// The join that [`SUMMARY_COLUMNS`] needs after `articles a`.
pub(crate) const SUMMARY_JOINS: &str = "LEFT JOIN publications p ON p.id = a.publication_id";

/// Reads the [`SUMMARY_COLUMNS`] of a row, which start at column 0.
pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    let tags: Option<String> = row.get(7)?;
    Ok(ArticleSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        publication: row.get(2)?,
        date: row.get(3)?,
        date_text: row.get(4)?,
        language: row.get(5)?,
        imported_at: row.get(6)?,
        tags: parse_json_list(tags.as_deref()),
    })
}

/// Our own JSON columns are always well formed; a hand-edited archive degrades to "no values".
fn parse_json_list(json: Option<&str>) -> Vec<String> {
    json.and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

impl Archive {
    /// Adds one article typed in or built by a front end (imports go through [`Archive::import_paths`]).
    pub fn add_article(&mut self, article: &NewArticle) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let id = insert(&tx, article)?;
        tx.commit()?;
        Ok(id)
    }

    /// Adds many articles in one transaction (all or none), for bulk loads and benchmarks. The
    /// articles are written as given: no near-duplicate detection, which belongs to file imports
    /// ([`Archive::import_paths`]) and costs more than the indexing itself on a corpus full of
    /// reprints (BENCHMARKS.md).
    ///
    /// A second thread analyzes the next articles while this one writes (see
    /// [`crate::search::prepared`]).
    pub fn add_articles(&mut self, articles: &[NewArticle]) -> Result<Vec<i64>> {
        let tx = self.conn.transaction()?;
        let ids = std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(ANALYZED_AHEAD);
            // Named, so that a profile tells its work from the writer's.
            let analysis = std::thread::Builder::new().name("arshif-analysis".into());
            analysis
                .spawn_scoped(scope, move || {
                    for article in articles {
                        let hash = text_hash(article.title.trim(), &article.body);
                        let prepared = prepare_article(&article.title, &article.body);
                        // The writer stopped (an error): nobody needs the rest.
                        if send.send((hash, prepared)).is_err() {
                            break;
                        }
                    }
                })
                .map_err(|e| {
                    Error::InvalidInput(format!("cannot start the analysis thread: {e}"))
                })?;
            articles
                .iter()
                .map(|article| {
                    let (hash, prepared) = receive
                        .recv()
                        .map_err(|_| Error::InvalidInput("the analysis thread stopped".into()))?;
                    with_prepared(Some(&prepared), || insert_with_hash(&tx, article, &hash))
                })
                .collect::<Result<Vec<_>>>()
        })?;
        tx.commit()?;
        Ok(ids)
    }

    /// The whole article with its tags and provenance.
    pub fn article(&self, id: i64) -> Result<Article> {
        let mut article = self
            .conn
            .query_row(
                "SELECT a.id, a.title, a.body, p.name, a.authors, a.section, a.page, a.url,
                        a.language, a.published_date, a.date_text, a.hijri_date, a.notes,
                        a.imported_at, a.modified_at
                 FROM articles a LEFT JOIN publications p ON p.id = a.publication_id
                 WHERE a.id = ?1",
                [id],
                |row| {
                    let authors: String = row.get(4)?;
                    Ok(Article {
                        id: row.get(0)?,
                        title: row.get(1)?,
                        body: row.get(2)?,
                        publication: row.get(3)?,
                        authors: parse_json_list(Some(&authors)),
                        section: row.get(5)?,
                        page: row.get(6)?,
                        url: row.get(7)?,
                        language: row.get(8)?,
                        date: row.get(9)?,
                        date_text: row.get(10)?,
                        hijri_date: row.get(11)?,
                        notes: row.get(12)?,
                        imported_at: row.get(13)?,
                        modified_at: row.get(14)?,
                        tags: Vec::new(),
                        provenance: None,
                    })
                },
            )
            .optional()?
            .ok_or(Error::ArticleNotFound(id))?;
        article.tags = self.article_tags(id)?;
        article.provenance = self.provenance(id)?;
        Ok(article)
    }

    fn article_tags(&self, id: i64) -> Result<Vec<TagRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, t.colour FROM article_tags at JOIN tags t ON t.id = at.tag_id
             WHERE at.article_id = ?1 ORDER BY t.key",
        )?;
        let tags = stmt
            .query_map([id], |row| {
                Ok(TagRef {
                    name: row.get(0)?,
                    colour: row.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tags)
    }

    fn provenance(&self, id: i64) -> Result<Option<Provenance>> {
        let provenance = self
            .conn
            .query_row(
                "SELECT pv.file_name, pv.file_path, pv.file_sha256, o.size, pv.encoding,
                        pv.importer, pv.boilerplate_removed
                 FROM provenance pv JOIN originals o ON o.sha256 = pv.file_sha256
                 WHERE pv.article_id = ?1",
                [id],
                |row| {
                    Ok(Provenance {
                        file_name: row.get(0)?,
                        file_path: row.get(1)?,
                        sha256: row.get(2)?,
                        size: row.get(3)?,
                        encoding: row.get(4)?,
                        importer: row.get(5)?,
                        boilerplate_removed: row.get(6)?,
                    })
                },
            )
            .optional()?;
        Ok(provenance)
    }

    /// The bytes of the file an article was imported from, exactly as they were on disk.
    pub fn original_bytes(&self, id: i64) -> Result<Vec<u8>> {
        self.conn
            .query_row(
                "SELECT o.bytes FROM provenance pv JOIN originals o ON o.sha256 = pv.file_sha256
                 WHERE pv.article_id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?
            .ok_or(Error::ArticleNotFound(id))
    }

    /// Changes an article's metadata and returns it as stored.
    pub fn update_article(&mut self, id: i64, update: &ArticleUpdate) -> Result<Article> {
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT count(*) > 0 FROM articles WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::ArticleNotFound(id));
        }
        if let Some(title) = &update.title {
            let title = title.trim();
            validate(&NewArticle {
                title: title.to_string(),
                ..NewArticle::default()
            })?;
            tx.execute(
                "UPDATE articles SET title = ?2, title_key = ?3 WHERE id = ?1",
                params![id, title, title_sort_key(title)],
            )?;
        }
        if let Some(publication) = &update.publication {
            let publication_id = match empty_to_none(publication.as_deref()) {
                Some(name) => publications::resolve(&tx, name)?,
                None => None,
            };
            tx.execute(
                "UPDATE articles SET publication_id = ?2 WHERE id = ?1",
                params![id, publication_id],
            )?;
        }
        if let Some(authors) = &update.authors {
            let authors: Vec<&str> = authors
                .iter()
                .map(|a| a.trim())
                .filter(|a| !a.is_empty())
                .collect();
            let json = serde_json::to_string(&authors)
                .map_err(|e| Error::InvalidInput(format!("authors: {e}")))?;
            tx.execute(
                "UPDATE articles SET authors = ?2 WHERE id = ?1",
                params![id, json],
            )?;
        }
        if let Some(date) = &update.date {
            let date = empty_to_none(date.as_deref());
            if let Some(date) = date {
                validate_date(date)?;
            }
            tx.execute(
                "UPDATE articles SET published_date = ?2 WHERE id = ?1",
                params![id, date],
            )?;
        }
        for (column, value) in [
            ("section", &update.section),
            ("page", &update.page),
            ("url", &update.url),
            ("language", &update.language),
        ] {
            if let Some(value) = value {
                // `column` comes from the fixed list above, never from input.
                tx.execute(
                    &format!("UPDATE articles SET {column} = ?2 WHERE id = ?1"),
                    params![id, empty_to_none(value.as_deref())],
                )?;
            }
        }
        if let Some(notes) = &update.notes {
            tx.execute(
                "UPDATE articles SET notes = ?2 WHERE id = ?1",
                params![id, notes],
            )?;
        }
        if let Some(names) = &update.tags {
            tags::set_article_tags(&tx, id, names)?;
        }
        tx.execute(
            "UPDATE articles SET modified_at = ?2 WHERE id = ?1",
            params![id, now_rfc3339()],
        )?;
        tx.commit()?;
        self.article(id)
    }

    /// Deletes articles (their tags links and provenance go with them; the original file bytes
    /// stay in the archive). Returns how many existed.
    pub fn delete_articles(&mut self, ids: &[i64]) -> Result<u64> {
        let tx = self.conn.transaction()?;
        let mut deleted = 0;
        {
            let mut stmt = tx.prepare_cached("DELETE FROM articles WHERE id = ?1")?;
            for id in ids {
                deleted += stmt.execute([id])? as u64;
            }
        }
        tx.commit()?;
        Ok(deleted)
    }

    /// One page of the library, sorted as asked.
    pub fn list_articles(&self, params: &ListParams) -> Result<Page<ArticleSummary>> {
        let direction = if params.descending { "DESC" } else { "ASC" };
        // Every order ends with the id so that paging is stable when keys tie.
        let order = match params.sort {
            SortBy::Imported => format!("a.imported_at {direction}, a.id {direction}"),
            // Newest first needs no `IS NULL` term: SQLite sorts NULL below every date, so
            // undated articles come last by themselves, and the order is the date index read
            // backwards (the id is the index's rowid). With the term, every page of 100,000
            // articles sorted the whole table again (BENCHMARKS.md).
            SortBy::Date if params.descending => "a.published_date DESC, a.id DESC".to_string(),
            SortBy::Date => "a.published_date IS NULL, a.published_date, a.id".to_string(),
            SortBy::Title => format!("a.title_key {direction}, a.id {direction}"),
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a {SUMMARY_JOINS} ORDER BY {order} LIMIT ?1 OFFSET ?2"
        );
        let limit = params.limit.min(ListParams::MAX_LIMIT);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let items = stmt
            .query_map(params_from_iter([limit, params.offset]), summary_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        let total = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(Page { total, items })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(title: &str) -> NewArticle {
        NewArticle {
            title: title.into(),
            body: format!("نص المقال {title}"),
            publication: Some("جريدة أصوات".into()),
            authors: vec!["سعيد".into()],
            language: Some("ar".into()),
            date: Some("2022-08-10".into()),
            date_text: Some("10 غشت 2022".into()),
            tags: vec!["أمن/تعاون دولي".into()],
            ..NewArticle::default()
        }
    }

    /// FTS5's own check that the index holds exactly the rows of its content table
    /// (`rank = 1` compares with the content, not only the index's internal structure).
    fn index_agrees_with_articles(archive: &Archive) -> rusqlite::Result<()> {
        archive.conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        Ok(())
    }

    #[test]
    fn every_write_keeps_the_index_in_step() {
        let mut archive = Archive::open_in_memory().unwrap();
        let ids = archive
            .add_articles(&[sample("زيارة"), sample("تعاون"), sample("ميزانية")])
            .unwrap();
        index_agrees_with_articles(&archive).unwrap();
        let hits = |archive: &Archive, text: &str| {
            archive
                .search(&crate::SearchQuery {
                    text: text.into(),
                    ..crate::SearchQuery::default()
                })
                .unwrap()
                .total
        };
        assert_eq!(hits(&archive, "ميزانيه"), 1);
        archive
            .update_article(
                ids[2],
                &ArticleUpdate {
                    title: Some("مالية".into()),
                    ..ArticleUpdate::default()
                },
            )
            .unwrap();
        index_agrees_with_articles(&archive).unwrap();
        // The new title is findable; the old word stays findable through the body.
        assert_eq!((hits(&archive, "ماليه"), hits(&archive, "ميزانيه")), (1, 1));
        archive.delete_articles(&ids[..1]).unwrap();
        index_agrees_with_articles(&archive).unwrap();
        assert_eq!(hits(&archive, "زياره"), 0);
        // The check can fail: an index row whose article is gone is caught.
        archive
            .conn
            .execute("DELETE FROM articles WHERE id = ?1", [ids[1]])
            .unwrap();
        archive
            .conn
            .execute(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (99, 'x', 'y')",
                [],
            )
            .unwrap();
        assert!(index_agrees_with_articles(&archive).is_err());
    }

    #[test]
    fn add_then_read_back() {
        let mut archive = Archive::open_in_memory().unwrap();
        let id = archive.add_article(&sample("زيارة")).unwrap();
        let article = archive.article(id).unwrap();
        assert_eq!(article.title, "زيارة");
        assert_eq!(article.publication.as_deref(), Some("جريدة أصوات"));
        assert_eq!(article.authors, vec!["سعيد"]);
        assert_eq!(article.date.as_deref(), Some("2022-08-10"));
        assert_eq!(article.tags[0].name, "أمن/تعاون دولي");
        assert_eq!(article.provenance, None);
        assert!(article.imported_at.ends_with('Z'));
    }

    #[test]
    fn missing_article_is_not_found() {
        let archive = Archive::open_in_memory().unwrap();
        assert!(matches!(
            archive.article(42),
            Err(Error::ArticleNotFound(42))
        ));
    }

    #[test]
    fn invalid_articles_are_refused() {
        let mut archive = Archive::open_in_memory().unwrap();
        let cases = [
            NewArticle {
                title: "  ".into(),
                ..sample("x")
            },
            NewArticle {
                date: Some("2022-02-30".into()),
                ..sample("x")
            },
            NewArticle {
                date: Some("10/08/2022".into()),
                ..sample("x")
            },
            NewArticle {
                title: "ع".repeat(MAX_TITLE_CHARS + 1),
                ..sample("x")
            },
        ];
        for case in cases {
            let error = archive.add_article(&case).unwrap_err();
            assert_eq!(error.code(), "invalid_input", "{case:?}");
        }
        assert_eq!(
            archive.list_articles(&ListParams::default()).unwrap().total,
            0
        );
    }

    #[test]
    fn update_changes_only_what_is_given() {
        let mut archive = Archive::open_in_memory().unwrap();
        let id = archive.add_article(&sample("زيارة")).unwrap();
        let update = ArticleUpdate {
            title: Some("زيارة رسمية".into()),
            publication: Some(None),
            notes: Some("للمراجعة".into()),
            ..ArticleUpdate::default()
        };
        let article = archive.update_article(id, &update).unwrap();
        assert_eq!(article.title, "زيارة رسمية");
        assert_eq!(article.publication, None);
        assert_eq!(article.notes, "للمراجعة");
        assert_eq!(article.date.as_deref(), Some("2022-08-10"));
        assert!(matches!(
            archive.update_article(999, &update),
            Err(Error::ArticleNotFound(999))
        ));
    }

    #[test]
    fn list_sorts_and_pages() {
        let mut archive = Archive::open_in_memory().unwrap();
        for (title, date) in [
            ("الرباط", "2022-01-01"),
            ("بيروت", "2023-01-01"),
            ("تونس", "2021-01-01"),
        ] {
            archive
                .add_article(&NewArticle {
                    date: Some(date.into()),
                    ..sample(title)
                })
                .unwrap();
        }
        archive
            .add_article(&NewArticle {
                date: None,
                ..sample("أكادير")
            })
            .unwrap();
        let titles = |sort, descending, limit| {
            let params = ListParams {
                offset: 0,
                limit,
                sort,
                descending,
            };
            let page = archive.list_articles(&params).unwrap();
            assert_eq!(page.total, 4);
            page.items.into_iter().map(|a| a.title).collect::<Vec<_>>()
        };
        assert_eq!(
            titles(SortBy::Title, false, 10),
            ["أكادير", "بيروت", "تونس", "الرباط"]
        );
        assert_eq!(
            titles(SortBy::Date, true, 10),
            ["بيروت", "الرباط", "تونس", "أكادير"]
        );
        assert_eq!(titles(SortBy::Date, true, 2), ["بيروت", "الرباط"]);
        // Undated articles come last in both directions.
        assert_eq!(
            titles(SortBy::Date, false, 10),
            ["تونس", "الرباط", "بيروت", "أكادير"]
        );
    }

    #[test]
    fn delete_removes_article_and_links() {
        let mut archive = Archive::open_in_memory().unwrap();
        let id = archive.add_article(&sample("زيارة")).unwrap();
        assert_eq!(archive.delete_articles(&[id, 999]).unwrap(), 1);
        assert!(archive.article(id).is_err());
        assert_eq!(archive.tags().unwrap()[0].count, 0);
    }

    #[test]
    fn text_hash_ignores_diacritics_and_spacing() {
        assert_eq!(
            text_hash("مُحَمَّد", "نص\r\n  المقال"),
            text_hash("محمد", "نص المقال")
        );
        assert_ne!(text_hash("محمد", "نص"), text_hash("محمد", "نص آخر"));
    }
}
