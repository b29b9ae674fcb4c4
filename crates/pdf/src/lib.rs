//! PDF export of a selection of articles: a cover, a table of contents with PDF bookmarks, and
//! each article (title, metadata line, justified body) set right to left or left to right by
//! its language, with Arabic shaped and joined and the fonts embedded and subsetted.
//!
//! Typesetting is typst's, used as a library (ADR 0005). This crate lives outside the engine so
//! that the engine's tests never compile typst.
#![forbid(unsafe_code)]
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use arshif_engine::Article;
use typst::diag::SourceDiagnostic;
use typst::ecow::EcoVec;
use typst::foundations::Smart;
use typst::model::Document as _;
use typst_layout::{Page, PagedDocument};

mod data;
mod marks;
mod world;

/// Whether each article starts on a new page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// Every article starts on a page of its own: easy to print and hand out one by one.
    #[default]
    OnePerPage,
    /// Articles follow each other under their headings: fewer pages for many short articles.
    Continuous,
}

/// The words the export prints around the articles, in the language the caller chose for the
/// cover and the table of contents. [`Labels::for_language`] gives the built-in ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// BCP 47 tag of the cover and the contents (`ar`, `fr`, `en`); it sets their direction.
    pub language: String,
    /// The cover's heading and the PDF's title.
    pub title: String,
    /// The heading of the table of contents.
    pub contents: String,
    /// Printed before the number of articles on the cover (`عدد المقالات: 3`), which keeps
    /// Arabic's plural forms out of this crate.
    pub article_count: String,
    /// Printed before the export date on the cover.
    pub exported_on: String,
    /// Printed before an article's tags in its metadata line.
    pub tags: String,
    /// Stands in for an empty title, in the heading and the contents.
    pub untitled: String,
}

impl Labels {
    /// The built-in labels for `ar`, `fr` or `en` (by primary subtag); Arabic otherwise, the
    /// interface's first language.
    pub fn for_language(language: &str) -> Labels {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        let (title, contents, article_count, exported_on, tags, untitled) =
            match primary.to_ascii_lowercase().as_str() {
                "fr" => (
                    "Arshif : articles exportés",
                    "Sommaire",
                    "Nombre d'articles",
                    "Exporté le",
                    "Étiquettes",
                    "(sans titre)",
                ),
                "en" => (
                    "Arshif: exported articles",
                    "Contents",
                    "Number of articles",
                    "Exported on",
                    "Tags",
                    "(untitled)",
                ),
                _ => (
                    "أرشيف: مقالات مصدرة",
                    "المحتويات",
                    "عدد المقالات",
                    "تاريخ التصدير",
                    "الوسوم",
                    "(بدون عنوان)",
                ),
            };
        let language = match primary {
            "fr" | "en" => primary,
            _ => "ar",
        };
        Labels {
            language: language.to_owned(),
            title: title.to_owned(),
            contents: contents.to_owned(),
            article_count: article_count.to_owned(),
            exported_on: exported_on.to_owned(),
            tags: tags.to_owned(),
            untitled: untitled.to_owned(),
        }
    }
}

impl Default for Labels {
    fn default() -> Labels {
        Labels::for_language("ar")
    }
}

/// What to print besides the articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// What the selection is, shown on the cover: the search query, or "checked articles".
    pub description: String,
    /// The export date as the caller wants it printed (e.g. `2026-11-29`); no date line when
    /// `None`. The caller's clock, not this crate's, so exports are reproducible.
    pub export_date: Option<String>,
    pub layout: Layout,
    pub labels: Labels,
}

/// Where an export is. Typst lays out the whole document in one call, so the phases are all
/// there is to report; the desktop app shows them while the export runs on a blocking thread.
/// They are reported on the caller's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Typesetting has started for this many articles (the long phase).
    Typesetting { articles: usize },
    /// The pages are laid out and are being written as PDF.
    Writing { pages: usize },
    /// The PDF is complete, this many bytes.
    Done { bytes: usize },
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("there are no articles to export")]
    NothingToExport,
    /// Typst refused the document. This is a bug in the template or in this crate, never in the
    /// articles: their text reaches typst only as data.
    #[error("typesetting failed: {0}")]
    Typesetting(String),
    #[error("could not write the PDF: {0}")]
    Io(#[from] std::io::Error),
    /// The caller's cancel flag was set before the PDF was in place; nothing was written.
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
}

impl PdfError {
    /// A stable code for the front ends, which translate it (see ARCHITECTURE.md).
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::NothingToExport => "nothing_to_export",
            PdfError::Typesetting(_) => "pdf_typesetting",
            PdfError::Io(_) => "io",
            PdfError::Cancelled => "cancelled",
        }
    }
}

/// Renders `articles`, in the given order, to the bytes of a PDF.
pub fn render(articles: &[Article], options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    render_with_progress(articles, options, &mut |_| {})
}

/// [`render`], reporting each phase to `progress`.
pub fn render_with_progress(
    articles: &[Article],
    options: &PdfOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<u8>, PdfError> {
    render_cancellable(articles, options, progress, None)
}

/// How often the caller's thread looks at the cancel flag while typst works.
const CANCEL_POLL: Duration = Duration::from_millis(50);

/// Typst's compiler recurses through the document; a thread of its own gets the stack of a
/// main thread rather than the 2 MiB of a spawned one.
const TYPESETTING_STACK: usize = 8 * 1024 * 1024;

/// [`render_with_progress`] that stops with [`PdfError::Cancelled`] soon after `cancel` is set.
///
/// Typst compiles in one call that cannot be interrupted, so it runs on a thread of its own
/// while this one reports progress and watches `cancel` every [`CANCEL_POLL`]. A cancel during
/// typesetting returns at once; the abandoned compilation finishes in the background (seconds
/// for thousands of articles) and its result is dropped: it never reaches a file.
fn render_cancellable(
    articles: &[Article],
    options: &PdfOptions,
    progress: &mut dyn FnMut(Progress),
    cancel: Option<&AtomicBool>,
) -> Result<Vec<u8>, PdfError> {
    if articles.is_empty() {
        return Err(PdfError::NothingToExport);
    }
    check_cancel(cancel)?;
    let data = data::export_data(articles, options);
    // Serializing plain strings, vectors and booleans cannot fail.
    let json = serde_json::to_vec(&data).expect("export data serializes");
    let world = world::ExportWorld::new(json);
    progress(Progress::Typesetting {
        articles: articles.len(),
    });
    check_cancel(cancel)?;
    let pdf = typeset_on_worker(world, progress, cancel)?;
    progress(Progress::Done { bytes: pdf.len() });
    Ok(pdf)
}

fn check_cancel(cancel: Option<&AtomicBool>) -> Result<(), PdfError> {
    match cancel {
        Some(flag) if flag.load(Ordering::Relaxed) => Err(PdfError::Cancelled),
        _ => Ok(()),
    }
}

/// What the typesetting thread tells the caller's thread.
enum Step {
    LaidOut { pages: usize },
    Finished(Result<Vec<u8>, PdfError>),
}

fn typeset_on_worker(
    world: world::ExportWorld,
    progress: &mut dyn FnMut(Progress),
    cancel: Option<&AtomicBool>,
) -> Result<Vec<u8>, PdfError> {
    let (sender, steps) = mpsc::channel();
    std::thread::Builder::new()
        .name("pdf-typesetting".into())
        .stack_size(TYPESETTING_STACK)
        .spawn(move || {
            // A send fails only when the caller stopped listening (cancelled): nothing to do.
            let pdf = typeset(&world, &mut |pages| {
                let _ = sender.send(Step::LaidOut { pages });
            });
            // Typst memoizes layout across compilations in a process-wide cache. Exports are
            // rare and large, so keeping the cache would only hold memory in the desktop app
            // between them.
            typst::comemo::evict(0);
            let _ = sender.send(Step::Finished(pdf));
        })?;
    loop {
        match steps.recv_timeout(CANCEL_POLL) {
            Ok(Step::LaidOut { pages }) => progress(Progress::Writing { pages }),
            Ok(Step::Finished(pdf)) => return pdf,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PdfError::Typesetting(
                    "the typesetting thread stopped without a result".into(),
                ))
            }
        }
        check_cancel(cancel)?;
    }
}

/// Lays out the document, tells `laid_out` the page count, and writes the PDF's bytes.
fn typeset(
    world: &world::ExportWorld,
    laid_out: &mut dyn FnMut(usize),
) -> Result<Vec<u8>, PdfError> {
    let document: Result<PagedDocument, _> = typst::compile(world).output;
    let document = without_repeated_marks(document.map_err(|errors| typesetting_error(&errors))?);
    laid_out(document.pages().len());
    let pdf_options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some("Arshif".to_owned())),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &pdf_options).map_err(|errors| typesetting_error(&errors))
}

/// Renders to `path` through a temporary file in the same folder, renamed into place once
/// complete: a failure (disk full, no permission) leaves no partial PDF behind, and an existing
/// file at `path` is only replaced by a whole new one.
///
/// Setting `cancel` stops the export with [`PdfError::Cancelled`] before typesetting, during
/// it (see [`render_cancellable`]) or before the file is renamed into place, with the same
/// guarantee: nothing new at `path`, no temporary file. `None` for an export nobody cancels.
pub fn write_pdf(
    articles: &[Article],
    options: &PdfOptions,
    path: &Path,
    progress: &mut dyn FnMut(Progress),
    cancel: Option<&AtomicBool>,
) -> Result<(), PdfError> {
    let pdf = render_cancellable(articles, options, progress, cancel)?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".arshif-export-").suffix(".pdf.part");
    // A temporary file is private (0600); an export is a document to hand on, so it gets the
    // mode of any file the user saves (0666 less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(folder)?;
    file.write_all(&pdf)?;
    file.as_file().sync_all()?;
    // On error or cancel the temporary file is dropped, which deletes it.
    check_cancel(cancel)?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The pages with each Arabic mark's text claimed once (see `marks.rs`).
fn without_repeated_marks(document: PagedDocument) -> PagedDocument {
    let pages: EcoVec<Page> = document
        .pages()
        .iter()
        .map(|page| {
            let mut page = page.clone();
            marks::drop_repeated_cluster_text(&mut page.frame);
            page
        })
        .collect();
    PagedDocument::new(pages, document.info().clone())
}

fn typesetting_error(errors: &[SourceDiagnostic]) -> PdfError {
    let mut message = String::new();
    for error in errors {
        if !message.is_empty() {
            message.push_str("; ");
        }
        message.push_str(&error.message);
        for hint in &error.hints {
            let _ = write!(message, " (hint: {})", hint.v);
        }
    }
    PdfError::Typesetting(message)
}

/// How many font faces are built in; for the tests, which check that every file parsed.
#[doc(hidden)]
pub fn built_in_font_count() -> usize {
    world::ExportWorld::font_count()
}
