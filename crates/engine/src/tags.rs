//! Tags: path-like names ("أمن/تعاون دولي") with a colour, attached to many articles.
//! Tags are found by the analyzer's normal form, so "ميزانيه" reaches the tag "ميزانية".
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::now_rfc3339;
use crate::error::{Error, Result};
use crate::keys::name_key;
use crate::model::TagCount;
use crate::Archive;

const MAX_TAG_CHARS: usize = 200;

/// The tag name as it will be stored: whitespace collapsed, no spaces around `/`, no empty
/// path segment.
pub(crate) fn clean_name(name: &str) -> Result<String> {
    let segments: Vec<String> = name
        .split('/')
        .map(|segment| segment.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let cleaned = segments.join("/");
    if cleaned.is_empty() {
        return Err(Error::InvalidInput("a tag needs a name".into()));
    }
    if segments.iter().any(String::is_empty) {
        return Err(Error::InvalidInput(format!(
            "\"{cleaned}\" has an empty part between slashes"
        )));
    }
    if cleaned.chars().count() > MAX_TAG_CHARS {
        return Err(Error::InvalidInput(format!(
            "a tag name has at most {MAX_TAG_CHARS} characters"
        )));
    }
    Ok(cleaned)
}

fn find(conn: &Connection, name: &str) -> Result<Option<i64>> {
    let id = conn
        .query_row(
            "SELECT id FROM tags WHERE key = ?1",
            [name_key(name)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(id)
}

/// The stored name of the tag `name` reaches, if any.
fn find_name(conn: &Connection, name: &str) -> Result<Option<String>> {
    let stored = conn
        .query_row(
            "SELECT name FROM tags WHERE key = ?1",
            [name_key(name)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(stored)
}

fn find_or_create(conn: &Connection, name: &str) -> Result<i64> {
    let name = clean_name(name)?;
    if let Some(id) = find(conn, &name)? {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO tags (name, key, created_at) VALUES (?1, ?2, ?3)",
        params![name, name_key(&name), now_rfc3339()],
    )?;
    Ok(conn.last_insert_rowid())
}

fn ensure_articles_exist(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT count(*) > 0 FROM articles WHERE id = ?1")?;
    for &id in ids {
        if !stmt.query_row([id], |r| r.get::<_, bool>(0))? {
            return Err(Error::ArticleNotFound(id));
        }
    }
    Ok(())
}

/// Attaches the tag `name` (created if new) to `ids` inside the caller's transaction; returns how
/// many articles did not have it yet.
pub(crate) fn attach(conn: &Connection, name: &str, ids: &[i64]) -> Result<u64> {
    ensure_articles_exist(conn, ids)?;
    let tag_id = find_or_create(conn, name)?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?1, ?2)",
    )?;
    let mut added = 0;
    for id in ids {
        added += stmt.execute(params![id, tag_id])? as u64;
    }
    Ok(added)
}

/// Makes `names` the whole tag set of article `id` inside the caller's transaction: every
/// name is checked (and created if new) before the old links go, so a bad name changes nothing.
pub(crate) fn set_article_tags(conn: &Connection, id: i64, names: &[String]) -> Result<()> {
    ensure_articles_exist(conn, &[id])?;
    let tag_ids = names
        .iter()
        .map(|name| find_or_create(conn, name))
        .collect::<Result<Vec<_>>>()?;
    conn.execute("DELETE FROM article_tags WHERE article_id = ?1", [id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?1, ?2)",
    )?;
    for tag_id in tag_ids {
        stmt.execute(params![id, tag_id])?;
    }
    Ok(())
}

/// A row of name, colour and article count.
fn tag_count(row: &rusqlite::Row<'_>) -> rusqlite::Result<TagCount> {
    Ok(TagCount {
        name: row.get(0)?,
        colour: row.get(1)?,
        count: row.get(2)?,
    })
}

/// `%` and `_` are wildcards in LIKE; a tag name may contain them literally.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Gives the tag `name` the colour `colour` if it has none, inside the caller's transaction.
pub(crate) fn colour_if_unset(conn: &Connection, name: &str, colour: &str) -> Result<()> {
    let colour = clean_colour(colour)?;
    conn.execute(
        "UPDATE tags SET colour = ?2 WHERE key = ?1 AND colour IS NULL",
        params![name_key(name), colour],
    )?;
    Ok(())
}

/// `#rrggbb`, lower case.
fn clean_colour(colour: &str) -> Result<String> {
    let colour = colour.trim().to_ascii_lowercase();
    let valid = colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
    if valid {
        Ok(colour)
    } else {
        Err(Error::InvalidInput(format!(
            "\"{colour}\" is not a colour like #1f6f8b"
        )))
    }
}

impl Archive {
    /// Tags every article in `ids` with `name`, creating the tag if needed. All or nothing: an
    /// unknown id leaves every article as it was. Returns how many articles gained the tag.
    pub fn tag_articles(&mut self, name: &str, ids: &[i64]) -> Result<u64> {
        let tx = self.conn.transaction()?;
        let added = attach(&tx, name, ids)?;
        tx.commit()?;
        Ok(added)
    }

    /// Removes the tag from `ids`; the tag itself stays (with its colour) even when unused.
    pub fn untag_articles(&mut self, name: &str, ids: &[i64]) -> Result<u64> {
        let tx = self.conn.transaction()?;
        let tag_id = find(&tx, name)?.ok_or_else(|| Error::TagNotFound(name.to_string()))?;
        let mut removed = 0;
        {
            let mut stmt = tx
                .prepare_cached("DELETE FROM article_tags WHERE article_id = ?1 AND tag_id = ?2")?;
            for id in ids {
                removed += stmt.execute(params![id, tag_id])? as u64;
            }
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Every tag with its article count, in path order so children follow their parent.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, t.colour, count(at.article_id) FROM tags t
             LEFT JOIN article_tags at ON at.tag_id = t.id
             GROUP BY t.id ORDER BY t.key",
        )?;
        let tags = stmt
            .query_map([], tag_count)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tags)
    }

    /// Tags whose name starts with `prefix`, or has a path segment that does ("تعاون" finds
    /// "أمن/تعاون دولي"), compared by the analyzer's normal form: "ميزانيه" finds "ميزانية",
    /// "امن" finds "أمن", diacritics and tatweel are ignored. Most-used first, then in path
    /// order; at most `limit`. An empty prefix gives the most-used tags.
    pub fn suggest_tags(&self, prefix: &str, limit: u32) -> Result<Vec<TagCount>> {
        let key = like_escaped(&name_key(prefix));
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, t.colour, count(at.article_id) AS uses FROM tags t
             LEFT JOIN article_tags at ON at.tag_id = t.id
             WHERE t.key LIKE ?1 || '%' ESCAPE '\\' OR t.key LIKE '%/' || ?1 || '%' ESCAPE '\\'
             GROUP BY t.id ORDER BY uses DESC, t.key LIMIT ?2",
        )?;
        let tags = stmt
            .query_map(params![key, limit], tag_count)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tags)
    }

    /// Renames a tag and, for a path, every tag below it ("أمن" → "سياسة" turns
    /// "أمن/تعاون دولي" into "سياسة/تعاون دولي"). A name already taken by another tag is refused:
    /// that is a merge, and merging is its own explicit action.
    pub fn rename_tag(&mut self, old: &str, new: &str) -> Result<()> {
        let new = clean_name(new)?;
        let tx = self.conn.transaction()?;
        let old_key = name_key(old);
        let tag_id = find(&tx, old)?.ok_or_else(|| Error::TagNotFound(old.to_string()))?;
        if let Some(existing) = find(&tx, &new)? {
            if existing != tag_id {
                return Err(Error::TagExists(new));
            }
        }
        let children: Vec<(i64, String)> = {
            let mut stmt = tx.prepare("SELECT id, name FROM tags WHERE key LIKE ?1 ESCAPE '\\'")?;
            let pattern = format!("{}/%", like_escaped(&old_key));
            let rows = stmt
                .query_map([pattern], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            rows
        };
        let old_depth = clean_name(old)?.split('/').count();
        let mut update = tx.prepare("UPDATE tags SET name = ?2, key = ?3 WHERE id = ?1")?;
        update.execute(params![tag_id, new, name_key(&new)])?;
        for (child_id, child_name) in children {
            let rest: Vec<&str> = child_name.split('/').skip(old_depth).collect();
            let renamed = format!("{new}/{}", rest.join("/"));
            if find(&tx, &renamed)?.is_some() {
                return Err(Error::TagExists(renamed));
            }
            update.execute(params![child_id, renamed, name_key(&renamed)])?;
        }
        drop(update);
        tx.commit()?;
        Ok(())
    }

    /// Moves every article of tag `from` to tag `into` (created if new) and deletes `from`.
    pub fn merge_tags(&mut self, from: &str, into: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let from_id = find(&tx, from)?.ok_or_else(|| Error::TagNotFound(from.to_string()))?;
        let into_id = find_or_create(&tx, into)?;
        if from_id != into_id {
            tx.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id)
                 SELECT article_id, ?2 FROM article_tags WHERE tag_id = ?1",
                params![from_id, into_id],
            )?;
            tx.execute("DELETE FROM tags WHERE id = ?1", [from_id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Sets (or with `None` clears) a tag's colour, `#rrggbb`.
    pub fn set_tag_colour(&mut self, name: &str, colour: Option<&str>) -> Result<()> {
        let colour = colour.map(clean_colour).transpose()?;
        let changed = self.conn.execute(
            "UPDATE tags SET colour = ?2 WHERE key = ?1",
            params![name_key(name), colour],
        )?;
        if changed == 0 {
            return Err(Error::TagNotFound(name.to_string()));
        }
        Ok(())
    }

    /// Creates a tag that no article carries yet (so an archivist can set up a hierarchy before
    /// tagging), with a colour if given. Returns the name as stored. A name another tag already
    /// has, in any spelling the analyzer treats as the same, is refused with `TagExists`.
    pub fn create_tag(&mut self, name: &str, colour: Option<&str>) -> Result<String> {
        let name = clean_name(name)?;
        let colour = colour.map(clean_colour).transpose()?;
        let tx = self.conn.transaction()?;
        if let Some(existing) = find_name(&tx, &name)? {
            return Err(Error::TagExists(existing));
        }
        tx.execute(
            "INSERT INTO tags (name, key, colour, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, name_key(&name), colour, now_rfc3339()],
        )?;
        tx.commit()?;
        Ok(name)
    }

    /// Deletes one tag and takes it off every article; the articles stay, and so do the tags
    /// below it in the path (they are tags of their own). Returns how many articles carried it.
    pub fn delete_tag(&mut self, name: &str) -> Result<u64> {
        let tx = self.conn.transaction()?;
        let tag_id = find(&tx, name)?.ok_or_else(|| Error::TagNotFound(name.to_string()))?;
        let carried: u64 = tx.query_row(
            "SELECT count(*) FROM article_tags WHERE tag_id = ?1",
            [tag_id],
            |r| r.get(0),
        )?;
        // `article_tags` cascades, so the one delete takes the tag off its articles too.
        tx.execute("DELETE FROM tags WHERE id = ?1", [tag_id])?;
        tx.commit()?;
        Ok(carried)
    }

    /// The names of the tags whose name contains `text` once both are normalized by the
    /// analyzer (so "امن" finds "أمن/تعاون دولي"), in path order. Empty text matches every tag.
    pub fn tag_names_matching(&self, text: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM tags WHERE instr(key, ?1) > 0 ORDER BY key")?;
        let names = stmt
            .query_map([name_key(text)], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Archive, NewArticle};

    fn archive_with(n: usize) -> (Archive, Vec<i64>) {
        let mut archive = Archive::open_in_memory().unwrap();
        let ids = (0..n)
            .map(|i| {
                let article = NewArticle {
                    title: format!("مقال {i}"),
                    body: format!("نص {i}"),
                    ..NewArticle::default()
                };
                archive.add_article(&article).unwrap()
            })
            .collect();
        (archive, ids)
    }

    fn counts(archive: &Archive) -> Vec<(String, u64)> {
        archive
            .tags()
            .unwrap()
            .into_iter()
            .map(|t| (t.name, t.count))
            .collect()
    }

    #[test]
    fn tag_and_untag_in_bulk() {
        let (mut archive, ids) = archive_with(3);
        assert_eq!(archive.tag_articles("ميزانية", &ids).unwrap(), 3);
        // Another spelling reaches the same tag and changes nothing new.
        assert_eq!(archive.tag_articles("ميزانيه", &ids[..1]).unwrap(), 0);
        assert_eq!(counts(&archive), [("ميزانية".to_string(), 3)]);
        assert_eq!(archive.untag_articles("ميزانية", &ids[..2]).unwrap(), 2);
        assert_eq!(counts(&archive), [("ميزانية".to_string(), 1)]);
    }

    #[test]
    fn unknown_article_changes_nothing() {
        let (mut archive, ids) = archive_with(1);
        let error = archive.tag_articles("اقتصاد", &[ids[0], 999]).unwrap_err();
        assert_eq!(error.code(), "not_found");
        assert!(archive.tags().unwrap().is_empty());
    }

    #[test]
    fn bad_names_and_colours_are_refused() {
        let (mut archive, ids) = archive_with(1);
        for name in ["", "  ", "أمن//دولي", "/أمن", &"و".repeat(201)] {
            let error = archive.tag_articles(name, &ids).unwrap_err();
            assert_eq!(error.code(), "invalid_input", "{name:?}");
        }
        archive.tag_articles("أمن", &ids).unwrap();
        for colour in ["red", "#12345", "#12345g", ""] {
            assert!(
                archive.set_tag_colour("أمن", Some(colour)).is_err(),
                "{colour}"
            );
        }
        archive.set_tag_colour("أمن", Some("#1F6F8B")).unwrap();
        assert_eq!(
            archive.tags().unwrap()[0].colour.as_deref(),
            Some("#1f6f8b")
        );
    }

    #[test]
    fn rename_moves_children_and_refuses_collisions() {
        let (mut archive, ids) = archive_with(2);
        archive
            .tag_articles(" أمن / تعاون  دولي ", &ids[..1])
            .unwrap();
        archive.tag_articles("أمن", &ids[1..]).unwrap();
        archive.tag_articles("سياسة", &ids[1..]).unwrap();
        archive.rename_tag("امن", "أمن وطني").unwrap();
        assert_eq!(
            counts(&archive),
            [
                ("أمن وطني".to_string(), 1),
                ("أمن وطني/تعاون دولي".to_string(), 1),
                ("سياسة".to_string(), 1)
            ]
        );
        let error = archive.rename_tag("أمن وطني", "سياسه").unwrap_err();
        assert_eq!(error.code(), "tag_exists");
        assert_eq!(
            archive.rename_tag("لا يوجد", "x").unwrap_err().code(),
            "not_found"
        );
    }

    #[test]
    fn merge_moves_articles_once() {
        let (mut archive, ids) = archive_with(3);
        archive.tag_articles("المغرب", &ids[..2]).unwrap();
        archive.tag_articles("Maroc", &ids[1..]).unwrap();
        archive.merge_tags("Maroc", "المغرب").unwrap();
        assert_eq!(counts(&archive), [("المغرب".to_string(), 3)]);
        assert_eq!(
            archive.merge_tags("Maroc", "المغرب").unwrap_err().code(),
            "not_found"
        );
    }

    /// The names `suggest_tags` offers for `prefix`, in order.
    fn suggested(archive: &Archive, prefix: &str) -> Vec<String> {
        archive
            .suggest_tags(prefix, 10)
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect()
    }

    #[test]
    fn suggestions_match_the_normal_form_of_whole_names_and_segments() {
        let (mut archive, ids) = archive_with(3);
        for (name, uses) in [
            ("ميزانية", 1),
            ("أمن/تعاون دولي", 2),
            ("إسلام", 1),
            ("مؤتمر", 1),
            ("مسؤولية", 1),
            ("100%_x", 1),
            ("Économie", 1),
        ] {
            archive.tag_articles(name, &ids[..uses]).unwrap();
        }
        let cases: &[(&str, &[&str])] = &[
            // ة typed as ه.
            ("ميزانيه", &["ميزانية"]),
            ("ميزا", &["ميزانية"]),
            // Hamza forms: bare alef for أ and إ, and the hamza on its seat or alone.
            ("امن", &["أمن/تعاون دولي"]),
            ("أمن", &["أمن/تعاون دولي"]),
            ("اسلام", &["إسلام"]),
            ("مءتمر", &["مؤتمر"]),
            ("مسئولية", &["مسؤولية"]),
            // Diacritics and tatweel are ignored.
            ("مِيزَانِيَّة", &["ميزانية"]),
            ("ميـــزانية", &["ميزانية"]),
            // A path segment matches too, and the separator's spaces do not matter.
            ("تعاون", &["أمن/تعاون دولي"]),
            ("أمن / تعا", &["أمن/تعاون دولي"]),
            // LIKE wildcards are plain characters.
            ("100%", &["100%_x"]),
            ("1%", &[]),
            ("_", &[]),
            ("economie", &["Économie"]),
            ("دولي", &[]),
        ];
        for &(prefix, expected) in cases {
            assert_eq!(suggested(&archive, prefix), expected, "{prefix}");
        }
        // No prefix: the most-used tag first, and the limit holds.
        let top = archive.suggest_tags("", 2).unwrap();
        assert_eq!(top.len(), 2);
        assert_eq!((top[0].name.as_str(), top[0].count), ("أمن/تعاون دولي", 2));
    }

    #[test]
    fn an_article_update_sets_the_whole_tag_set() {
        let (mut archive, ids) = archive_with(2);
        archive.tag_articles("أمن", &ids).unwrap();
        archive.tag_articles("سياسة", &ids[..1]).unwrap();
        let set = |archive: &mut Archive, names: &[&str]| {
            let update = crate::ArticleUpdate {
                tags: Some(names.iter().map(|n| n.to_string()).collect()),
                ..crate::ArticleUpdate::default()
            };
            archive.update_article(ids[0], &update)
        };
        let article = set(&mut archive, &["سياسه", "اقتصاد"]).unwrap();
        let names: Vec<_> = article.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["اقتصاد", "سياسة"]);
        assert_eq!(
            counts(&archive),
            [
                ("اقتصاد".to_string(), 1),
                ("أمن".to_string(), 1),
                ("سياسة".to_string(), 1)
            ]
        );
        // A bad name refuses the whole edit: the tags stay as they were.
        assert_eq!(
            set(&mut archive, &["ثقافة", "أ//ب"]).unwrap_err().code(),
            "invalid_input"
        );
        let tags = archive.article(ids[0]).unwrap().tags;
        assert_eq!(tags.len(), 2);
        assert!(set(&mut archive, &[]).unwrap().tags.is_empty());
    }

    #[test]
    fn create_an_unused_tag_once() {
        let (mut archive, ids) = archive_with(1);
        let name = archive
            .create_tag(" أمن / تعاون دولي ", Some("#1F6F8B"))
            .unwrap();
        assert_eq!(name, "أمن/تعاون دولي");
        assert_eq!(counts(&archive), [("أمن/تعاون دولي".to_string(), 0)]);
        assert_eq!(
            archive.tags().unwrap()[0].colour.as_deref(),
            Some("#1f6f8b")
        );
        // Another spelling of the same name is the same tag.
        let error = archive.create_tag("امن/تعاون دولى", None).unwrap_err();
        assert_eq!(error.code(), "tag_exists");
        assert_eq!(
            archive.create_tag("x", Some("red")).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            archive.create_tag("a//b", None).unwrap_err().code(),
            "invalid_input"
        );
        // Tagging with the created name uses it rather than making another.
        archive.tag_articles("أمن/تعاون دولي", &ids).unwrap();
        assert_eq!(counts(&archive), [("أمن/تعاون دولي".to_string(), 1)]);
    }

    #[test]
    fn delete_takes_the_tag_off_its_articles_and_keeps_children() {
        let (mut archive, ids) = archive_with(3);
        archive.tag_articles("أمن", &ids[..2]).unwrap();
        archive.tag_articles("أمن/تعاون دولي", &ids[1..]).unwrap();
        assert_eq!(archive.delete_tag("امن").unwrap(), 2);
        assert_eq!(counts(&archive), [("أمن/تعاون دولي".to_string(), 2)]);
        assert!(archive.article(ids[0]).unwrap().tags.is_empty());
        assert_eq!(archive.stats().unwrap().articles, 3);
        assert_eq!(archive.delete_tag("أمن").unwrap_err().code(), "not_found");
        // An unused tag deletes too, touching no article.
        archive.create_tag("فارغ", None).unwrap();
        assert_eq!(archive.delete_tag("فارغ").unwrap(), 0);
    }

    #[test]
    fn tags_match_after_normalization() {
        let (mut archive, ids) = archive_with(1);
        for name in ["أمن", "أمن/تعاون دولي", "ميزانية", "Économie"] {
            archive.tag_articles(name, &ids).unwrap();
        }
        let check = |text: &str, expected: &[&str]| {
            assert_eq!(
                archive.tag_names_matching(text).unwrap(),
                expected,
                "{text}"
            );
        };
        check("امن", &["أمن", "أمن/تعاون دولي"]);
        check("تعاون", &["أمن/تعاون دولي"]);
        check("ميزانيه", &["ميزانية"]);
        check("economie", &["Économie"]);
        check("", &["Économie", "أمن", "أمن/تعاون دولي", "ميزانية"]);
        check("لا شيء", &[]);
    }
}
