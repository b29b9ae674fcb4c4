//! What a saved page says about itself: `<meta>` (plain, OpenGraph, `article:*`, Dublin Core)
//! and JSON-LD `NewsArticle`/`Article` objects, including those inside an `@graph`.
use dom_query::Document;
use serde_json::Value;

use crate::import::text_rules::{date_from_field, Known};

/// JSON-LD blocks larger than this are not article metadata (some sites inline whole catalogues).
const MAX_JSON_LD_BYTES: usize = 1024 * 1024;
/// How deep to look for article objects inside a JSON-LD value.
const MAX_JSON_LD_DEPTH: usize = 6;

/// `<meta>` keys (lower case), most trusted first.
const TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "dc.title", "dcterms.title"];
const PUBLICATION_KEYS: &[&str] = &["og:site_name", "application-name", "publisher"];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
];
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
];
const URL_KEYS: &[&str] = &["og:url", "twitter:url"];

/// Everything the page's metadata says, in the shape the text rules take.
pub(crate) fn read(doc: &Document) -> Known {
    let metas = meta_values(doc);
    let json_ld = json_ld_articles(doc);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|key| {
            metas
                .iter()
                .find(|(k, v)| k == key && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let ld = |field: fn(&LdArticle) -> Option<String>| json_ld.iter().find_map(field);

    let title = ld(|a| a.headline.clone()).or_else(|| meta(TITLE_KEYS));
    let publication = ld(|a| a.publisher.clone()).or_else(|| meta(PUBLICATION_KEYS));
    let mut authors = json_ld
        .iter()
        .map(|a| a.authors.clone())
        .find(|authors| !authors.is_empty())
        .unwrap_or_default();
    if authors.is_empty() {
        // A profile link (`article:author` on Facebook-style pages) is not a name.
        authors = AUTHOR_KEYS
            .iter()
            .filter_map(|key| meta(&[key]))
            .find(|value| !value.contains("://"))
            .map(|value| strip_by(&value))
            .into_iter()
            .filter(|name| !name.is_empty())
            .collect();
    }
    let date = ld(|a| a.date_published.as_deref().and_then(date_from_field)).or_else(|| {
        DATE_KEYS
            .iter()
            .find_map(|k| meta(&[k]).and_then(|v| date_from_field(&v)))
    });
    let url = ld(|a| a.url.clone())
        .or_else(|| meta(URL_KEYS))
        .or_else(|| canonical(doc))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let language = doc
        .select("html[lang]")
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    Known {
        title,
        publication,
        authors,
        date,
        url,
        language,
        ..Known::default()
    }
}

/// ("og:title", "…") for every `<meta>` with content, keyed by `property`, `name` or `itemprop`.
fn meta_values(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = clean(&content);
        for attribute in ["property", "name", "itemprop"] {
            if let Some(key) = node.attr(attribute) {
                out.push((key.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    out
}

fn canonical(doc: &Document) -> Option<String> {
    doc.select(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|h| h.trim().to_string())
}

/// "By Leila Benali" / "بقلم سعيد" in an author field → the name.
fn strip_by(value: &str) -> String {
    let value = value.trim();
    for prefix in ["By ", "by ", "Par ", "par ", "بقلم ", "بقلم: "] {
        if let Some(rest) = value.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    value.to_string()
}

/// Collapses the whitespace of an attribute or JSON string.
fn clean(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fields we read from one JSON-LD article object.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    date_published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
}

fn json_ld_articles(doc: &Document) -> Vec<LdArticle> {
    let mut out = Vec::new();
    for script in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let text = script.text();
        if text.len() > MAX_JSON_LD_BYTES {
            continue;
        }
        // Some CMSs wrap the JSON in a CDATA section or an HTML comment.
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&value, 0, &mut objects);
        for object in &objects {
            if is_article(object) {
                out.push(ld_article(object, &objects));
            }
        }
    }
    out
}

/// Every JSON object reachable through arrays and `@graph`, for articles and `@id` references.
fn collect_objects<'a>(value: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    if depth > MAX_JSON_LD_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_objects(item, depth + 1, out);
            }
        }
        Value::Object(map) => {
            out.push(value);
            if let Some(graph) = map.get("@graph") {
                collect_objects(graph, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn is_article(object: &Value) -> bool {
    let is_article_type = |t: &str| {
        t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
    };
    match object.get("@type") {
        Some(Value::String(t)) => is_article_type(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article_type),
        _ => false,
    }
}

fn ld_article(object: &Value, all: &[&Value]) -> LdArticle {
    let string = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(clean)
            .filter(|s| !s.is_empty())
    };
    let authors = match object.get("author") {
        Some(Value::Array(items)) => items.iter().filter_map(|a| name_of(a, all)).collect(),
        Some(author) => name_of(author, all).into_iter().collect(),
        None => Vec::new(),
    };
    let main_entity = object.get("mainEntityOfPage").and_then(|m| match m {
        Value::String(url) => Some(url.clone()),
        other => other.get("@id").and_then(Value::as_str).map(String::from),
    });
    LdArticle {
        headline: string("headline").or_else(|| string("name")),
        date_published: string("datePublished").or_else(|| string("dateCreated")),
        authors,
        publisher: object.get("publisher").and_then(|p| name_of(p, all)),
        url: string("url").or(main_entity),
    }
}

/// The name of a person or organization: a string, an object with `name`, or an `@id`
/// reference to another object of the graph.
fn name_of(value: &Value, all: &[&Value]) -> Option<String> {
    let name = match value {
        Value::String(name) => Some(name.as_str()),
        Value::Object(map) => map.get("name").and_then(Value::as_str).or_else(|| {
            let id = map.get("@id").and_then(Value::as_str)?;
            all.iter()
                .filter(|other| other.get("@id").and_then(Value::as_str) == Some(id))
                .find_map(|other| other.get("name").and_then(Value::as_str))
        }),
        _ => None,
    };
    name.map(clean)
        .filter(|n| !n.is_empty() && !n.contains("://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(html: &str) -> Known {
        read(&Document::from(html))
    }

    #[test]
    fn json_ld_comes_before_meta() {
        let html = r##"<html lang="ar-MA"><head>
            <meta property="og:title" content="عنوان  OG">
            <meta property="og:site_name" content="Hespress">
            <meta name="author" content="By Someone Else">
            <meta property="article:published_time" content="2021-01-01T00:00:00Z">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"#org","name":"هسبريس"},
              {"@type":["NewsArticle"],"headline":"عنوان JSON-LD","datePublished":"2022-08-10T14:32:00+01:00",
               "author":[{"@type":"Person","name":"سعيد الخطابي"},"Leila Benali"],
               "publisher":{"@id":"#org"},"mainEntityOfPage":{"@id":"https://hespress.example/a"}}]}
            </script></head><body></body></html>"##;
        let known = known(html);
        assert_eq!(known.title.as_deref(), Some("عنوان JSON-LD"));
        assert_eq!(known.publication.as_deref(), Some("هسبريس"));
        assert_eq!(known.authors, ["سعيد الخطابي", "Leila Benali"]);
        assert_eq!(known.date.as_deref(), Some("2022-08-10"));
        assert_eq!(known.url.as_deref(), Some("https://hespress.example/a"));
        assert_eq!(known.language.as_deref(), Some("ar-MA"));
    }

    #[test]
    fn meta_alone_is_enough() {
        let html = r#"<html><head>
            <meta property="og:title" content="Le titre">
            <meta property="og:site_name" content="Le Matin">
            <meta property="article:author" content="https://facebook.com/lematin">
            <meta name="author" content="Par Leila Benali">
            <meta name="date" content="10/08/2022">
            <link rel="canonical" href="https://lematin.example/x">
            <script type="application/ld+json">{ not json </script>
            </head><body></body></html>"#;
        let known = known(html);
        assert_eq!(known.title.as_deref(), Some("Le titre"));
        assert_eq!(known.publication.as_deref(), Some("Le Matin"));
        assert_eq!(known.authors, ["Leila Benali"]);
        assert_eq!(known.date.as_deref(), Some("2022-08-10"));
        assert_eq!(known.url.as_deref(), Some("https://lematin.example/x"));
        assert_eq!(known.language, None);
    }

    #[test]
    fn nothing_known_from_a_bare_page() {
        let known = known("<p>نص</p>");
        assert!(known.title.is_none() && known.publication.is_none() && known.date.is_none());
        assert!(known.authors.is_empty());
    }
}
