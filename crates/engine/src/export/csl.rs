//! CSL-JSON, the citation format of Zotero, Pandoc and citeproc: an array of items valid against
//! the official CSL-JSON v1.0 schema (`tests/fixtures/csl/csl-data.json`). Standard variables
//! carry what CSL knows (title, authors, newspaper, date, language, URL, section, page, tags as
//! `categories`); everything only an archive knows goes under `custom`, the one place the schema
//! leaves open.
use std::io::Write;

use serde_json::{json, Map, Value};

use super::{write_json, FormatWriter};
use crate::model::Article;

/// The `custom` key holding the article's id in the exporting archive.
pub const CUSTOM_ID: &str = "arshif_id";

/// `article-newspaper` by default; `webpage` for an article with a URL and no publication, which
/// is what a page saved from a site without a masthead is.
pub fn item_type(article: &Article) -> &'static str {
    if article.publication.is_none() && article.url.is_some() {
        "webpage"
    } else {
        "article-newspaper"
    }
}

/// `YYYY-MM-DD` as CSL date parts `[[year, month, day]]`.
fn date_parts(date: &str) -> Option<Value> {
    let mut parts = date.split('-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => Some(json!([[y, m, d]])),
        _ => None,
    }
}

/// One article as a CSL item.
pub fn item(article: &Article) -> Value {
    let mut item = Map::new();
    // A string id with a prefix: merged into a reference library it cannot collide with the
    // numeric ids other tools use.
    item.insert("id".into(), json!(format!("arshif-{}", article.id)));
    item.insert("type".into(), json!(item_type(article)));
    item.insert("title".into(), json!(article.title));
    if !article.authors.is_empty() {
        // Names stay whole (`literal`): splitting an Arabic name into family and given parts
        // (ابن, آل, أبو, compound names) cannot be done reliably from the text.
        let authors: Vec<Value> = article
            .authors
            .iter()
            .map(|name| json!({ "literal": name }))
            .collect();
        item.insert("author".into(), Value::Array(authors));
    }
    let optional = [
        ("container-title", &article.publication),
        ("language", &article.language),
        ("URL", &article.url),
        ("section", &article.section),
        ("page", &article.page),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            item.insert(key.into(), json!(value));
        }
    }
    let mut issued = Map::new();
    if let Some(parts) = article.date.as_deref().and_then(date_parts) {
        issued.insert("date-parts".into(), parts);
    }
    if let Some(text) = &article.date_text {
        issued.insert("raw".into(), json!(text));
    }
    if !issued.is_empty() {
        item.insert("issued".into(), Value::Object(issued));
    }
    if !article.tags.is_empty() {
        let names: Vec<&str> = article.tags.iter().map(|t| t.name.as_str()).collect();
        item.insert("categories".into(), json!(names));
    }
    item.insert("custom".into(), custom(article));
    Value::Object(item)
}

/// What CSL has no variable for. The body is here so that a CSL export imports back as whole
/// articles; reference managers ignore `custom`.
fn custom(article: &Article) -> Value {
    let provenance = article.provenance.as_ref().map(|p| {
        json!({
            "file_name": p.file_name,
            "file_path": p.file_path,
            "sha256": p.sha256,
            "size": p.size,
            "encoding": p.encoding,
            "importer": p.importer,
            "boilerplate_removed": p.boilerplate_removed,
        })
    });
    json!({
        CUSTOM_ID: article.id,
        "body": article.body,
        "date_text": article.date_text,
        "hijri_date": article.hijri_date,
        "notes": article.notes,
        "tags": article.tags,
        "imported_at": article.imported_at,
        "modified_at": article.modified_at,
        "provenance": provenance,
    })
}

/// Writes the array one item per line.
#[derive(Default)]
pub(crate) struct CslWriter {
    written: u64,
}

impl FormatWriter for CslWriter {
    fn start(&mut self, out: &mut dyn Write, _total: u64) -> std::io::Result<()> {
        out.write_all(b"[")
    }

    fn article(
        &mut self,
        out: &mut dyn Write,
        article: &Article,
        _original: Option<&[u8]>,
    ) -> std::io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        write_json(out, &item(article))?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagRef;

    fn article() -> Article {
        Article {
            id: 7,
            title: "عنوان".into(),
            body: "نص".into(),
            publication: Some("جريدة أصوات".into()),
            authors: vec!["سعيد الخطابي".into()],
            section: None,
            page: None,
            url: Some("https://example.ma/a".into()),
            language: Some("ar-MA".into()),
            date: Some("2022-08-10".into()),
            date_text: Some("10 غشت 2022".into()),
            hijri_date: None,
            notes: String::new(),
            tags: vec![TagRef {
                name: "أمن".into(),
                colour: Some("#1f6f8b".into()),
            }],
            imported_at: "2026-11-29T09:00:00Z".into(),
            modified_at: "2026-11-29T09:00:00Z".into(),
            provenance: None,
        }
    }

    #[test]
    fn standard_variables_carry_what_csl_knows() {
        let item = item(&article());
        assert_eq!(item["id"], "arshif-7");
        assert_eq!(item["type"], "article-newspaper");
        assert_eq!(item["author"], json!([{ "literal": "سعيد الخطابي" }]));
        assert_eq!(item["container-title"], "جريدة أصوات");
        assert_eq!(
            item["issued"],
            json!({ "date-parts": [[2022, 8, 10]], "raw": "10 غشت 2022" })
        );
        assert_eq!(item["categories"], json!(["أمن"]));
        assert_eq!(item["custom"]["tags"][0]["colour"], "#1f6f8b");
        assert!(item.get("section").is_none());
    }

    #[test]
    fn type_follows_publication_and_url() {
        let cases = [
            (Some("هسبريس"), Some("https://x"), "article-newspaper"),
            (None, Some("https://x"), "webpage"),
            (None, None, "article-newspaper"),
        ];
        for (publication, url, expected) in cases {
            let mut a = article();
            a.publication = publication.map(String::from);
            a.url = url.map(String::from);
            assert_eq!(item_type(&a), expected, "{publication:?} {url:?}");
        }
    }
}
