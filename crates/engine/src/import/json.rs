//! JSON files: our own export (`schema: "arshif/1"`, see [`crate::export::native`]), read back
//! without loss, and CSL-JSON from reference managers (an array of items, or one item), whose
//! standard variables map to article fields and whose `custom` part, when we wrote it, restores
//! the rest.
use std::path::Path;

use base64::Engine as _;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{ImportError, Importer, ParseContext, ParsedArticle, ParsedFile};
use crate::articles::{hex, validate_date};
use crate::export::native::{NativeArticle, NativeFile, NativeProvenance, SCHEMA, SCHEMA_PREFIX};
use crate::model::{NewArticle, Origin, Provenance, TagRef};

pub struct JsonImporter;

/// The largest JSON file imported: our export of tens of thousands of articles with their originals.
const MAX_EXPORT_BYTES: u64 = 512 * 1024 * 1024;

impl Importer for JsonImporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    /// A native export of a whole archive, original files included, easily passes the limit
    /// meant for one article; it is read into memory once, so it still needs a ceiling.
    fn max_file_bytes(&self) -> Option<u64> {
        Some(MAX_EXPORT_BYTES)
    }

    fn parse(
        &self,
        bytes: &[u8],
        _path: &Path,
        _context: &ParseContext,
    ) -> Result<ParsedFile, ImportError> {
        // JSON is UTF-8 (RFC 8259); a BOM is tolerated because Windows editors add one.
        let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
        let not_json = |e: serde_json::Error| invalid(format!("this is not valid JSON ({e})"));
        // A first pass reads only the `schema` field (skipping the rest without building it), so
        // a large native export is parsed once, straight into its structs.
        if bytes.trim_ascii_start().starts_with(b"{") {
            let probe: Probe = serde_json::from_slice(bytes).map_err(not_json)?;
            if let Some(schema) = probe.schema {
                let articles = native(&schema, bytes)?;
                return finish(articles);
            }
        }
        let value: Value = serde_json::from_slice(bytes).map_err(not_json)?;
        let articles = match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| csl_item(item, index))
                .collect::<Result<_, _>>()?,
            Value::Object(object) if object.contains_key("type") => {
                vec![csl_item(&Value::Object(object), 0)?]
            }
            _ => {
                return Err(ImportError::InvalidJson(
                    "this JSON is neither an Arshif export nor CSL-JSON".into(),
                ))
            }
        };
        finish(articles)
    }
}

/// The top-level field that tells our export from CSL-JSON; everything else is skipped.
#[derive(serde::Deserialize)]
struct Probe {
    schema: Option<String>,
}

fn finish(articles: Vec<ParsedArticle>) -> Result<ParsedFile, ImportError> {
    if articles.is_empty() {
        return Err(ImportError::NoText);
    }
    Ok(ParsedFile {
        articles,
        encoding: "UTF-8",
    })
}

fn invalid(message: impl Into<String>) -> ImportError {
    ImportError::InvalidJson(message.into())
}

/// Our own export. A later major version is refused rather than half read.
fn native(schema: &str, bytes: &[u8]) -> Result<Vec<ParsedArticle>, ImportError> {
    if schema != SCHEMA {
        return Err(match schema.strip_prefix(SCHEMA_PREFIX) {
            Some(version) => invalid(format!(
                "this export was written by a newer version of Arshif (format {SCHEMA_PREFIX}\
                 {version}; this version reads {SCHEMA}); update Arshif to import it"
            )),
            None => invalid(format!("unknown JSON schema \"{schema}\"")),
        });
    }
    let file: NativeFile = serde_json::from_slice(bytes)
        .map_err(|e| invalid(format!("this Arshif export is damaged ({e})")))?;
    file.articles.into_iter().map(native_article).collect()
}

fn native_article(article: NativeArticle) -> Result<ParsedArticle, ImportError> {
    let origin = article
        .provenance
        .as_ref()
        .map(|p| origin(p, &article.imported_at))
        .transpose()?;
    let boilerplate_removed = article
        .provenance
        .as_ref()
        .map(|p| p.boilerplate_removed.clone())
        .unwrap_or_default();
    Ok(ParsedArticle {
        article: NewArticle {
            title: article.title,
            body: article.body,
            publication: article.publication,
            authors: article.authors,
            section: article.section,
            page: article.page,
            url: article.url,
            language: article.language,
            date: article.date,
            date_text: article.date_text,
            hijri_date: article.hijri_date,
            notes: article.notes,
            tags: article.tags.iter().map(|t| t.name.clone()).collect(),
            tag_colours: article
                .tags
                .into_iter()
                .filter(|t| t.colour.is_some())
                .collect(),
            origin,
        },
        boilerplate_removed,
    })
}

/// The article's first provenance, with its original file checked against the recorded hash:
/// a file whose bytes do not match is damaged, and importing it would store a wrong "original".
fn origin(provenance: &NativeProvenance, imported_at: &str) -> Result<Origin, ImportError> {
    let bytes = provenance
        .original_base64
        .as_deref()
        .map(|text| {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| {
                    invalid(format!(
                        "the original of {} is damaged ({e})",
                        provenance.file_name
                    ))
                })
        })
        .transpose()?;
    if let Some(bytes) = &bytes {
        if hex(&Sha256::digest(bytes)) != provenance.sha256 {
            return Err(invalid(format!(
                "the original of {} does not match its sha256",
                provenance.file_name
            )));
        }
    }
    Ok(Origin {
        provenance: Provenance {
            file_name: provenance.file_name.clone(),
            file_path: provenance.file_path.clone(),
            sha256: provenance.sha256.clone(),
            size: provenance.size,
            encoding: provenance.encoding.clone(),
            importer: provenance.importer.clone(),
            boilerplate_removed: provenance.boilerplate_removed.clone(),
        },
        bytes,
        imported_at: Some(imported_at.to_string()).filter(|t| !t.is_empty()),
    })
}

/// A string variable; CSL allows numbers for some (page, issue), so those become text.
fn text(item: &Map<String, Value>, key: &str) -> Option<String> {
    match item.get(key)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A CSL name: `literal` as it is, otherwise its parts in reading order.
fn name(value: &Value) -> Option<String> {
    let name = value.as_object()?;
    if let Some(literal) = text(name, "literal") {
        return Some(literal);
    }
    let parts: Vec<String> = [
        "given",
        "dropping-particle",
        "non-dropping-particle",
        "family",
        "suffix",
    ]
    .iter()
    .filter_map(|key| text(name, key))
    .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `issued` as (ISO date when the day is known, the date as printed).
fn issued(value: Option<&Value>) -> (Option<String>, Option<String>) {
    let Some(value) = value else {
        return (None, None);
    };
    // Some tools write an EDTF string instead of the structured form.
    if let Some(edtf) = value.as_str() {
        let edtf = edtf.trim();
        let date = validate_date(edtf).ok().map(|_| edtf.to_string());
        return (date, Some(edtf.to_string()).filter(|s| !s.is_empty()));
    }
    let Some(object) = value.as_object() else {
        return (None, None);
    };
    let parts: Vec<u32> = object
        .get("date-parts")
        .and_then(|p| p.get(0))
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .map_while(|p| match p {
                    Value::Number(n) => n.as_u64().map(|n| n as u32),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let date = match parts[..] {
        [y, m, d, ..] => Some(format!("{y:04}-{m:02}-{d:02}")).filter(|d| validate_date(d).is_ok()),
        _ => None,
    };
    let printed = text(object, "raw").or_else(|| text(object, "literal"));
    // A year or a month alone is still worth keeping, as the printed date.
    let partial = match parts[..] {
        [y] => Some(format!("{y:04}")),
        [y, m] => Some(format!("{y:04}-{m:02}")),
        _ => None,
    };
    (date, printed.or(partial))
}

/// One CSL item. Any `type` is accepted: a reference manager's "article-magazine", "webpage" or
/// "report" is still a text with a title, a source and a date for the archive.
fn csl_item(value: &Value, index: usize) -> Result<ParsedArticle, ImportError> {
    let item = value.as_object().ok_or_else(|| {
        invalid(format!(
            "item {} of the CSL-JSON array is not an object",
            index + 1
        ))
    })?;
    let title = text(item, "title").ok_or_else(|| {
        let id = item.get("id").map(Value::to_string).unwrap_or_default();
        invalid(format!(
            "item {} (id {id}) of the CSL-JSON has no title",
            index + 1
        ))
    })?;
    let empty = Map::new();
    let custom = item
        .get("custom")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let (date, printed) = issued(item.get("issued"));
    let tags: Vec<String> = item
        .get("categories")
        .and_then(Value::as_array)
        .map(|c| {
            c.iter()
                .filter_map(|t| t.as_str())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    // Our own `custom.tags` keeps the colours; other tools' `custom` is theirs and ignored.
    let tag_colours: Vec<TagRef> = custom
        .get("tags")
        .and_then(|t| serde_json::from_value::<Vec<TagRef>>(t.clone()).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|t| t.colour.is_some())
        .collect();
    let provenance = custom
        .get("provenance")
        .and_then(|p| serde_json::from_value::<NativeProvenance>(p.clone()).ok());
    let imported_at = text(custom, "imported_at").unwrap_or_default();
    let origin = provenance
        .as_ref()
        .map(|p| origin(p, &imported_at))
        .transpose()?;
    Ok(ParsedArticle {
        article: NewArticle {
            title,
            body: text(custom, "body")
                .or_else(|| text(item, "abstract"))
                .unwrap_or_default(),
            publication: text(item, "container-title"),
            authors: item
                .get("author")
                .and_then(Value::as_array)
                .map(|names| names.iter().filter_map(name).collect())
                .unwrap_or_default(),
            section: text(item, "section"),
            page: text(item, "page"),
            url: text(item, "URL"),
            language: text(item, "language"),
            date,
            date_text: text(custom, "date_text").or(printed),
            hijri_date: text(custom, "hijri_date"),
            notes: text(custom, "notes")
                .or_else(|| text(item, "note"))
                .unwrap_or_default(),
            tags,
            tag_colours,
            origin,
        },
        boilerplate_removed: provenance
            .map(|p| p.boilerplate_removed)
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Vec<NewArticle>, ImportError> {
        let file = JsonImporter.parse(
            json.as_bytes(),
            Path::new("x.json"),
            &ParseContext::default(),
        )?;
        Ok(file.articles.into_iter().map(|a| a.article).collect())
    }

    fn error(json: &str) -> String {
        parse(json).unwrap_err().to_string()
    }

    #[test]
    fn csl_items_from_other_tools() {
        let articles = parse(
            r#"[{"id": "a1", "type": "article-magazine", "title": " Le Maroc ",
                 "author": [{"family": "Benali", "given": "Leila"}, {"literal": "سعيد"}],
                 "container-title": "TelQuel", "issued": {"date-parts": [["2021", 3, 1]]},
                 "page": 12, "language": "fr", "categories": ["économie"], "note": "vu",
                 "custom": {"zotero": true}},
                {"id": 2, "type": "webpage", "title": "صفحة", "URL": "https://x.ma",
                 "issued": {"date-parts": [[2020, 5]]}},
                {"id": 3, "type": "report", "title": "تقرير", "issued": "2019-02-30"}]"#,
        )
        .unwrap();
        let first = &articles[0];
        assert_eq!(first.title, "Le Maroc");
        assert_eq!(first.authors, ["Leila Benali", "سعيد"]);
        assert_eq!(first.publication.as_deref(), Some("TelQuel"));
        assert_eq!(first.date.as_deref(), Some("2021-03-01"));
        assert_eq!(first.page.as_deref(), Some("12"));
        assert_eq!(first.tags, ["économie"]);
        assert_eq!(first.notes, "vu");
        assert_eq!(first.origin, None);
        assert_eq!(articles[1].url.as_deref(), Some("https://x.ma"));
        assert_eq!(
            (
                articles[1].date.as_deref(),
                articles[1].date_text.as_deref()
            ),
            (None, Some("2020-05"))
        );
        // Not a real day: kept as printed, never as a date.
        assert_eq!(
            (
                articles[2].date.as_deref(),
                articles[2].date_text.as_deref()
            ),
            (None, Some("2019-02-30"))
        );
    }

    #[test]
    fn a_single_csl_item_is_one_article() {
        let articles =
            parse(r#"{"id": 1, "type": "article-newspaper", "title": "عنوان"}"#).unwrap();
        assert_eq!(articles.len(), 1);
    }

    #[test]
    fn unreadable_json_says_why() {
        let cases = [
            ("{not json", "not valid JSON"),
            (r#"{"hello": 1}"#, "neither an Arshif export nor CSL-JSON"),
            (
                r#"{"schema": "arshif/2", "articles": []}"#,
                "newer version of Arshif",
            ),
            (r#"{"schema": "other/1"}"#, "unknown JSON schema"),
            (
                r#"{"schema": "arshif/1", "articles": [{"body": "x"}]}"#,
                "damaged",
            ),
            (
                r#"[{"id": 9, "type": "book"}]"#,
                "item 1 (id 9) of the CSL-JSON has no title",
            ),
            (r#"[1]"#, "not an object"),
        ];
        for (json, message) in cases {
            assert!(error(json).contains(message), "{json}: {}", error(json));
        }
        assert!(matches!(parse("[]"), Err(ImportError::NoText)));
    }

    #[test]
    fn originals_must_match_their_hash() {
        let json = |original: &str| {
            format!(
                r#"{{"schema": "arshif/1", "articles": [{{"title": "t", "provenance": {{
                    "file_name": "a.txt", "sha256": "{}", "original_base64": "{original}"}}}}]}}"#,
                hex(&Sha256::digest(b"abc"))
            )
        };
        let articles = parse(&json("YWJj")).unwrap();
        let origin = articles[0].origin.as_ref().unwrap();
        assert_eq!(origin.bytes.as_deref(), Some(&b"abc"[..]));
        assert_eq!(origin.provenance.file_name, "a.txt");
        assert!(error(&json("YWJk")).contains("does not match its sha256"));
        assert!(error(&json("!!")).contains("is damaged"));
    }
}
