// The only module that talks to the Rust side. Every call looks up
// `window.__TAURI__` when it runs, not when this module loads: the runtime
// object may be injected after the first module evaluates, and end-to-end tests
// wrap `invoke` after the page has started.
//
// The window never names a file the shell reads or writes (docs/SECURITY.md):
// the `pick*` calls ask the shell to open a file dialog, in words the window
// translates, and resolve to a grant that the next command presents.

/**
 * @typedef {{ code: string, message: string }} ApiError
 *   What every failed command rejects with. `message` is for developers only.
 */

/**
 * @typedef {Object} ArticleSummary
 * @property {number} id
 * @property {string} title
 * @property {string|null} publication
 * @property {string|null} date        ISO `YYYY-MM-DD`.
 * @property {string|null} date_text   The date line as printed.
 * @property {string|null} language    BCP 47, e.g. `ar-MA`.
 * @property {string[]} tags
 * @property {string} imported_at      RFC 3339, UTC.
 */

/**
 * @typedef {ArticleSummary & { snippet: string, score: number }} SearchHit
 *   `snippet` marks highlighted runs between U+E000 and U+E001.
 */

/**
 * @template T
 * @typedef {{ total: number, items: T[] }} Page
 */

/** @typedef {'relevance'|'newest'|'oldest'} SearchSort */
/** @typedef {{ value: string, count: number }} FacetCount */

/**
 * @typedef {Object} Facets  Counts over the whole result set, not one page.
 * @property {FacetCount[]} tags
 * @property {FacetCount[]} publications
 * @property {FacetCount[]} years      Values are `YYYY`.
 * @property {FacetCount[]} languages  Values are BCP 47 tags as stored.
 */

/**
 * @typedef {Page<SearchHit> & { facets: Facets|null }} SearchResults
 */

/**
 * @typedef {Object} SavedSearch
 * @property {number} id
 * @property {string} name
 * @property {string} query
 * @property {string} created_at  RFC 3339, UTC.
 */

/**
 * @typedef {Object} ImportProgress  Sent by the backend after every file.
 * @property {number} done
 * @property {number} total
 * @property {string} current_file
 */

/**
 * @typedef {Object} Provenance
 * @property {string} file_name
 * @property {string} file_path
 * @property {string} sha256
 * @property {number} size
 * @property {string} encoding
 * @property {string} importer
 * @property {string} boilerplate_removed
 */

/**
 * @typedef {Object} Article
 * @property {number} id
 * @property {string} title
 * @property {string} body
 * @property {string|null} publication
 * @property {string[]} authors
 * @property {string|null} section
 * @property {string|null} page
 * @property {string|null} url
 * @property {string|null} language
 * @property {string|null} date
 * @property {string|null} date_text
 * @property {string|null} hijri_date
 * @property {string} notes
 * @property {{ name: string, colour: string|null }[]} tags
 * @property {string} imported_at
 * @property {string} modified_at
 * @property {Provenance|null} provenance
 */

/**
 * @typedef {{ file: string, article_id: number, other_id: number, similarity: number }} NearDuplicate
 */
/**
 * @typedef {Object} ImportReport
 * @property {number} imported
 * @property {number} duplicates
 * @property {{ file: string, code: string, reason: string }[]} failed
 * @property {number[]} imported_ids
 * @property {{ file: string, existing_id: number, kind: 'same_file'|'same_text' }[]} duplicate_files
 * @property {NearDuplicate[]} [near_duplicates]  Imported but flagged (absent from older builds).
 */

/**
 * @typedef {Object} TagCount
 * @property {string} name
 * @property {string|null} colour
 * @property {number} count  Articles carrying this tag itself.
 * @property {number} total  Articles carrying it or a tag below it, each once
 *   (what a search for the tag finds).
 */
/**
 * @typedef {{ name: string, total: number }} TagParent  A path segment that is
 *   no tag of its own, with the articles below it, each once.
 */
/** @typedef {{ articles: number, tags: number, publications: number }} Stats */
/**
 * @typedef {Object} AppInfo
 * @property {string} version
 * @property {string} db_path
 * @property {'default'|'chosen'|'environment'} archive_source  Why this archive is open.
 * @property {string} default_path  The default archive (the CLI's without `--db`).
 * @property {string} backups_path  The folder of the automatic daily backups.
 * @property {number} backups_kept  How many daily backups are kept.
 */

/** @typedef {'json'|'csl-json'|'csv'|'pdf'} ExportFormat */

/**
 * @typedef {{ ids: number[] } | { query: { text: string, sort: SearchSort } }} Selection
 *   Checked articles in list order, or every result of a query (the empty
 *   query is the whole library) without loading them.
 */

/**
 * @typedef {Object} ExportChoices  Each applies to some formats only.
 * @property {boolean} [includeOriginals]  JSON: carry the original files.
 * @property {'onePerPage'|'continuous'} [layout]  PDF.
 * @property {string} [language]  PDF: the interface language, for the cover.
 * @property {string} [description]  PDF: what the selection is, on the cover.
 */

/**
 * @typedef {{ phase: 'articles', done: number, total: number }
 *   | { phase: 'typesetting', articles: number }
 *   | { phase: 'writing', pages: number }
 *   | { phase: 'done', bytes: number }} ExportStep  An `export-progress` event.
 */

/** @typedef {{ articles: number, bytes: number, path: string }} ExportReport */
/** @typedef {{ previous: string|null, articles: number }} RestoreReport */

/**
 * @typedef {Object} CheckReport
 * @property {boolean} healthy
 * @property {string[]} integrity_problems
 * @property {{ table: string, rowid: number|null, missing_in: string }[]} broken_links
 * @property {string|null} search_index_problem
 * @property {number|null} articles
 * @property {string} summary  English, for logs; the UI builds its own sentence.
 */
/** @typedef {'imported'|'date'|'title'} SortKey */

/**
 * @typedef {Object} Picked  What the user chose in a dialog the shell opened, or dropped.
 * @property {string} grant  Presented once to the command that does the job.
 * @property {string[]} paths  For showing only (a name, a count).
 */

/**
 * @typedef {Object} DialogWords  A dialog's words, in the window's language.
 * @property {string} title
 * @property {string} [filter]  The name of the dialog's own file type.
 * @property {string} [allFiles]  "All files", for the open dialogs.
 */

/**
 * The Tauri global, looked up now.
 * @returns {any}
 */
function runtime() {
  const tauri = /** @type {any} */ (window).__TAURI__;
  if (!tauri || !tauri.core || typeof tauri.core.invoke !== 'function') {
    throw /** @type {ApiError} */ ({ code: 'internal', message: 'The Tauri runtime is not available.' });
  }
  return tauri;
}

/**
 * Turns whatever a command rejected with into an {@link ApiError}.
 * @param {unknown} error
 * @returns {ApiError}
 */
export function toApiError(error) {
  if (error && typeof error === 'object' && 'code' in error) {
    const e = /** @type {{ code: unknown, message?: unknown }} */ (error);
    return { code: String(e.code), message: String(e.message ?? '') };
  }
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}

/**
 * Calls one command and normalises its error.
 * @template T
 * @param {string} command
 * @param {Object<string, unknown>} [args]
 * @returns {Promise<T>}
 */
async function call(command, args) {
  try {
    return await runtime().core.invoke(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * One page of the library.
 * @param {{ offset: number, limit: number, sort: SortKey, descending: boolean }} params
 * @returns {Promise<Page<ArticleSummary>>}
 */
export function listArticles(params) {
  return call('list_articles', { params });
}

/**
 * One page of search results. Never call with an empty query: that is the library
 * list. A query of filters only (`tag:"أمن"`) is fine: it lists them by date.
 * Rejects with `bad_query` when a date filter is not a date.
 * @param {{ query: string, offset: number, limit: number, sort: SearchSort, facets: boolean }} params
 *   `facets` asks for counts per tag, publication, year and language.
 * @returns {Promise<SearchResults>}
 */
export function search(params) {
  return call('search', { params });
}

/**
 * Saves a query under a name; the same name replaces its query.
 * Rejects with `bad_query` for a query that could not run.
 * @param {string} name
 * @param {string} query
 * @returns {Promise<SavedSearch>}
 */
export function saveSearch(name, query) {
  return call('save_search', { name, query });
}

/** @returns {Promise<SavedSearch[]>} */
export function listSavedSearches() {
  return call('list_saved_searches');
}

/**
 * @param {number} id
 * @returns {Promise<void>}
 */
export function deleteSavedSearch(id) {
  return call('delete_saved_search', { id });
}

/**
 * @param {number} id
 * @returns {Promise<Article>}
 */
export function getArticle(id) {
  return call('get_article', { id });
}

/**
 * Imports what a pick or a drop granted, passing each `import-progress` event
 * to `onProgress` while the command runs. Progress is a nicety: without the
 * event API the import still runs.
 * @param {string} grant  From {@link pickImportFiles}, {@link pickImportFolder} or a drop.
 * @param {(progress: ImportProgress) => void} [onProgress]
 * @returns {Promise<ImportReport>}
 */
export async function importFiles(grant, onProgress) {
  const stop = onProgress
    ? await listen('import-progress', (/** @type {any} */ payload) => {
        if (payload && typeof payload === 'object') onProgress(/** @type {ImportProgress} */ (payload));
      })
    : () => {};
  try {
    return await call('import_files', { grant });
  } finally {
    stop();
  }
}

/**
 * Listens to one backend event, looking the event API up now (see the note at
 * the top). Resolves once listening, so no event sent after it is missed.
 * @param {string} name
 * @param {(payload: unknown) => void} handler
 * @returns {Promise<() => void>} Stops listening; safe to call more than once.
 */
async function listen(name, handler) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  const events = tauri && tauri.event;
  if (!events || typeof events.listen !== 'function') return () => {};
  try {
    const unlisten = await events.listen(name, (/** @type {{ payload?: unknown }} */ event) =>
      handler(event ? event.payload : undefined),
    );
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      try {
        unlisten();
      } catch (error) {
        console.warn(error);
      }
    };
  } catch (error) {
    console.warn(`Could not listen to ${name}`, error);
    return () => {};
  }
}

/**
 * @typedef {Object} Tagged
 * @property {string} tag  The tag's name as stored, which may spell the name
 *   sent differently ("امن/دولي" reaches an existing "أمن/دولي").
 * @property {number} changed  How many of the articles changed.
 */

/**
 * @param {string} tag
 * @param {number[]} ids
 * @returns {Promise<Tagged>}
 */
export function tagArticles(tag, ids) {
  return call('tag_articles', { params: { tag, ids } });
}

/**
 * @param {string} tag
 * @param {number[]} ids
 * @returns {Promise<Tagged>}
 */
export function untagArticles(tag, ids) {
  return call('untag_articles', { params: { tag, ids } });
}

/** @returns {Promise<TagCount[]>} */
export function listTags() {
  return call('list_tags');
}

/** @returns {Promise<TagParent[]>} The tree's path-only parents, with their totals. */
export function listTagParents() {
  return call('list_tag_parents');
}

/**
 * The tags offered while typing a tag name: the engine matches the analyzer's
 * normal form of the whole name and of each path segment, most-used first.
 * @param {string} prefix
 * @param {number} limit
 * @returns {Promise<TagCount[]>}
 */
export function suggestTags(prefix, limit) {
  return call('suggest_tags', { prefix, limit });
}

/** @returns {Promise<string[]>} Every publication's name. */
export function listPublications() {
  return call('list_publications');
}

/**
 * @typedef {Object} ArticleUpdate  What the edit form saves; an empty string
 *   clears a field. The engine validates, and sets `modified_at`.
 * @property {string} title
 * @property {string} publication
 * @property {string[]} authors
 * @property {string} date  `YYYY-MM-DD` or ''.
 * @property {string} notes
 * @property {string[]} tags  The article's whole tag set.
 */

/**
 * @param {number} id
 * @param {ArticleUpdate} update
 * @returns {Promise<Article>} The article as stored.
 */
export function updateArticle(id, update) {
  return call('update_article', { id, update });
}

/**
 * Creates a tag no article carries yet.
 * @param {string} name  May be a path (`أمن/تعاون دولي`).
 * @param {string|null} colour  `#rrggbb`, or null.
 * @returns {Promise<string>} The name as stored.
 */
export function createTag(name, colour) {
  return call('create_tag', { name, colour });
}

/**
 * Renames a tag; the tags below its path move with it.
 * @param {string} old
 * @param {string} name
 * @returns {Promise<string>} The new name as stored (its parents spelled as the
 *   archive already spells them: "امن/x" is stored under an existing "أمن").
 */
export function renameTag(old, name) {
  return call('rename_tag', { old, new: name });
}

/**
 * Moves every article of `from` to `into` and deletes `from`.
 * @param {string} from
 * @param {string} into
 * @returns {Promise<void>}
 */
export function mergeTags(from, into) {
  return call('merge_tags', { from, into });
}

/**
 * @param {string} tag
 * @param {string|null} colour  `#rrggbb`, or null to clear it.
 * @returns {Promise<void>}
 */
export function setTagColour(tag, colour) {
  return call('set_tag_colour', { tag, colour });
}

/**
 * Deletes a tag; its articles stay.
 * @param {string} tag
 * @returns {Promise<number>} How many articles carried it.
 */
export function deleteTag(tag) {
  return call('delete_tag', { tag });
}

/**
 * The tags whose names contain `text` after the engine's Arabic normalization.
 * @param {string} text
 * @returns {Promise<string[]>}
 */
export function matchTags(text) {
  return call('match_tags', { text });
}

/** @returns {Promise<Stats>} */
export function stats() {
  return call('stats');
}

/**
 * @param {number[]} ids
 * @returns {Promise<number>} How many articles were deleted.
 */
export function deleteArticles(ids) {
  return call('delete_articles', { ids });
}

/**
 * @typedef {Object} NearDuplicatePair  Two articles whose bodies nearly match.
 * @property {ArticleSummary} article  The earlier one.
 * @property {ArticleSummary} other  The later one, usually the reprint.
 * @property {number} similarity  Estimated share of shared wording, 0 to 1.
 */

/**
 * One page of the open near-duplicate pairs, the newest first.
 * @param {number} offset
 * @param {number} limit
 * @returns {Promise<Page<NearDuplicatePair>>}
 */
export function listNearDuplicates(offset, limit) {
  return call('list_near_duplicates', { offset, limit });
}

/**
 * Keeps both articles of a pair: it is never shown again.
 * @param {number} a
 * @param {number} b
 * @returns {Promise<void>}
 */
export function markNotDuplicate(a, b) {
  return call('mark_not_duplicate', { a, b });
}

/**
 * The open near-duplicate pairs one article belongs to, the most similar first.
 * @param {number} id
 * @returns {Promise<NearDuplicatePair[]>}
 */
export function nearDuplicatesOfArticle(id) {
  return call('near_duplicates_of_article', { id });
}

/** @returns {Promise<AppInfo>} */
export function appInfo() {
  return call('app_info');
}

/**
 * @typedef {Object} ArchiveSwitch  What a switch of archive did.
 * @property {string} path
 * @property {number} articles  In the archive now open.
 * @property {boolean} remembered  False: it will not open at the next start.
 */

/**
 * Opens the archive chosen in {@link pickArchiveToOpen} in place of the current
 * one. Rejects with `not_an_archive`, `newer_database`, `unsafe_archive`,
 * `archive_missing` or `archive_busy`, the current archive staying open.
 * @param {string} grant
 * @returns {Promise<ArchiveSwitch>}
 */
export function openArchive(grant) {
  return call('open_archive', { grant });
}

/**
 * Creates a new archive where {@link pickArchiveToCreate} pointed and opens it.
 * Rejects with `archive_exists` rather than replace a file.
 * @param {string} grant
 * @returns {Promise<ArchiveSwitch>}
 */
export function createArchive(grant) {
  return call('create_archive', { grant });
}

/** Goes back to the default archive. @returns {Promise<ArchiveSwitch>} */
export function openDefaultArchive() {
  return call('open_default_archive');
}

/** Shows the archive's folder in the file manager. @returns {Promise<void>} */
export function showArchiveFolder() {
  return call('show_archive_folder');
}

/**
 * @typedef {{ code: 'remembered_archive_missing', path: string }} ArchiveNotice
 */

/**
 * What to tell the user once at start-up, or null (every later call).
 * @returns {Promise<ArchiveNotice|null>}
 */
export function takeArchiveNotice() {
  return call('take_archive_notice');
}

/**
 * Exports a selection to the file chosen in {@link pickExportDestination},
 * passing each `export-progress` event to `onProgress` while it runs.
 * @param {{ selection: Selection, format: ExportFormat, grant: string, options: ExportChoices }} params
 * @param {(step: ExportStep) => void} [onProgress]
 * @returns {Promise<ExportReport>}
 */
export async function exportArticles(params, onProgress) {
  const stop = onProgress
    ? await listen('export-progress', (/** @type {any} */ payload) => {
        if (payload && typeof payload === 'object') onProgress(/** @type {ExportStep} */ (payload));
      })
    : () => {};
  try {
    return await call('export_articles', { params });
  } finally {
    stop();
  }
}

/**
 * Asks the running export to stop; `exportArticles` then fails with the code
 * `cancelled` and no file is written.
 * @returns {Promise<boolean>} Whether an export was running.
 */
export function cancelExport() {
  return call('cancel_export');
}

/** Today as exports print it (`YYYY-MM-DD`, the backend's clock). @returns {Promise<string>} */
export function exportDate() {
  return call('export_date');
}

/**
 * Backs the archive up to the file chosen in {@link pickBackupDestination}.
 * @param {string} grant
 * @returns {Promise<number>} The backup's size in bytes.
 */
export function backupArchive(grant) {
  return call('backup_archive', { grant });
}

/**
 * Replaces the archive with the backup chosen in {@link pickBackupToRestore};
 * the current one is kept beside it.
 * @param {string} grant
 * @returns {Promise<RestoreReport>}
 */
export function restoreArchive(grant) {
  return call('restore_archive', { grant });
}

/** @returns {Promise<CheckReport>} */
export function checkArchive() {
  return call('check_archive');
}

/**
 * Article files to import, in the shell's open dialog (the file types are the
 * importers', the words the window's).
 * @param {DialogWords} words
 * @returns {Promise<Picked|null>} Null when the user cancelled.
 */
export function pickImportFiles(words) {
  return call('pick_import_files', { words });
}

/**
 * Folders to import whole; the engine walks them.
 * @param {DialogWords} words
 * @returns {Promise<Picked|null>}
 */
export function pickImportFolder(words) {
  return call('pick_import_folder', { words });
}

/**
 * The file an export writes, in the shell's save dialog.
 * @param {ExportFormat} format  Picks the file type offered.
 * @param {DialogWords} words
 * @param {string} defaultName  A file name only; the shell drops any folder.
 * @returns {Promise<Picked|null>}
 */
export function pickExportDestination(format, words, defaultName) {
  return call('pick_export_destination', { format, words, defaultName });
}

/**
 * The file a backup writes.
 * @param {DialogWords} words
 * @param {string} defaultName
 * @returns {Promise<Picked|null>}
 */
export function pickBackupDestination(words, defaultName) {
  return call('pick_backup_destination', { words, defaultName });
}

/**
 * The backup to restore.
 * @param {DialogWords} words
 * @returns {Promise<Picked|null>}
 */
export function pickBackupToRestore(words) {
  return call('pick_backup_to_restore', { words });
}

/**
 * Another archive to open.
 * @param {DialogWords} words
 * @returns {Promise<Picked|null>}
 */
export function pickArchiveToOpen(words) {
  return call('pick_archive_to_open', { words });
}

/**
 * Where a new archive goes.
 * @param {DialogWords} words
 * @param {string} defaultName
 * @returns {Promise<Picked|null>}
 */
export function pickArchiveToCreate(words, defaultName) {
  return call('pick_archive_to_create', { words, defaultName });
}

/** Stops the running import after its current file. @returns {Promise<boolean>} */
export function cancelImport() {
  return call('cancel_import');
}

/**
 * @typedef {{ type: 'enter'|'over'|'drop'|'leave' } | { type: 'granted', picked: Picked }} DropEvent
 *   `granted` follows a drop: the shell granted the dropped files for one import.
 */

/**
 * Lets `decide` keep the window open when the archivist asks to close it
 * (resolving to false keeps it). Tauri's window API destroys the window itself
 * when the close is not prevented. Does nothing outside Tauri.
 * @param {() => Promise<boolean>} decide
 * @returns {Promise<() => void>} A function that stops listening.
 */
export async function onCloseRequested(decide) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  const windows = tauri && tauri.window;
  if (!windows || typeof windows.getCurrentWindow !== 'function') return () => {};
  return windows.getCurrentWindow().onCloseRequested(async (/** @type {{ preventDefault: () => void }} */ event) => {
    if (!(await decide())) event.preventDefault();
  });
}

/**
 * Listens to files dragged onto the window: Tauri's events for the drop
 * overlay, then the shell's `files-dropped` with the grant to import them (the
 * shell takes the paths from the window event itself, so no path the webview
 * names is ever imported). Does nothing outside Tauri.
 * @param {(event: DropEvent) => void} handler
 * @returns {Promise<() => void>} A function that stops listening.
 */
export async function onFileDrop(handler) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  const events = tauri && tauri.event;
  if (!events || typeof events.listen !== 'function') return () => {};
  const pairs = /** @type {const} */ ([
    ['tauri://drag-enter', 'enter'],
    ['tauri://drag-over', 'over'],
    ['tauri://drag-drop', 'drop'],
    ['tauri://drag-leave', 'leave'],
  ]);
  try {
    const stops = await Promise.all([
      ...pairs.map(([name, type]) => events.listen(name, () => handler({ type }))),
      events.listen('files-dropped', (/** @type {{ payload?: Picked }} */ event) => {
        const picked = event && event.payload;
        if (picked && typeof picked.grant === 'string') handler({ type: 'granted', picked });
      }),
    ]);
    return () => stops.forEach((stop) => stop());
  } catch {
    return () => {};
  }
}
