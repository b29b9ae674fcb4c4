//! Human-readable and JSON renderings of engine results for the terminal.
use arshif_engine::search::{SearchHit, SearchResults, HIGHLIGHT_END, HIGHLIGHT_START};
use arshif_engine::{Article, CheckReport, ImportReport};
use serde::Serialize;

/// The search result shape of the CLI contract (PRODUCT.md).
#[derive(Serialize)]
pub struct JsonHit<'a> {
    id: i64,
    title: &'a str,
    publication: Option<&'a str>,
    date: Option<&'a str>,
    tags: &'a [String],
    /// Plain text: the highlight marks are dropped in JSON.
    snippet: String,
    score: f64,
    source_file: Option<&'a str>,
}

pub fn json_hits(hits: &[SearchHit]) -> Vec<JsonHit<'_>> {
    hits.iter()
        .map(|hit| JsonHit {
            id: hit.summary.id,
            title: &hit.summary.title,
            publication: hit.summary.publication.as_deref(),
            date: hit.summary.date.as_deref(),
            tags: &hit.summary.tags,
            snippet: hit.snippet.replace([HIGHLIGHT_START, HIGHLIGHT_END], ""),
            score: hit.score,
            source_file: hit.source_file.as_deref(),
        })
        .collect()
}

pub fn print_hits(page: &SearchResults, terminal: bool) {
    let (bold, plain) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    println!("{} result(s)", page.total);
    for hit in &page.items {
        let s = &hit.summary;
        let meta: Vec<&str> = [s.publication.as_deref(), s.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        println!(
            "\n#{}  {}{}{}  ({})",
            s.id,
            bold,
            s.title,
            plain,
            meta.join(" · ")
        );
        let snippet = hit
            .snippet
            .replace(HIGHLIGHT_START, bold)
            .replace(HIGHLIGHT_END, plain);
        println!(
            "    {}",
            snippet.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}

pub fn print_report(report: &ImportReport) {
    println!(
        "imported: {}\nduplicates: {}\nfailed: {}",
        report.imported,
        report.duplicates,
        report.failed.len()
    );
    for duplicate in &report.duplicate_files {
        println!(
            "  duplicate ({}) of #{}: {}",
            duplicate.kind, duplicate.existing_id, duplicate.file
        );
    }
    if !report.near_duplicates.is_empty() {
        println!(
            "near-duplicates (imported, flagged for review): {}",
            report.near_duplicates.len()
        );
    }
    for near in &report.near_duplicates {
        println!(
            "  #{} nearly repeats #{} ({:.0} % similar): {}",
            near.article_id,
            near.other_id,
            near.similarity * 100.0,
            near.file
        );
    }
    for failure in &report.failed {
        println!(
            "  failed: {}: {} [{}]",
            failure.file, failure.reason, failure.code
        );
    }
    if report.cancelled {
        println!("cancelled: the files above were committed; the rest were not imported");
    }
}

pub fn print_article(article: &Article) {
    println!("#{}  {}", article.id, article.title);
    let fields = [
        ("publication", article.publication.clone()),
        (
            "authors",
            (!article.authors.is_empty()).then(|| article.authors.join("، ")),
        ),
        ("date", article.date.clone()),
        ("printed date", article.date_text.clone()),
        ("language", article.language.clone()),
        (
            "tags",
            (!article.tags.is_empty()).then(|| {
                article
                    .tags
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ),
        (
            "source",
            article
                .provenance
                .as_ref()
                .map(|p| format!("{} ({})", p.file_path, p.encoding)),
        ),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            println!("{name}: {value}");
        }
    }
    println!("\n{}", article.body);
}

pub fn print_check(report: &CheckReport) {
    println!("{}", report.summary);
    for problem in &report.integrity_problems {
        println!("  file: {problem}");
    }
    for link in &report.broken_links {
        let row = link.rowid.map(|r| format!(" row {r}")).unwrap_or_default();
        println!(
            "  link: {}{row} points to a missing {} record",
            link.table, link.missing_in
        );
    }
    if let Some(problem) = &report.search_index_problem {
        println!("  search index: {problem}");
    }
}
