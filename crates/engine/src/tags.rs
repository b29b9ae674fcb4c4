//! Tags: path-like names ("أمن/تعاون دولي") with a colour, attached to many articles.
//! Tags are found by the analyzer's normal form, so "ميزانيه" reaches the tag "ميزانية".
use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::now_rfc3339;
use crate::error::{Error, Result};
use crate::keys::name_key;
use crate::model::{TagCount, TagParent};
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

/// `name` with its leading path segments spelled as the archive already spells them: with a tag
/// "أمن" (or "أمن/…") stored, "امن/تعاون" becomes "أمن/تعاون". The analyzer treats the two
/// spellings as one tag, so a tree must not show the parent twice. The deepest stored prefix
/// wins; the last segment is the caller's own spelling.
fn with_stored_parents(conn: &Connection, name: &str) -> Result<String> {
    let segments: Vec<&str> = name.split('/').collect();
    let mut stored_below = conn.prepare_cached(&format!(
        "SELECT name FROM tags WHERE {} LIMIT 1",
        in_subtree("key", "?1")
    ))?;
    for end in (1..segments.len()).rev() {
        let prefix_key = name_key(&segments[..end].join("/"));
        let stored: Option<String> = stored_below
            .query_row([prefix_key], |r| r.get(0))
            .optional()?;
        if let Some(stored) = stored {
            let spelled: Vec<&str> = stored
                .split('/')
                .take(end)
                .chain(segments[end..].iter().copied())
                .collect();
            return Ok(spelled.join("/"));
        }
    }
    Ok(name.to_string())
}

fn find_or_create(conn: &Connection, name: &str) -> Result<i64> {
    let name = clean_name(name)?;
    if let Some(id) = find(conn, &name)? {
        return Ok(id);
    }
    let name = with_stored_parents(conn, &name)?;
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

/// SQL saying that `column` is the tag key `key` or a key below it in the path (both SQL
/// expressions). The keys below "امن" are exactly those between "امن/" and "امن0", since '0'
/// follows '/' in byte order: a range the key's index answers, with nothing to escape (a LIKE
/// pattern would have to escape `%` and `_` in the key).
fn in_subtree(column: &str, key: &str) -> String {
    format!("({column} = {key} OR ({column} > {key} || '/' AND {column} < {key} || '0'))")
}

/// Every tag (alias `t`) with its own article count and its subtree's distinct article count,
/// then `tail` (a WHERE on `t`, the ORDER BY, a LIMIT). Read by [`tag_count`].
fn counted_tags(tail: &str) -> String {
    format!(
        "SELECT t.name, t.colour,
           (SELECT count(*) FROM article_tags a WHERE a.tag_id = t.id) AS uses,
           (SELECT count(DISTINCT a.article_id) FROM tags d
              JOIN article_tags a ON a.tag_id = d.id WHERE {}) AS total
         FROM tags t {tail}",
        in_subtree("d.key", "t.key")
    )
}

/// A row of [`counted_tags`].
fn tag_count(row: &rusqlite::Row<'_>) -> rusqlite::Result<TagCount> {
    Ok(TagCount {
        name: row.get(0)?,
        colour: row.get(1)?,
        count: row.get(2)?,
        total: row.get(3)?,
    })
}

/// What `move_subtree` does when a tag's new name is already another tag's.
#[derive(Clone, Copy)]
enum Collision {
    /// Refuse with `TagExists` (a rename).
    Refuse,
    /// The moved tag's articles join the existing tag, which keeps its colour, and the moved
    /// tag goes (a merge).
    Join,
}

/// Gives the tag `root` (stored as `root_name`) the name `new_root`, and every tag below it
/// the same new beginning ("أمن/تعاون" → "سياسة/تعاون"), inside the caller's transaction.
fn move_subtree(
    conn: &Connection,
    root_name: &str,
    new_root: &str,
    collision: Collision,
) -> Result<()> {
    let moving: Vec<(i64, String)> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT id, name FROM tags WHERE {} ORDER BY key",
            in_subtree("key", "?1")
        ))?;
        let rows = stmt
            .query_map([name_key(root_name)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows
    };
    // Out of the way first: a new name may be an old name of the same subtree ("أ/ب/ب" becomes
    // "أ/ب" when "أ/ب" merges into "أ"), and it must meet only tags outside the move. No real
    // key starts with '/', so these parking keys are never a tag's.
    let mut park = conn.prepare_cached("UPDATE tags SET key = '/' || id WHERE id = ?1")?;
    for (id, _) in &moving {
        park.execute([id])?;
    }
    let depth = root_name.split('/').count();
    let mut rename = conn.prepare_cached("UPDATE tags SET name = ?2, key = ?3 WHERE id = ?1")?;
    let mut join = conn.prepare_cached(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id)
         SELECT article_id, ?2 FROM article_tags WHERE tag_id = ?1",
    )?;
    let mut delete = conn.prepare_cached("DELETE FROM tags WHERE id = ?1")?;
    for (id, name) in moving {
        let rest: Vec<&str> = name.split('/').skip(depth).collect();
        let new_name = if rest.is_empty() {
            new_root.to_string()
        } else {
            clean_name(&format!("{new_root}/{}", rest.join("/")))?
        };
        match (find(conn, &new_name)?, collision) {
            (None, _) => {
                rename.execute(params![id, new_name, name_key(&new_name)])?;
            }
            (Some(_), Collision::Refuse) => return Err(Error::TagExists(new_name)),
            (Some(target), Collision::Join) => {
                join.execute(params![id, target])?;
                delete.execute([id])?;
            }
        }
    }
    Ok(())
}

/// Whether the key `key` lies below `ancestor` in the path.
fn is_below(key: &str, ancestor: &str) -> bool {
    key.strip_prefix(ancestor)
        .is_some_and(|rest| rest.starts_with('/'))
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

    /// The name as stored of the tag `name` reaches (the analyzer's normal form decides), if
    /// any: after tagging with "امن/دولي", what the archive calls that tag.
    pub fn tag_name(&self, name: &str) -> Result<Option<String>> {
        find_name(&self.conn, name)
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

    /// Every tag with its article count and its subtree's (the articles carrying it or a tag
    /// below it, each once), in path order so children follow their parent.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare_cached(&counted_tags("ORDER BY t.key"))?;
        let tags = stmt
            .query_map([], tag_count)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tags)
    }

    /// The path segments that lead to tags without being tags themselves ("أمن" when only
    /// "أمن/تعاون دولي" exists), each with the articles below it counted once, so a tree of
    /// tags can give every node its total. In path order.
    pub fn tag_parents(&self) -> Result<Vec<TagParent>> {
        let tags: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT name, key FROM tags ORDER BY key")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            rows
        };
        let keys: HashSet<&str> = tags.iter().map(|(_, key)| key.as_str()).collect();
        let mut seen = HashSet::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT count(DISTINCT a.article_id) FROM tags d
             JOIN article_tags a ON a.tag_id = d.id WHERE {}",
            in_subtree("d.key", "?1")
        ))?;
        let mut parents = Vec::new();
        for (name, _) in &tags {
            let segments: Vec<&str> = name.split('/').collect();
            for end in 1..segments.len() {
                let path = segments[..end].join("/");
                let key = name_key(&path);
                if keys.contains(key.as_str()) || !seen.insert(path.clone()) {
                    continue;
                }
                let total = stmt.query_row([&key], |r| r.get(0))?;
                parents.push(TagParent { name: path, total });
            }
        }
        Ok(parents)
    }

    /// Tags whose name starts with `prefix`, or has a path segment that does ("تعاون" finds
    /// "أمن/تعاون دولي"), compared by the analyzer's normal form: "ميزانيه" finds "ميزانية",
    /// "امن" finds "أمن", diacritics and tatweel are ignored. Most-used first, then in path
    /// order; at most `limit`. An empty prefix gives the most-used tags.
    pub fn suggest_tags(&self, prefix: &str, limit: u32) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare_cached(&counted_tags(
            "WHERE instr(t.key, ?1) = 1 OR instr(t.key, '/' || ?1) > 0
             ORDER BY uses DESC, t.key LIMIT ?2",
        ))?;
        let tags = stmt
            .query_map(params![name_key(prefix), limit], tag_count)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tags)
    }

    /// Renames a tag and, for a path, every tag below it ("أمن" → "سياسة" turns
    /// "أمن/تعاون دولي" into "سياسة/تعاون دولي"). A name already taken by another tag is refused:
    /// that is a merge, and merging is its own explicit action. Returns the new name as stored
    /// (cleaned, its parents spelled as the archive spells them).
    pub fn rename_tag(&mut self, old: &str, new: &str) -> Result<String> {
        let new = clean_name(new)?;
        let tx = self.conn.transaction()?;
        let old_name = find_name(&tx, old)?.ok_or_else(|| Error::TagNotFound(old.to_string()))?;
        let new = with_stored_parents(&tx, &new)?;
        move_subtree(&tx, &old_name, &new, Collision::Refuse)?;
        tx.commit()?;
        Ok(new)
    }

    /// Merges the tag `from` into the tag `into` (created if new), with the whole subtree:
    /// `from`'s articles go to `into`, and each tag below `from` moves below `into` ("from/x"
    /// becomes "into/x", joining "into/x" if that exists). A tag that already exists keeps its
    /// colour. `from` and the joined tags are deleted. A target below `from` is refused with
    /// `MergeIntoDescendant`, changing nothing.
    pub fn merge_tags(&mut self, from: &str, into: &str) -> Result<()> {
        let into = clean_name(into)?;
        let tx = self.conn.transaction()?;
        let from_name =
            find_name(&tx, from)?.ok_or_else(|| Error::TagNotFound(from.to_string()))?;
        let (from_key, into_key) = (name_key(&from_name), name_key(&into));
        if from_key == into_key {
            return Ok(());
        }
        if is_below(&into_key, &from_key) {
            return Err(Error::MergeIntoDescendant {
                from: from_name,
                into,
            });
        }
        find_or_create(&tx, &into)?;
        let into_name = find_name(&tx, &into)?.unwrap_or(into);
        move_subtree(&tx, &from_name, &into_name, Collision::Join)?;
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
        let name = with_stored_parents(&tx, &name)?;
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
        // A child's new name taken by another tag refuses the whole rename.
        archive.tag_articles("ثقافة/تعاون دولي", &ids[..1]).unwrap();
        let before = counts(&archive);
        let error = archive.rename_tag("أمن وطني", "ثقافة").unwrap_err();
        assert_eq!(error.code(), "tag_exists");
        assert_eq!(counts(&archive), before);
        archive.delete_tag("ثقافة/تعاون دولي").unwrap();
        // Moving a tag below its own old path takes its children along.
        archive.rename_tag("أمن وطني", "أمن وطني/قديم").unwrap();
        let names: Vec<_> = counts(&archive).into_iter().map(|t| t.0).collect();
        assert_eq!(
            names,
            ["أمن وطني/قديم", "أمن وطني/قديم/تعاون دولي", "سياسة"]
        );
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

    /// Every tag as (name, own count, subtree total, colour).
    fn listing(archive: &Archive) -> Vec<(String, u64, u64, Option<String>)> {
        archive
            .tags()
            .unwrap()
            .into_iter()
            .map(|t| (t.name, t.count, t.total, t.colour))
            .collect()
    }

    /// `n` articles, tagged as `tags` says: each name with the range of article positions.
    fn tagged(n: usize, tags: &[(&str, std::ops::Range<usize>)]) -> (Archive, Vec<i64>) {
        let (mut archive, ids) = archive_with(n);
        for (name, range) in tags {
            archive.tag_articles(name, &ids[range.clone()]).unwrap();
        }
        (archive, ids)
    }

    /// The names of the tags `id` carries.
    fn tags_of(archive: &Archive, id: i64) -> Vec<String> {
        let article = archive.article(id).unwrap();
        article.tags.into_iter().map(|t| t.name).collect()
    }

    #[test]
    fn merge_carries_the_subtree_and_joins_collisions() {
        let (mut archive, ids) = tagged(
            5,
            &[
                ("أمن", 0..1),
                ("أمن/دولي", 1..2),
                ("أمن/دولي/اتفاقيات", 2..3),
                ("أمن/محلي", 3..4),
                ("سياسة/محلي", 3..5),
            ],
        );
        archive
            .set_tag_colour("سياسة/محلي", Some("#2b6cb0"))
            .unwrap();
        archive.set_tag_colour("أمن/محلي", Some("#c0392b")).unwrap();
        archive.set_tag_colour("أمن/دولي", Some("#2e8b3d")).unwrap();
        // The target "سياسة" is created; its spelling in the call need not be the stored one.
        archive.merge_tags("امن", "سياسة").unwrap();
        let blue = Some("#2b6cb0".to_string());
        let green = Some("#2e8b3d".to_string());
        assert_eq!(
            listing(&archive),
            [
                ("سياسة".to_string(), 1, 5, None),
                // A tag that moved keeps its colour, at depth 2 and 3.
                ("سياسة/دولي".to_string(), 1, 2, green),
                ("سياسة/دولي/اتفاقيات".to_string(), 1, 1, None),
                // The collision: the articles join, the existing tag keeps its colour.
                ("سياسة/محلي".to_string(), 2, 2, blue),
            ]
        );
        assert_eq!(tags_of(&archive, ids[2]), ["سياسة/دولي/اتفاقيات"]);
        assert_eq!(tags_of(&archive, ids[3]), ["سياسة/محلي"]);
    }

    #[test]
    fn a_new_path_takes_the_stored_spelling_of_its_parents() {
        // "امن" and "سياسه" are the analyzer's "أمن" and "سياسة": one parent each in the tree.
        let (mut archive, ids) = tagged(3, &[("أمن", 0..1), ("سياسة/محلي/مدن", 1..2)]);
        archive.tag_articles("امن/دولي", &ids[2..3]).unwrap();
        // A path-only parent is spelled from the tag below it, at the deepest level known.
        archive
            .create_tag("سياسه/محلى/قرى", Some("#2b6cb0"))
            .unwrap();
        archive.rename_tag("امن/دولي", "سياسه/دولى").unwrap();
        // The last segment is the archivist's own spelling; only the parents are aligned.
        assert_eq!(
            listing(&archive)
                .into_iter()
                .map(|(name, ..)| name)
                .collect::<Vec<_>>(),
            ["أمن", "سياسة/دولى", "سياسة/محلي/قرى", "سياسة/محلي/مدن"]
        );
        assert_eq!(tags_of(&archive, ids[2]), ["سياسة/دولى"]);
        // A merge target created on the way is aligned too.
        archive.merge_tags("أمن", "سياسه/أمن").unwrap();
        assert_eq!(tags_of(&archive, ids[0]), ["سياسة/أمن"]);
    }

    #[test]
    fn merge_into_an_ancestor_moves_the_subtree_up() {
        // "أ/ب" into "أ": "أ/ب/ب/ج" becomes "أ/ب/ج", the old name of another moved tag, which
        // itself becomes "أ/ج". Each set of articles must land where its own path says.
        let (mut archive, ids) = tagged(
            4,
            &[
                ("أ", 0..1),
                ("أ/ب", 1..2),
                ("أ/ب/ج", 2..3),
                ("أ/ب/ب/ج", 3..4),
            ],
        );
        archive.merge_tags("أ/ب", "أ").unwrap();
        assert_eq!(tags_of(&archive, ids[1]), ["أ"]);
        assert_eq!(tags_of(&archive, ids[2]), ["أ/ج"]);
        assert_eq!(tags_of(&archive, ids[3]), ["أ/ب/ج"]);
        let names: Vec<_> = listing(&archive).into_iter().map(|t| t.0).collect();
        assert_eq!(names, ["أ", "أ/ب/ج", "أ/ج"]);
    }

    #[test]
    fn merge_into_its_own_descendant_is_refused_and_changes_nothing() {
        let (mut archive, _) = tagged(2, &[("أمن", 0..1), ("أمن/دولي", 1..2)]);
        let before = listing(&archive);
        for into in ["أمن/دولي", "امن/دولي/جديد"] {
            let error = archive.merge_tags("أمن", into).unwrap_err();
            assert_eq!(error.code(), "merge_into_descendant", "{into}");
            assert_eq!(listing(&archive), before, "{into}");
        }
        // A sibling whose name starts with the same letters is no descendant.
        archive.merge_tags("أمن", "أمنية").unwrap();
        let names: Vec<_> = listing(&archive).into_iter().map(|t| t.0).collect();
        assert_eq!(names, ["أمنية", "أمنية/دولي"]);
    }

    #[test]
    fn totals_count_each_article_of_a_subtree_once() {
        // Article 0 carries two sub-tags of "سياسة", article 1 the parent and a sub-tag.
        // Siblings whose names only start alike ("سياسة عامة") are outside the subtree.
        let (archive, _) = tagged(
            4,
            &[
                ("سياسة/أمن", 0..2),
                ("سياسة/اقتصاد", 0..1),
                ("سياسة", 1..2),
                ("سياسة/اقتصاد/ميزانية", 2..3),
                ("سياسة عامة", 3..4),
                ("سياسة_x", 3..4),
            ],
        );
        let totals: Vec<_> = listing(&archive)
            .into_iter()
            .map(|t| (t.0, t.1, t.2))
            .collect();
        assert_eq!(
            totals,
            [
                ("سياسة".to_string(), 1, 3),
                ("سياسة عامة".to_string(), 1, 1),
                ("سياسة/اقتصاد".to_string(), 1, 2),
                ("سياسة/اقتصاد/ميزانية".to_string(), 1, 1),
                ("سياسة/أمن".to_string(), 2, 2),
                ("سياسة_x".to_string(), 1, 1),
            ]
        );
        // Suggestions carry the same figures.
        let suggested = archive.suggest_tags("سياسه", 1).unwrap();
        assert_eq!((suggested[0].count, suggested[0].total), (2, 2));
    }

    #[test]
    fn path_only_parents_get_their_subtree_total() {
        // "سياسة عامة" is a tag of its own, so it is no parent.
        let (archive, _) = tagged(
            3,
            &[
                ("سياسة/أمن", 0..2),
                ("سياسة/اقتصاد", 0..1),
                ("ثقافة/سينما/مهرجانات", 2..3),
                ("ثقافة/سينما", 2..3),
                ("سياسة عامة/x", 2..3),
                ("سياسة عامة", 2..3),
            ],
        );
        let parents: Vec<_> = archive
            .tag_parents()
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.total))
            .collect();
        assert_eq!(
            parents,
            [("ثقافة".to_string(), 1), ("سياسة".to_string(), 2)]
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
