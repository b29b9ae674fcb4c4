//! Tauri commands: each pulls the state, calls one engine function off the main thread and
//! converts the error. No logic lives here.
use std::path::PathBuf;
use std::sync::Arc;

use arshif_engine::search::{SearchQuery, SearchResults};
use arshif_engine::{
    Archive, Article, ArticleSummary, ArticleUpdate, CheckReport, ExportFormat, ExportOptions,
    ExportProgress, ImportOptions, ImportProgress, ImportReport, ListParams, NearDuplicatePair,
    Page, RestoreReport, SavedSearch, Selection, Stats, TagCount, TagParent,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::CommandError;
use crate::grants::{Grants, Purpose};
use crate::settings::{ArchiveNotice, ArchiveSource};
use crate::state::{AppState, JobControl, Switched, Target};

type CommandResult<T> = Result<T, CommandError>;

#[tauri::command]
pub async fn list_articles(
    state: State<'_, AppState>,
    params: ListParams,
) -> CommandResult<Page<ArticleSummary>> {
    state
        .with_archive(move |a| Ok(a.list_articles(&params)?))
        .await
}

/// A search from the search box (`params.query` is the text as typed).
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    params: SearchQuery,
) -> CommandResult<SearchResults> {
    state.with_archive(move |a| Ok(a.search(&params)?)).await
}

#[tauri::command]
pub async fn get_article(state: State<'_, AppState>, id: i64) -> CommandResult<Article> {
    state.with_archive(move |a| Ok(a.article(id)?)).await
}

#[tauri::command]
pub async fn update_article(
    state: State<'_, AppState>,
    id: i64,
    update: ArticleUpdate,
) -> CommandResult<Article> {
    state
        .with_archive(move |a| Ok(a.update_article(id, &update)?))
        .await
}

#[tauri::command]
pub async fn delete_articles(state: State<'_, AppState>, ids: Vec<i64>) -> CommandResult<u64> {
    state
        .with_archive(move |a| Ok(a.delete_articles(&ids)?))
        .await
}

/// One page of the open near-duplicate pairs, with both articles' summaries.
#[tauri::command]
pub async fn list_near_duplicates(
    state: State<'_, AppState>,
    offset: u32,
    limit: u32,
) -> CommandResult<Page<NearDuplicatePair>> {
    state
        .with_archive(move |a| Ok(a.near_duplicates(offset, limit)?))
        .await
}

/// The open near-duplicate pairs of one article, for the reader (see
/// `Archive::open_near_duplicates_of`).
#[tauri::command]
pub async fn near_duplicates_of_article(
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<Vec<NearDuplicatePair>> {
    state
        .with_archive(move |a| Ok(a.open_near_duplicates_of(id)?))
        .await
}

/// "Keep both": the pair leaves the list for good.
#[tauri::command]
pub async fn mark_not_duplicate(state: State<'_, AppState>, a: i64, b: i64) -> CommandResult<()> {
    state
        .with_archive(move |archive| Ok(archive.mark_not_duplicate(a, b)?))
        .await
}

/// Imports the files and folders the user chose in an open dialog (`pick_import_files`,
/// `pick_import_folder`) or dropped on the window: `grant` is that pick's token, and nothing
/// else is read (`not_granted`). Progress goes to the window as `import-progress` events;
/// `cancel_import` stops it after the current file. One import runs at a time
/// (`import_running` otherwise), on its own connection, so searching and reading go on
/// meanwhile.
#[tauri::command]
pub async fn import_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    grants: State<'_, Grants>,
    grant: String,
) -> CommandResult<ImportReport> {
    let paths = grants.take(&grant, Purpose::Import)?;
    let guard = state
        .start_import()
        .ok_or_else(|| CommandError::new("import_running", "an import is already running"))?;
    state
        .with_own_connection(move |archive| {
            let mut progress = |p: &ImportProgress| {
                // A closed window cannot hear progress; the import itself goes on.
                let _ = app.emit("import-progress", p);
            };
            let cancel = &guard.control().cancel;
            let options = ImportOptions::default();
            Ok(archive.import_paths(&paths, &options, &mut progress, Some(cancel))?)
        })
        .await
}

/// Stops the running import after its current file; everything imported so far is kept and
/// the import's report says it was cancelled. Returns whether an import was running.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) -> bool {
    state.cancel_import()
}

/// A tag and the articles it applies to.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagParams {
    pub tag: String,
    pub ids: Vec<i64>,
}

/// What tagging or untagging did: the tag's name as the archive stores it (which may spell the
/// name the window sent differently: "امن/دولي" reaches an existing "أمن/دولي"), and how many of
/// the articles changed.
#[derive(Debug, Serialize)]
pub struct Tagged {
    pub tag: String,
    pub changed: u64,
}

impl Tagged {
    /// `changed` articles, and the stored name of the tag `sent` reaches.
    fn read(archive: &Archive, sent: String, changed: u64) -> arshif_engine::Result<Tagged> {
        let tag = archive.tag_name(&sent)?.unwrap_or(sent);
        Ok(Tagged { tag, changed })
    }
}

#[tauri::command]
pub async fn tag_articles(state: State<'_, AppState>, params: TagParams) -> CommandResult<Tagged> {
    state
        .with_archive(move |a| {
            let changed = a.tag_articles(&params.tag, &params.ids)?;
            Ok(Tagged::read(a, params.tag, changed)?)
        })
        .await
}

#[tauri::command]
pub async fn untag_articles(
    state: State<'_, AppState>,
    params: TagParams,
) -> CommandResult<Tagged> {
    state
        .with_archive(move |a| {
            let changed = a.untag_articles(&params.tag, &params.ids)?;
            Ok(Tagged::read(a, params.tag, changed)?)
        })
        .await
}

/// Every tag with its own article count and its subtree's (`total`).
#[tauri::command]
pub async fn list_tags(state: State<'_, AppState>) -> CommandResult<Vec<TagCount>> {
    state.with_archive(|a| Ok(a.tags()?)).await
}

/// The path segments that are no tag of their own, with their subtree's total, for the tag
/// manager's tree.
#[tauri::command]
pub async fn list_tag_parents(state: State<'_, AppState>) -> CommandResult<Vec<TagParent>> {
    state.with_archive(|a| Ok(a.tag_parents()?)).await
}

/// The tags offered while typing a tag name, matched by the engine's normal form (see
/// `Archive::suggest_tags`), most-used first.
#[tauri::command]
pub async fn suggest_tags(
    state: State<'_, AppState>,
    prefix: String,
    limit: u32,
) -> CommandResult<Vec<TagCount>> {
    state
        .with_archive(move |a| Ok(a.suggest_tags(&prefix, limit)?))
        .await
}

/// Every publication's name, offered while editing an article's publication.
#[tauri::command]
pub async fn list_publications(state: State<'_, AppState>) -> CommandResult<Vec<String>> {
    state.with_archive(|a| Ok(a.publication_names()?)).await
}

#[tauri::command]
pub async fn rename_tag(
    state: State<'_, AppState>,
    old: String,
    new: String,
) -> CommandResult<String> {
    state
        .with_archive(move |a| Ok(a.rename_tag(&old, &new)?))
        .await
}

/// Merges a tag and every tag below it into another (`Archive::merge_tags`).
#[tauri::command]
pub async fn merge_tags(
    state: State<'_, AppState>,
    from: String,
    into: String,
) -> CommandResult<()> {
    state
        .with_archive(move |a| Ok(a.merge_tags(&from, &into)?))
        .await
}

#[tauri::command]
pub async fn set_tag_colour(
    state: State<'_, AppState>,
    tag: String,
    colour: Option<String>,
) -> CommandResult<()> {
    state
        .with_archive(move |a| Ok(a.set_tag_colour(&tag, colour.as_deref())?))
        .await
}

/// A tag no article carries yet, for the tag manager; returns the name as stored.
#[tauri::command]
pub async fn create_tag(
    state: State<'_, AppState>,
    name: String,
    colour: Option<String>,
) -> CommandResult<String> {
    state
        .with_archive(move |a| Ok(a.create_tag(&name, colour.as_deref())?))
        .await
}

/// Deletes a tag (its articles stay); returns how many articles carried it.
#[tauri::command]
pub async fn delete_tag(state: State<'_, AppState>, tag: String) -> CommandResult<u64> {
    state.with_archive(move |a| Ok(a.delete_tag(&tag)?)).await
}

/// The tag manager's filter: the names matching `text` after the analyzer's normalization, so
/// the UI never reimplements Arabic folding.
#[tauri::command]
pub async fn match_tags(state: State<'_, AppState>, text: String) -> CommandResult<Vec<String>> {
    state
        .with_archive(move |a| Ok(a.tag_names_matching(&text)?))
        .await
}

#[tauri::command]
pub async fn save_search(
    state: State<'_, AppState>,
    name: String,
    query: String,
) -> CommandResult<SavedSearch> {
    state
        .with_archive(move |a| Ok(a.save_search(&name, &query)?))
        .await
}

#[tauri::command]
pub async fn list_saved_searches(state: State<'_, AppState>) -> CommandResult<Vec<SavedSearch>> {
    state.with_archive(|a| Ok(a.saved_searches()?)).await
}

#[tauri::command]
pub async fn delete_saved_search(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state
        .with_archive(move |a| Ok(a.delete_saved_search(id)?))
        .await
}

#[tauri::command]
pub async fn stats(state: State<'_, AppState>) -> CommandResult<Stats> {
    state.with_archive(|a| Ok(a.stats()?)).await
}

/// What the settings screen shows about the installation and the open archive.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub db_path: String,
    /// Why this archive is open: `default`, `chosen` (in the settings) or `environment`
    /// (`ARSHIF_DB`).
    pub archive_source: ArchiveSource,
    /// The default archive, for "Use the default archive".
    pub default_path: String,
    /// Where the automatic daily backups go, and how many are kept.
    pub backups_path: String,
    pub backups_kept: usize,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let location = state.location().await?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: location.path.display().to_string(),
        archive_source: location.source,
        default_path: location.default_path.display().to_string(),
        backups_path: crate::backups_folder(&location.path).display().to_string(),
        backups_kept: crate::DAILY_BACKUPS_KEPT,
    })
}

/// What the window should tell the user once at start-up (the remembered archive was gone);
/// `null` after the first call.
#[tauri::command]
pub fn take_archive_notice(state: State<'_, AppState>) -> Option<ArchiveNotice> {
    state.take_notice()
}

/// Opens the archive picked in the open dialog (`pick_archive_to_open`, whose token is `grant`)
/// in place of the current one, without a restart; the window reloads everything after. Only an
/// Arshif archive this build can open is accepted; anything else is refused untouched and the
/// current archive stays open.
#[tauri::command]
pub async fn open_archive(
    state: State<'_, AppState>,
    grants: State<'_, Grants>,
    grant: String,
) -> CommandResult<Switched> {
    let path = grants.take_one(&grant, Purpose::OpenArchive)?;
    state.switch(path, Target::Existing).await
}

/// Creates a new, empty archive where the save dialog pointed (`pick_archive_to_create`) and
/// opens it in place of the current one. Refused where a file already exists
/// (`archive_exists`): nothing is replaced.
#[tauri::command]
pub async fn create_archive(
    state: State<'_, AppState>,
    grants: State<'_, Grants>,
    grant: String,
) -> CommandResult<Switched> {
    let path = grants.take_one(&grant, Purpose::CreateArchive)?;
    state.switch(path, Target::New).await
}

/// Goes back to the default archive (the one the CLI opens without `--db`).
#[tauri::command]
pub async fn open_default_archive(state: State<'_, AppState>) -> CommandResult<Switched> {
    state.switch(state.default_archive(), Target::Default).await
}

/// Shows the open archive's folder in the desktop's file manager. The shell picks the folder
/// (the webview sends no path) and starts the platform's own opener, so the window needs no
/// opener or shell permission.
#[tauri::command]
pub async fn show_archive_folder(state: State<'_, AppState>) -> CommandResult<()> {
    let location = state.location().await?;
    crate::reveal::show_in_folder(&location.path)
        .map_err(|e| CommandError::new("cannot_show_folder", e.to_string()))
}

/// The formats the export dialog offers: the engine's three, and PDF from `arshif-pdf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ExportKind {
    #[serde(rename = "json")]
    Json,
    #[serde(rename = "csl-json")]
    CslJson,
    #[serde(rename = "csv")]
    Csv,
    #[serde(rename = "pdf")]
    Pdf,
}

impl ExportKind {
    /// The file type the save dialog offers for this format.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Json | ExportKind::CslJson => "json",
            ExportKind::Csv => "csv",
            ExportKind::Pdf => "pdf",
        }
    }
}

/// Whether a PDF starts each article on a new page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PdfLayout {
    #[default]
    OnePerPage,
    Continuous,
}

/// The export dialog's choices; each applies to some formats only and is ignored by the rest.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ExportChoices {
    /// Native JSON: carry each article's original file, so a re-import loses nothing.
    pub include_originals: bool,
    /// PDF: one article per page, or one after the other.
    pub layout: PdfLayout,
    /// PDF: the interface language (`ar`, `fr`, `en`), which picks the cover's words.
    pub language: String,
    /// PDF: what the selection is, printed on the cover (the query, or "selected articles" in
    /// the interface language).
    pub description: String,
}

impl Default for ExportChoices {
    fn default() -> Self {
        ExportChoices {
            include_originals: ExportOptions::default().include_originals,
            layout: PdfLayout::default(),
            language: "ar".into(),
            description: String::new(),
        }
    }
}

/// One export: which articles, in what format, to which file.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportParams {
    pub selection: Selection,
    pub format: ExportKind,
    /// The token of the file the user chose in the save dialog (`pick_export_destination`).
    pub grant: String,
    #[serde(default)]
    pub options: ExportChoices,
}

/// Sent to the window as `export-progress` while an export runs: one `articles` step per
/// article written (JSON, CSL-JSON, CSV), or the phases of a PDF (typesetting is the long one).
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum ExportStep {
    Articles { done: u64, total: u64 },
    Typesetting { articles: usize },
    Writing { pages: usize },
    Done { bytes: u64 },
}

impl From<arshif_pdf::Progress> for ExportStep {
    fn from(progress: arshif_pdf::Progress) -> Self {
        match progress {
            arshif_pdf::Progress::Typesetting { articles } => ExportStep::Typesetting { articles },
            arshif_pdf::Progress::Writing { pages } => ExportStep::Writing { pages },
            arshif_pdf::Progress::Done { bytes } => ExportStep::Done {
                bytes: bytes as u64,
            },
        }
    }
}

/// What an export wrote, for the success notice.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub articles: u64,
    pub bytes: u64,
    pub path: PathBuf,
}

/// Writes a selection to a file. Security: the file is the one the user picked in the save
/// dialog the shell opened (`pick_export_destination`); the webview only presents that pick's
/// token, so it never chooses where files go (`not_granted` otherwise).
/// JSON, CSL-JSON and CSV stream from a connection of their own, so the window keeps searching
/// meanwhile; a PDF reads its articles from the shared archive, then sets them off the lock.
/// The file appears only when complete (see ARCHITECTURE.md). One export runs at a time
/// (`export_running` otherwise); `cancel_export` stops it with `cancelled` and nothing written.
/// While it runs the archive cannot be switched (`archive_busy`).
#[tauri::command]
pub async fn export_articles<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    grants: State<'_, Grants>,
    params: ExportParams,
) -> CommandResult<ExportReport> {
    let path = grants.take_one(&params.grant, Purpose::Export)?;
    if matches!(&params.selection, Selection::Ids(ids) if ids.is_empty()) {
        return Err(CommandError::new(
            "nothing_to_export",
            "no articles are selected",
        ));
    }
    // Held to the end: one export at a time, and the archive does not switch under it.
    let guard = state.start_export().await?;
    // A closed window cannot hear progress; the export itself goes on.
    let emit = move |step: ExportStep| {
        let _ = app.emit("export-progress", step);
    };
    let engine_format = match params.format {
        ExportKind::Json => ExportFormat::Json,
        ExportKind::CslJson => ExportFormat::CslJson,
        ExportKind::Csv => ExportFormat::Csv,
        ExportKind::Pdf => return export_pdf(&state, params, path, guard.shared(), emit).await,
    };
    let ExportParams {
        selection, options, ..
    } = params;
    let engine_options = ExportOptions {
        include_originals: options.include_originals,
    };
    let control = guard.shared();
    state
        .with_own_connection(move |archive| {
            let mut progress = |p: &ExportProgress| {
                emit(ExportStep::Articles {
                    done: p.done,
                    total: p.total,
                })
            };
            let summary = archive.export(
                &selection,
                engine_format,
                &path,
                &engine_options,
                &mut progress,
                Some(&control.cancel),
            )?;
            emit(ExportStep::Done {
                bytes: summary.bytes,
            });
            Ok(ExportReport {
                articles: summary.articles,
                bytes: summary.bytes,
                path,
            })
        })
        .await
}

/// The PDF half of [`export_articles`]: the articles are read under the archive's lock, then
/// typeset on a blocking thread. A cancel during typesetting returns at once (`arshif-pdf`
/// leaves the abandoned compilation to finish alone and drops it).
async fn export_pdf(
    state: &AppState,
    params: ExportParams,
    path: PathBuf,
    control: Arc<JobControl>,
    emit: impl Fn(ExportStep) + Send + 'static,
) -> CommandResult<ExportReport> {
    let ExportParams {
        selection, options, ..
    } = params;
    let out = path.clone();
    let reading = Arc::clone(&control);
    let articles = state
        .with_archive(move |a| {
            Ok(a.articles_for_export(&selection, &out, Some(&reading.cancel))?)
        })
        .await?;
    let pdf_options = arshif_pdf::PdfOptions {
        description: options.description,
        export_date: Some(arshif_engine::export::export_date()),
        layout: match options.layout {
            PdfLayout::OnePerPage => arshif_pdf::Layout::OnePerPage,
            PdfLayout::Continuous => arshif_pdf::Layout::Continuous,
        },
        labels: arshif_pdf::Labels::for_language(&options.language),
    };
    tauri::async_runtime::spawn_blocking(move || {
        let mut bytes = 0;
        arshif_pdf::write_pdf(
            &articles,
            &pdf_options,
            &path,
            &mut |p| {
                if let arshif_pdf::Progress::Done { bytes: size } = p {
                    bytes = size as u64;
                }
                emit(p.into());
            },
            Some(&control.cancel),
        )?;
        Ok(ExportReport {
            articles: articles.len() as u64,
            bytes,
            path,
        })
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("background task failed: {e}")))?
}

/// Stops the running export: it ends with the code `cancelled`, leaves no file (an older file
/// of that name is untouched). Returns whether an export was running.
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) -> bool {
    state.cancel_export()
}

/// Today's date as exports print it (`YYYY-MM-DD`, the engine's clock), for default file names.
#[tauri::command]
pub fn export_date() -> String {
    arshif_engine::export::export_date()
}

/// Writes a complete copy of the archive (SQLite's online backup) to the file the user picked in
/// the save dialog (`pick_backup_destination`) and nothing else (see [`export_articles`]).
/// Returns its size.
#[tauri::command]
pub async fn backup_archive(
    state: State<'_, AppState>,
    grants: State<'_, Grants>,
    grant: String,
) -> CommandResult<u64> {
    let path = grants.take_one(&grant, Purpose::Backup)?;
    state.with_archive(move |a| Ok(a.backup(&path)?)).await
}

/// Replaces the archive with the backup picked in the open dialog (`pick_backup_to_restore`).
/// The file is checked before anything changes; the replaced archive is kept beside it
/// (`RestoreReport::previous`). Refused while an import writes. The UI reloads everything after.
#[tauri::command]
pub async fn restore_archive(
    state: State<'_, AppState>,
    grants: State<'_, Grants>,
    grant: String,
) -> CommandResult<RestoreReport> {
    let path = grants.take_one(&grant, Purpose::Restore)?;
    let _guard = state
        .start_import()
        .ok_or_else(|| CommandError::new("import_running", "an import is running"))?;
    state.restore(path).await
}

/// The archive's health: integrity, links between records, the search index (a damaged archive
/// that would not open is checked as a file).
#[tauri::command]
pub async fn check_archive(state: State<'_, AppState>) -> CommandResult<CheckReport> {
    state.check().await
}
