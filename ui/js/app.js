// Start-up and wiring: builds the views, connects them to each other and to
// the search box, the keyboard and the import flow. State that several views
// share lives here; each view owns its own rendering.

import * as api from './api.js';
import { cancelUntilHeard } from './cancel.js';
import { $, replace, userText } from './dom.js';
import { errorText } from './format.js';
import { hydrateIcons } from './icons.js';
import { onLanguageChange, setLanguage, t, tNodes } from './i18n.js';
import { isBareKey, isLetterKey, opensTagManager } from './keys.js';
import { applyTheme, loadPrefs, savePrefs } from './prefs.js';
import { badDateValue, toggleFilter } from './query.js';
import { setTagColours } from './store.js';
import { createBulk } from './views/bulk.js';
import { createDuplicates } from './views/duplicates.js';
import { createExport } from './views/export.js';
import { createFacets } from './views/facets.js';
import { createHelp } from './views/help.js';
import { createList } from './views/list.js';
import { announce, hideError, initNotify, showError, showNotice } from './views/notify.js';
import { createReader } from './views/reader.js';
import { createReport } from './views/report.js';
import { createSaved } from './views/saved.js';
import { createSettings } from './views/settings.js';
import { createSidebar, tagQuery } from './views/sidebar.js';
import { followedTagQuery, renamedTags } from './tag-tree.js';
import { createTagManager } from './views/tag-manager.js';

/** Milliseconds of quiet typing before the search runs. */
const SEARCH_DELAY = 200;

const prefs = loadPrefs();
applyTheme(prefs.theme);
setLanguage(prefs.language, prefs.digits);
document.title = t('app.name');
hydrateIcons(document);
initNotify();

const appRoot = $('.app');
const searchInput = /** @type {HTMLInputElement} */ ($('[data-testid="search-input"]'));
const dropOverlay = $('[data-testid="drop-overlay"]');
const emptyState = $('[data-testid="empty-state"]');
const searchError = $('[data-testid="search-error"]');
const exportButton = $('[data-testid="export-button"]');

/** Null until the first stats() answer. */
let archiveEmpty = /** @type {boolean|null} */ (null);
let importing = false;
/** @type {number|undefined} */
let searchTimer;
/** The query the backend refused, while its message shows under the search box. */
let refusedQuery = /** @type {string|null} */ (null);
/** @type {unknown} */
let refusedError = null;

const sidebar = createSidebar({
  onTag: (name) => runQuery(tagQuery(name)),
  onAllArticles: () => runQuery(''),
  onImport: () => runImport('files'),
  onImportFolder: () => runImport('folder'),
  onCancelImport: () => cancelImport(),
  onSettings: () => settings.open(),
  onManageTags: () => tagManager.open(),
});

const list = createList({
  onOpen: (id) => reader.show(id),
  onClearSearch: () => {
    runQuery('');
    searchInput.focus();
  },
  onSortChange: (sort) => updatePrefs({ sort }),
  onSearchSortChange: (searchSort) => updatePrefs({ searchSort }),
  onSelectionChange: (ids) => syncSelection(ids),
  onSearchSettled: ({ query, facets: counts, error, attempted }) => {
    const refused = Boolean(error && typeof error === 'object' && 'code' in error && error.code === 'bad_query');
    if (refused && attempted !== '') {
      showSearchError(attempted, error);
      // The list went back to the previous query: so do the views that follow it.
      facets.setFacets(query, undefined);
    } else {
      clearSearchError();
      facets.setFacets(query, counts);
    }
    sidebar.setActiveQuery(query);
    saved.setActiveQuery(query);
  },
});

const facets = createFacets({
  // The search box shows the whole query, so a facet edits what it shows.
  onToggle: (field, value) => runQuery(toggleFilter(searchInput.value, field, value)),
});

const saved = createSaved({
  onRun: (query) => runQuery(query),
  getQuery: () => searchInput.value.trim(),
});

createHelp({
  onInsert: (example) => {
    const current = searchInput.value.trim();
    runQuery(current ? `${current} ${example}` : example);
    searchInput.focus();
    const end = searchInput.value.length;
    searchInput.setSelectionRange(end, end);
  },
});

const reader = createReader({
  onTagSearch: (name) => runQuery(tagQuery(name)),
  onEdited: (article) => {
    list.applyEdit(article);
    refreshLibrary();
    refreshFacets();
  },
  onStay: (id) => list.select(id),
  onTagsChanged: (article) => {
    list.setTags(
      article.id,
      article.tags.map((tag) => tag.name),
    );
    refreshLibrary();
    refreshFacets();
  },
  onDeleted: (id) => {
    const next = list.remove(id);
    refreshLibrary();
    duplicates.refreshCount();
    if (next !== null) openArticle(next);
  },
  onOpenArticle: (id) => openArticle(id),
  onCompare: (pair) => duplicates.open(pair),
  onStep: (step) => stepArticle(step),
  getTextSize: () => prefs.textSize,
  onTextSizeChange: (textSize) => updatePrefs({ textSize }),
});

const duplicates = createDuplicates({
  onDeleted: (id) => {
    list.remove(id);
    if (reader.currentId === id) reader.clear();
    refreshLibrary();
  },
  onResolved: () => reader.refreshDuplicates(),
});

const report = createReport({
  onOpenArticle: (id) => openArticle(id),
  onReviewDuplicates: () => duplicates.open(),
});

const exporter = createExport({
  getContext: () => ({
    query: list.query,
    total: list.total,
    selectedIds: list.selectedIds,
    sort: list.searchSort,
  }),
});

const bulk = createBulk({
  onExport: (scope) => exporter.open({ scope }),
  onTagged: (ids, tag) => {
    list.addTag(ids, tag);
    afterBulkTagChange(ids);
  },
  onUntagged: (ids, tag) => {
    list.removeTag(ids, tag);
    afterBulkTagChange(ids);
  },
  onDeleted: (ids) => {
    for (const id of ids) list.remove(id);
    if (reader.currentId !== null && ids.includes(reader.currentId)) reader.clear();
    refreshLibrary();
    refreshFacets();
    list.focus();
  },
  onClear: () => {
    list.clearSelection();
    list.focus();
  },
});

const settings = createSettings({
  getPrefs: () => prefs,
  onChange: (changes) => updatePrefs(changes),
  onArchiveChanged: () => reloadEverything(),
  onManageTags: () => tagManager.open(),
});

const tagManager = createTagManager({
  onChanged: (change) => afterTagManagerChange(change),
});

exportButton.addEventListener('click', () => exporter.open());

/**
 * After the tag manager changed a tag: the list rows, the reader, the sidebar's
 * tags and the facets follow; a search for the renamed or merged tag follows it.
 * @param {import('./tag-tree.js').TagChange} change
 * @returns {Promise<void>}
 */
async function afterTagManagerChange(change) {
  list.rewriteTags((names) => renamedTags(change, names));
  if (reader.currentId !== null) reader.show(reader.currentId);
  await refreshLibrary();
  // Colours live in the store the rows read: draw them again.
  list.refresh();
  const query = list.query;
  const followed = followedTagQuery(change, query);
  if (followed !== null) await runQuery(followed);
  else await refreshFacets();
}

/**
 * After a tag went on or off several articles: the reader (if it shows one of
 * them), the tag counts and the facets read the archive again.
 * @param {number[]} ids
 */
function afterBulkTagChange(ids) {
  if (reader.currentId !== null && ids.includes(reader.currentId)) reader.show(reader.currentId);
  refreshLibrary();
  refreshFacets();
}

/**
 * Follows the list's selection: the bulk bar, and the export button, which
 * needs something to export.
 * @param {number[]} ids
 */
function syncSelection(ids) {
  bulk.setSelection(ids, { query: list.query, total: list.total, loaded: list.loaded });
  exportButton.hidden = list.total === 0;
}

/**
 * After a restore or a switch of archive every view shows the archive that was
 * open before: read it all again (list, tags, facets, saved searches, counts).
 * @returns {Promise<void>}
 */
async function reloadEverything() {
  reader.clear();
  await Promise.all([refreshLibrary(), saved.load(), runQuery('')]);
}

/** Says once, at start-up, that the archive remembered from last time was gone. */
async function tellArchiveNotice() {
  try {
    const notice = await api.takeArchiveNotice();
    if (notice && notice.code === 'remembered_archive_missing') {
      showNotice(tNodes('archive.missingAtStart', { file: userText('bdi', notice.path, { class: 'notice-file' }) }));
    }
  } catch (error) {
    console.error(error);
  }
}

onLanguageChange(() => {
  document.title = t('app.name');
  sidebar.refresh();
  list.refresh();
  reader.refresh();
  report.refresh();
  settings.refresh();
  facets.refresh();
  saved.refresh();
  exporter.refresh();
  bulk.refresh();
  duplicates.refresh();
  tagManager.refresh();
  if (refusedQuery !== null) showSearchError(refusedQuery, refusedError);
});

/**
 * Applies and saves changed settings.
 * @param {Partial<import('./prefs.js').Prefs>} changes
 */
function updatePrefs(changes) {
  const languageChanged =
    (changes.language !== undefined && changes.language !== prefs.language) ||
    (changes.digits !== undefined && changes.digits !== prefs.digits);
  Object.assign(prefs, changes);
  savePrefs(prefs);
  if (changes.theme !== undefined) applyTheme(prefs.theme);
  if (languageChanged) setLanguage(prefs.language, prefs.digits);
}

/** Shows the empty archive, or the list and reader. */
function renderView() {
  appRoot.setAttribute('data-view', archiveEmpty ? 'empty' : 'archive');
  emptyState.hidden = !archiveEmpty;
}

/**
 * Reloads the counts and the tag list (after an import, a tag change or a delete).
 * @returns {Promise<void>}
 */
async function refreshLibrary() {
  // After an import or a delete the open near-duplicate pairs change too.
  duplicates.refreshCount();
  try {
    const [stats, tags] = await Promise.all([api.stats(), api.listTags()]);
    archiveEmpty = stats.articles === 0;
    setTagColours(tags);
    sidebar.setStats(stats);
    sidebar.setTags(tags);
    renderView();
  } catch (error) {
    showError(error);
  }
}

/**
 * Recounts the facets of the current search after a change made in the reader
 * (a tag added or removed), without reloading the list the archivist is in.
 * @returns {Promise<void>}
 */
async function refreshFacets() {
  const query = searchInput.value.trim();
  if (query === '') return;
  try {
    const results = await api.search({ query, offset: 0, limit: 1, sort: 'relevance', facets: true });
    facets.setFacets(query, results.facets ?? undefined);
  } catch {
    // The list's own search reports a refused query; stale counts are the lesser harm here.
  }
}

/**
 * Shows the library ('') or the results of a query, now.
 * @param {string} query
 * @returns {Promise<void>}
 */
function runQuery(query) {
  window.clearTimeout(searchTimer);
  const trimmed = query.trim();
  if (searchInput.value.trim() !== trimmed) searchInput.value = trimmed;
  sidebar.setActiveQuery(trimmed);
  facets.setQuery(trimmed);
  saved.syncSaveButton();
  hideError();
  return list.reset({ query: trimmed });
}

/**
 * Says, under the search box and in the interface language, why the backend
 * refused a query (a date filter that is no date). Not a dialog: the archivist
 * fixes the text where it is, and the previous results stay.
 * @param {string} query
 * @param {unknown} error
 */
function showSearchError(query, error) {
  refusedQuery = query;
  refusedError = error;
  const value = badDateValue(query);
  replace(
    searchError,
    value !== null
      ? tNodes('search.badDate', { value: userText('bdi', value, { class: 'query' }) })
      : errorText(error),
  );
  searchError.hidden = false;
  searchInput.setAttribute('aria-invalid', 'true');
}

function clearSearchError() {
  refusedQuery = null;
  refusedError = null;
  searchError.hidden = true;
  searchError.replaceChildren();
  searchInput.removeAttribute('aria-invalid');
}

/**
 * Selects an article in the list (when loaded) and opens it in the reader.
 * @param {number} id
 */
function openArticle(id) {
  list.select(id);
  reader.show(id);
}

/**
 * Opens the next (1) or previous (-1) article of the list in the reader.
 * @param {-1|1} step
 * @returns {Promise<void>}
 */
async function stepArticle(step) {
  await list.move(step);
  const id = list.selectedId;
  if (id !== null && id !== reader.currentId) reader.show(id);
}

/**
 * Imports files or folders: chosen in the file or folder dialog the shell
 * opens, or dropped on the window (the shell grants the dropped files).
 * @param {'files'|'folder'|import('./api.js').Picked} source
 */
async function runImport(source) {
  if (importing) return;
  let picked = typeof source === 'object' ? source : null;
  if (!picked) {
    try {
      picked =
        source === 'folder'
          ? await api.pickImportFolder({ title: t('import.folderDialogTitle') })
          : await api.pickImportFiles({
              title: t('import.dialogTitle'),
              filter: t('import.articleFiles'),
              allFiles: t('import.allFiles'),
            });
    } catch (error) {
      showError(error);
      return;
    }
  }
  if (!picked || !picked.paths.length) return;
  const files = picked.paths;

  importing = true;
  appRoot.setAttribute('data-busy', 'import');
  sidebar.setImportBusy(files.length);
  hideError();
  announce(t('import.busy', { files: t('count.files', { count: files.length }) }));
  try {
    const result = await api.importFiles(picked.grant, (progress) => sidebar.setImportProgress(progress));
    // New articles belong to the library view: leave any search so they show.
    await Promise.all([refreshLibrary(), runQuery('')]);
    const first = result.imported_ids && result.imported_ids[0];
    if (first !== undefined) openArticle(first);
    report.show(result);
    announce(
      t('report.announce', {
        imported: result.imported,
        duplicates: result.duplicates,
        failed: result.failed.length,
      }),
    );
  } catch (error) {
    showError(error);
  } finally {
    importing = false;
    appRoot.removeAttribute('data-busy');
    sidebar.setImportBusy(null);
  }
}

/** Asks the running import to stop after its current file; the report follows. */
async function cancelImport() {
  if (!importing) return;
  sidebar.setImportCancelling();
  try {
    await cancelUntilHeard(api.cancelImport, () => importing);
  } catch (error) {
    showError(error);
  }
}

/** Puts the cursor in the search box with its text selected. */
function focusSearch() {
  if (appRoot.getAttribute('data-view') === 'empty') return;
  searchInput.focus();
  searchInput.select();
}

/**
 * @param {EventTarget|null} target
 * @returns {boolean}
 */
function isEditable(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

searchInput.addEventListener('input', () => {
  saved.syncSaveButton();
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => {
    const query = searchInput.value.trim();
    if (query !== list.query) runQuery(query);
  }, SEARCH_DELAY);
});

searchInput.addEventListener('keydown', (event) => {
  if (event.isComposing) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    if (searchInput.value !== '' || list.query !== '') runQuery('');
  } else if (event.key === 'Enter') {
    event.preventDefault();
    runQuery(searchInput.value);
  } else if (event.key === 'ArrowDown') {
    event.preventDefault();
    list.focus();
  }
});

document.addEventListener('keydown', (event) => {
  if (event.isComposing || event.defaultPrevented) return;
  if (document.querySelector('dialog[open]')) return;
  // Letters by `code` too (isLetterKey): on an Arabic keyboard layout the K
  // key types ن and the slash key types ظ, and the shortcuts must still work.
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && isLetterKey(event, 'k')) {
    event.preventDefault();
    focusSearch();
    return;
  }
  // E (ث on an Arabic layout) or F2 edits the article in the reader.
  if ((isLetterKey(event, 'e') || event.key === 'F2') && isBareKey(event) && !isEditable(event.target)) {
    if (reader.currentId !== null) {
      event.preventDefault();
      reader.edit();
    }
    return;
  }
  // T (ف on an Arabic layout) opens the tag manager.
  if (opensTagManager(event) && !isEditable(event.target)) {
    event.preventDefault();
    tagManager.open();
    return;
  }
  const isSlash = event.key === '/' || event.code === 'Slash';
  if (isSlash && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditable(event.target)) {
    event.preventDefault();
    focusSearch();
  }
});

api
  .onFileDrop((drop) => {
    if (drop.type === 'enter' || drop.type === 'over') {
      dropOverlay.hidden = importing;
    } else {
      dropOverlay.hidden = true;
      if (drop.type === 'granted') runImport(drop.picked);
    }
  })
  .catch((error) => console.error(error));

async function start() {
  try {
    await Promise.all([
      refreshLibrary(),
      saved.load(),
      list.reset({ query: '', sort: prefs.sort, searchSort: prefs.searchSort }),
    ]);
    if (archiveEmpty === null) renderView();
  } finally {
    // Ready: every control is wired (this module's top level ran) and the first
    // view is drawn, or its failure shown. End-to-end tests wait for this.
    appRoot.removeAttribute('aria-busy');
  }
  await tellArchiveNotice();
}

// Closing the window with an unsaved edit asks first, as leaving the article does.
api
  .onCloseRequested(async () => {
    if (!reader.unsaved) return true;
    return reader.askDiscard();
  })
  .catch((error) => console.error(error));

start();
