//! Tauri commands: each pulls the state, calls one engine function off the main thread and
//! converts the error. No logic lives here.
use std::path::PathBuf;

use arshif_engine::search::{SearchQuery, SearchResults};
use arshif_engine::{
    Article, ArticleSummary, ArticleUpdate, ImportOptions, ImportProgress, ImportReport,
    ListParams, NearDuplicatePair, Page, SavedSearch, Stats, TagCount,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::CommandError;
use crate::state::AppState;

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

/// "Keep both": the pair leaves the list for good.
#[tauri::command]
pub async fn mark_not_duplicate(state: State<'_, AppState>, a: i64, b: i64) -> CommandResult<()> {
    state
        .with_archive(move |archive| Ok(archive.mark_not_duplicate(a, b)?))
        .await
}

/// Imports the files and folders the user chose in a dialog or dropped on the window; the dialogs
/// live in the UI, so this command (and the end-to-end tests) deal only in paths. Progress goes
/// to the window as `import-progress` events; `cancel_import` stops it after the current file.
/// One import runs at a time (`import_running` otherwise), on its own connection, so searching
/// and reading go on meanwhile.
#[tauri::command]
pub async fn import_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
) -> CommandResult<ImportReport> {
    let guard = state
        .start_import()
        .ok_or_else(|| CommandError::new("import_running", "an import is already running"))?;
    state
        .with_import_connection(move |archive| {
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

#[tauri::command]
pub async fn tag_articles(state: State<'_, AppState>, params: TagParams) -> CommandResult<u64> {
    state
        .with_archive(move |a| Ok(a.tag_articles(&params.tag, &params.ids)?))
        .await
}

#[tauri::command]
pub async fn untag_articles(state: State<'_, AppState>, params: TagParams) -> CommandResult<u64> {
    state
        .with_archive(move |a| Ok(a.untag_articles(&params.tag, &params.ids)?))
        .await
}

#[tauri::command]
pub async fn list_tags(state: State<'_, AppState>) -> CommandResult<Vec<TagCount>> {
    state.with_archive(|a| Ok(a.tags()?)).await
}

#[tauri::command]
pub async fn rename_tag(state: State<'_, AppState>, old: String, new: String) -> CommandResult<()> {
    state
        .with_archive(move |a| Ok(a.rename_tag(&old, &new)?))
        .await
}

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

/// What the settings screen shows about the installation.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub db_path: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: state.db_path.display().to_string(),
    }
}
