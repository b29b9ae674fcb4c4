//! `arshif`: the command-line front end over the same engine and archive as the desktop app.
//!
//! Exit codes: 0 success; 1 the command ran but something failed (a file did not import, an id
//! does not exist); 2 bad usage or a bad query.
mod output;
mod progress;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use arshif_engine::search::SearchQuery;
use arshif_engine::{Archive, Error, ExportFormat, ExportOptions, ImportOptions, Selection};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "arshif",
    version,
    about = "أرشيف — a news archive that understands Arabic"
)]
struct Cli {
    /// The archive file. Defaults to the desktop app's own archive.
    #[arg(long, global = true, env = "ARSHIF_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files and folders (folders are walked for supported files) and print the report.
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Search the archive.
    Search {
        /// The query, e.g. `الأمن -إسبانيا tag:أمن from:2022`.
        #[arg(required_unless_present = "queries", conflicts_with = "queries")]
        query: Option<String>,
        /// Run every line of FILE as a query; prints one JSON line of results per query.
        #[arg(long, value_name = "FILE", requires = "json")]
        queries: Option<PathBuf>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one article.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Manage tags.
    Tag {
        #[command(subcommand)]
        action: TagAction,
    },
    /// Print the analyzer's index terms for TEXT, one per line (stem, `=exact`, `#mN` month).
    Analyze { text: String },
    /// Rebuild the search index from the articles.
    Reindex,
    /// Archive figures.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Export articles to a file: all of them, a search result (--query) or chosen ones (--ids).
    Export {
        #[arg(long, value_enum)]
        format: FormatArg,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Every result of this search, in the order the search shows them.
        #[arg(long, value_name = "QUERY", conflicts_with = "ids")]
        query: Option<String>,
        /// These articles, in this order, e.g. `--ids 3,1,2`.
        #[arg(long, value_name = "ID,...", value_delimiter = ',')]
        ids: Option<Vec<i64>>,
        /// Native JSON without the original files: smaller, and it still imports back.
        #[arg(long)]
        no_originals: bool,
    },
    /// Check the archive's health: the file, the links between records and the search index.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Write a complete copy of the archive to FILE.
    Backup { file: PathBuf },
    /// Replace the archive with the backup FILE (checked first); the replaced archive is kept
    /// beside it as `<name>.before-restore-<time>`.
    Restore { file: PathBuf },
}

/// The formats `export` knows. PDF is listed so that asking for it gets a clear answer.
#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Json,
    CslJson,
    Csv,
    Pdf,
}

#[derive(Subcommand)]
enum TagAction {
    /// Tag articles.
    Add {
        tag: String,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Untag articles.
    Remove {
        tag: String,
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// List tags with their article counts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Rename a tag (and the tags below it in its path).
    Rename { old: String, new: String },
    /// Move every article of FROM to INTO and delete FROM.
    Merge { from: String, into: String },
}

/// A failure with the exit code it deserves.
struct Failure {
    code: u8,
    message: String,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let code = match error {
            Error::InvalidInput(_) | Error::BadQuery(_) => 2,
            _ => 1,
        };
        Failure {
            code,
            message: format!("{error} [{}]", error.code()),
        }
    }
}

fn archive_path(db: Option<PathBuf>) -> Result<PathBuf, Failure> {
    db.or_else(arshif_engine::paths::default_archive_path)
        .ok_or(Failure {
            code: 2,
            message: "no archive path: pass --db PATH or set ARSHIF_DB".into(),
        })
}

fn open(db: Option<PathBuf>) -> Result<Archive, Failure> {
    Ok(Archive::open(archive_path(db)?)?)
}

fn json_line(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| Failure {
        code: 1,
        message: format!("cannot write JSON: {e}"),
    })?;
    println!("{text}");
    Ok(())
}

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Analyze { text } => {
            // What the index stores for each word, in order: the stem, then the terms stored at
            // the same position (the exact form, a month term in date context).
            for token in arshif_engine::analysis::index_tokens(&text) {
                println!("{}", token.stem);
                println!("{}", token.exact);
                if let Some(month) = token.month {
                    println!("{}", month.term());
                }
            }
            Ok(0)
        }
        Command::Import { paths, json } => {
            let mut archive = open(cli.db)?;
            // A bar only for a person watching: never into a pipe, a log or beside JSON.
            let mut bar =
                (!json && std::io::stderr().is_terminal()).then(progress::ProgressBar::new);
            let mut progress = |p: &arshif_engine::ImportProgress| {
                if let Some(bar) = &mut bar {
                    bar.update(p);
                }
            };
            let report =
                archive.import_paths(&paths, &ImportOptions::default(), &mut progress, None)?;
            if let Some(bar) = &bar {
                bar.finish();
            }
            if json {
                json_line(&report)?;
            } else {
                output::print_report(&report);
            }
            Ok(if report.failed.is_empty() { 0 } else { 1 })
        }
        Command::Search {
            query,
            queries,
            limit,
            json,
        } => {
            let archive = open(cli.db)?;
            let run_one = |text: String| -> Result<_, Failure> {
                let query = SearchQuery {
                    text,
                    limit,
                    ..SearchQuery::default()
                };
                Ok(archive.search(&query)?)
            };
            match (query, queries) {
                (_, Some(file)) => {
                    let reader = std::fs::File::open(&file)
                        .map(std::io::BufReader::new)
                        .map_err(|e| Failure {
                            code: 2,
                            message: format!("cannot read {}: {e}", file.display()),
                        })?;
                    for line in reader.lines() {
                        let line = line.map_err(|e| Failure {
                            code: 1,
                            message: e.to_string(),
                        })?;
                        // A bad query yields an error object on its line; the batch goes on.
                        match run_one(line) {
                            Ok(page) => json_line(&output::json_hits(&page.items))?,
                            Err(failure) => {
                                json_line(&serde_json::json!({ "error": failure.message }))?
                            }
                        }
                    }
                    Ok(0)
                }
                (Some(text), None) => {
                    let page = run_one(text)?;
                    if json {
                        json_line(&output::json_hits(&page.items))?;
                    } else {
                        output::print_hits(&page, std::io::stdout().is_terminal());
                    }
                    Ok(0)
                }
                (None, None) => Err(Failure {
                    code: 2,
                    message: "give a QUERY or --queries FILE".into(),
                }),
            }
        }
        Command::Show { id, json } => {
            let archive = open(cli.db)?;
            let article = archive.article(id)?;
            if json {
                json_line(&article)?;
            } else {
                output::print_article(&article);
            }
            Ok(0)
        }
        Command::Tag { action } => {
            let mut archive = open(cli.db)?;
            match action {
                TagAction::Add { tag, ids } => {
                    let n = archive.tag_articles(&tag, &ids)?;
                    println!("tagged {n} article(s) with \"{tag}\"");
                }
                TagAction::Remove { tag, ids } => {
                    let n = archive.untag_articles(&tag, &ids)?;
                    println!("removed \"{tag}\" from {n} article(s)");
                }
                TagAction::List { json } => {
                    let tags = archive.tags()?;
                    if json {
                        json_line(&tags)?;
                    } else {
                        for tag in tags {
                            println!("{}\t{}", tag.count, tag.name);
                        }
                    }
                }
                TagAction::Rename { old, new } => {
                    let stored = archive.rename_tag(&old, &new)?;
                    println!("renamed \"{old}\" to \"{stored}\"");
                }
                TagAction::Merge { from, into } => {
                    archive.merge_tags(&from, &into)?;
                    println!("merged \"{from}\" into \"{into}\"");
                }
            }
            Ok(0)
        }
        Command::Reindex => {
            let mut archive = open(cli.db)?;
            archive.rebuild_index()?;
            println!("index rebuilt for {} article(s)", archive.stats()?.articles);
            Ok(0)
        }
        Command::Export {
            format,
            out,
            query,
            ids,
            no_originals,
        } => {
            let description = match (&ids, &query) {
                (Some(ids), _) => format!("{} article(s): {ids:?}", ids.len()),
                (None, Some(query)) if !query.trim().is_empty() => query.clone(),
                (None, _) => String::new(),
            };
            let selection = match ids {
                Some(ids) => Selection::Ids(ids),
                None => Selection::query(query.unwrap_or_default()),
            };
            let format = match format {
                FormatArg::Json => ExportFormat::Json,
                FormatArg::CslJson => ExportFormat::CslJson,
                FormatArg::Csv => ExportFormat::Csv,
                FormatArg::Pdf => {
                    let archive = open(cli.db)?;
                    let articles = archive.articles_for_export(&selection, &out, None)?;
                    let options = arshif_pdf::PdfOptions {
                        description,
                        export_date: Some(arshif_engine::export::export_date()),
                        layout: arshif_pdf::Layout::OnePerPage,
                        labels: arshif_pdf::Labels::for_language("ar"),
                    };
                    arshif_pdf::write_pdf(&articles, &options, &out, &mut |_| {}, None).map_err(
                        |error| Failure {
                            code: 1,
                            message: format!("{error} [{}]", error.code()),
                        },
                    )?;
                    println!(
                        "exported {} article(s) to {}",
                        articles.len(),
                        out.display()
                    );
                    return Ok(0);
                }
            };
            let options = ExportOptions {
                include_originals: !no_originals,
            };
            let archive = open(cli.db)?;
            let show_progress = std::io::stderr().is_terminal();
            let mut progress = |p: &arshif_engine::ExportProgress| {
                if show_progress {
                    eprint!("\r\x1b[2K[{}/{}]", p.done, p.total);
                }
            };
            let summary =
                archive.export(&selection, format, &out, &options, &mut progress, None)?;
            if show_progress {
                eprintln!();
            }
            println!(
                "exported {} article(s) to {}",
                summary.articles,
                out.display()
            );
            Ok(0)
        }
        Command::Check { json } => {
            // Checked as a file, not opened as an archive: a damaged one still gets its report.
            let report = Archive::check_file(&archive_path(cli.db)?)?;
            if json {
                json_line(&report)?;
            } else {
                output::print_check(&report);
            }
            Ok(if report.healthy { 0 } else { 1 })
        }
        Command::Backup { file } => {
            let archive = open(cli.db)?;
            archive.backup(&file)?;
            println!(
                "backed up {} article(s) to {}",
                archive.stats()?.articles,
                file.display()
            );
            Ok(0)
        }
        Command::Restore { file } => {
            // The archive is not opened first: a damaged or newer archive can still be replaced.
            let path = archive_path(cli.db)?;
            let report = Archive::restore_file(&path, &file)?;
            println!(
                "restored {} article(s) from {}",
                report.articles,
                file.display()
            );
            if let Some(previous) = report.previous {
                println!("the replaced archive is kept as {}", previous.display());
            }
            Ok(0)
        }
        Command::Stats { json } => {
            let stats = open(cli.db)?.stats()?;
            if json {
                json_line(&stats)?;
            } else {
                println!(
                    "articles\t{}\ntags\t{}\npublications\t{}",
                    stats.articles, stats.tags, stats.publications
                );
            }
            Ok(0)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let _ = std::io::stdout().flush();
            eprintln!("arshif: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
