// The article list: the library (sorted pages) or search results (by relevance
// or date, each row with its highlighted snippet), paged with "load more" so
// thousands of rows stay cheap, and a multi-select listbox. One row is active
// (the keyboard cursor, the one Enter opens in the reader); any number are
// selected: click selects one and opens it, Ctrl/Cmd+click toggles, Shift+click
// and Shift+arrows select a range from the anchor, Ctrl/Cmd+A every loaded row.
// The first page of a search also brings the facet counts, which go to the app
// through `onSearchSettled`; selection changes go through `onSelectionChange`.

import * as api from '../api.js';
import { $, h, replace, userText, withSeparators } from '../dom.js';
import { errorText, formatDate, snippetRuns, tagColour } from '../format.js';
import { t, tNodes } from '../i18n.js';
import { SEARCH_SORTS, SORT_CHOICES, sortParams } from '../prefs.js';
import { tagColours } from '../store.js';
import { showError } from './notify.js';

/**
 * @param {unknown} error
 * @returns {boolean}
 */
function isBadQuery(error) {
  return Boolean(error && typeof error === 'object' && 'code' in error && error.code === 'bad_query');
}

/** Rows fetched per page. */
export const PAGE_SIZE = 50;
/** How many tag chips a row shows before "+N". */
const ROW_TAGS = 3;

/** @typedef {import('../api.js').ArticleSummary & { snippet?: string, score?: number }} Row */

/**
 * @typedef {Object} SearchSettled  How the first page of a query ended.
 * @property {string} query  The query the list now shows ('' for the library).
 * @property {import('../api.js').Facets|null} facets  For a search, its counts.
 * @property {unknown} error  The failure, if any. After `bad_query` the list
 *   keeps showing the previous query's results, and `query` is that query.
 * @property {string} attempted  The query that was asked for.
 */

/**
 * @param {{
 *   onOpen: (id: number) => void,
 *   onClearSearch: () => void,
 *   onSortChange: (sort: import('../prefs.js').SortChoice) => void,
 *   onSearchSortChange: (sort: import('../api.js').SearchSort) => void,
 *   onSearchSettled: (result: SearchSettled) => void,
 *   onSelectionChange?: (ids: number[]) => void,
 * }} handlers
 */
export function createList(handlers) {
  const listbox = $('[data-testid="article-list"]');
  const scroller = $('.list-scroll');
  const status = $('[data-testid="list-status"]');
  const footer = $('.list-footer');
  const loadMoreButton = $('[data-testid="load-more"]');
  const progress = $('.list-progress');
  const count = $('[data-testid="result-count"]');
  const sortSelect = /** @type {HTMLSelectElement} */ ($('[data-testid="sort-select"]'));

  const state = {
    query: '',
    /** @type {import('../prefs.js').SortChoice} */
    sort: 'imported_desc',
    /** @type {import('../api.js').SearchSort} */
    searchSort: 'relevance',
    /** @type {Row[]} */
    items: [],
    total: 0,
    /** @type {number|null} The active row: the keyboard cursor and the reader's article. */
    activeId: null,
    /** @type {Set<number>} The selected rows (the active one usually among them). */
    selected: new Set(),
    /** @type {number|null} Where a Shift range starts. */
    anchorId: null,
    loading: false,
    /** @type {unknown} */
    error: null,
    /** Increases with every reset, so a late answer to an old query is dropped. */
    generation: 0,
  };

  /**
   * Fetches one page for the current query.
   * @param {number} offset
   * @returns {Promise<import('../api.js').Page<Row>>}
   */
  function fetchPage(offset) {
    if (state.query) {
      return api.search({
        query: state.query,
        offset,
        limit: PAGE_SIZE,
        sort: state.searchSort,
        // Facets count the whole result set: the first page's are the ones.
        facets: offset === 0,
      });
    }
    return api.listArticles({ offset, limit: PAGE_SIZE, ...sortParams(state.sort) });
  }

  /**
   * @param {Row} item
   * @returns {HTMLElement}
   */
  function row(item) {
    const date = formatDate(item.date, 'long');
    const dateText = date ?? item.date_text;
    /** @type {Node[]} */
    const meta = [];
    if (item.publication) meta.push(userText('bdi', item.publication, { class: 'row-publication' }));
    if (dateText) {
      meta.push(
        h(
          'time',
          {
            class: 'row-date',
            datetime: item.date,
            title: item.date_text,
            dir: date ? null : 'auto',
          },
          h('bdi', null, dateText),
        ),
      );
    }
    const tags = item.tags ?? [];
    const shownTags = tags.slice(0, ROW_TAGS);
    const hidden = tags.length - shownTags.length;
    return h(
      'li',
      {
        class: 'article-row',
        role: 'option',
        id: `article-option-${item.id}`,
        'data-testid': 'article-item',
        'data-id': item.id,
        'aria-selected': String(state.selected.has(item.id)),
        'data-active': item.id === state.activeId ? 'true' : null,
      },
      userText('span', item.title || t('list.untitled'), {
        class: 'row-title',
        'data-testid': 'article-title',
        lang: item.title ? item.language : null,
      }),
      meta.length ? h('span', { class: 'row-meta' }, withSeparators(meta)) : null,
      item.snippet ? snippet(item.snippet, item.language) : null,
      tags.length
        ? h(
            'span',
            { class: 'row-tags' },
            shownTags.map((name) =>
              userText('span', name, {
                class: 'chip chip-small',
                'data-testid': 'row-tag',
                'data-colour': tagColour(tagColours.get(name)),
              }),
            ),
            hidden > 0 ? h('span', { class: 'chip chip-small chip-more' }, t('list.moreTags', { count: hidden })) : null,
          )
        : null,
    );
  }

  /**
   * The snippet with each highlighted run in its own `<mark>`.
   * @param {string} text
   * @param {string|null} language
   * @returns {HTMLElement}
   */
  function snippet(text, language) {
    return h(
      'span',
      { class: 'row-snippet', dir: 'auto', lang: language, 'data-testid': 'article-snippet' },
      snippetRuns(text).map((run) => (run.marked ? h('mark', null, run.text) : run.text)),
    );
  }

  function renderStatus() {
    listbox.setAttribute('aria-busy', String(state.loading));
    if (state.loading && state.items.length === 0) {
      status.hidden = false;
      status.setAttribute('data-kind', 'loading');
      replace(status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('p', null, t('list.loading')));
    } else if (state.error && state.items.length === 0) {
      status.hidden = false;
      status.setAttribute('data-kind', 'error');
      replace(status, h('p', { class: 'status-title' }, errorText(state.error)));
    } else if (state.query && state.total === 0) {
      status.hidden = false;
      status.setAttribute('data-kind', 'no-results');
      replace(
        status,
        h('img', { class: 'status-illustration', src: 'img/no-results.svg', alt: '', width: '120', height: '96' }),
        h('p', { class: 'status-title', 'data-testid': 'no-results' }, t('noResults.title')),
        h('p', null, tNodes('noResults.text', { query: userText('bdi', state.query, { class: 'query' }) })),
        h(
          'p',
          { class: 'status-hint' },
          tNodes('noResults.hint', {
            tag: h('code', { dir: 'ltr', class: 'operator' }, 'tag:'),
            from: h('code', { dir: 'ltr', class: 'operator' }, 'from:'),
          }),
        ),
        h(
          'button',
          { type: 'button', class: 'button button-quiet', on: { click: () => handlers.onClearSearch() } },
          t('noResults.clear'),
        ),
      );
    } else {
      status.hidden = true;
      status.removeAttribute('data-kind');
      status.replaceChildren();
    }

    count.textContent =
      state.loading && state.items.length === 0
        ? ''
        : t(state.query ? 'count.results' : 'count.articles', { count: state.total });

    const more = state.items.length < state.total;
    footer.hidden = !more;
    loadMoreButton.toggleAttribute('disabled', state.loading);
    loadMoreButton.textContent = state.loading ? t('list.loading') : t('list.loadMore');
    progress.textContent = t('list.shown', { shown: state.items.length, total: state.total });
  }

  function renderSort() {
    // A search sorts by relevance or by date; the library's orders (import
    // time, title) stay with the plain list.
    const searching = state.query !== '';
    const choices = searching ? SEARCH_SORTS : SORT_CHOICES;
    const current = searching ? state.searchSort : state.sort;
    replace(
      sortSelect,
      choices.map((choice) => h('option', { value: choice, selected: choice === current }, t(`sort.${choice}`))),
    );
    sortSelect.value = current;
    sortSelect.setAttribute('data-mode', searching ? 'search' : 'library');
  }

  function renderRows() {
    replace(listbox, state.items.map(row));
    syncActiveDescendant();
  }

  function syncActiveDescendant() {
    const active = state.activeId !== null && listbox.querySelector(`[data-id="${state.activeId}"]`);
    if (active) listbox.setAttribute('aria-activedescendant', active.id);
    else listbox.removeAttribute('aria-activedescendant');
  }

  /** The selected rows that are loaded, in list order. */
  function selectedIds() {
    return state.items.filter((item) => state.selected.has(item.id)).map((item) => item.id);
  }

  /**
   * Puts the selection and the active row on the rendered rows, and tells the app.
   * @param {{ scroll?: boolean }} [options]
   */
  function renderSelection(options = {}) {
    for (const option of listbox.querySelectorAll('[data-id]')) {
      const id = Number(option.getAttribute('data-id'));
      option.setAttribute('aria-selected', String(state.selected.has(id)));
      if (id === state.activeId) option.setAttribute('data-active', 'true');
      else option.removeAttribute('data-active');
    }
    const active = state.activeId !== null && listbox.querySelector(`[data-id="${state.activeId}"]`);
    if (active && options.scroll !== false) active.scrollIntoView({ block: 'nearest' });
    syncActiveDescendant();
    handlers.onSelectionChange?.(selectedIds());
  }

  /**
   * The ids from the anchor to `id` in list order (just `id` without an anchor).
   * @param {number} id
   * @returns {number[]}
   */
  function range(id) {
    const to = state.items.findIndex((item) => item.id === id);
    let from = state.items.findIndex((item) => item.id === state.anchorId);
    if (from === -1) from = to;
    const [start, end] = from <= to ? [from, to] : [to, from];
    return state.items.slice(start, end + 1).map((item) => item.id);
  }

  /**
   * Makes `id` active and selects the range from the anchor to it (added to the
   * selection with `additive`, Ctrl+Shift; replacing it otherwise).
   * @param {number} id
   * @param {{ additive?: boolean, scroll?: boolean }} [options]
   */
  function extendTo(id, options = {}) {
    if (state.anchorId === null) state.anchorId = state.activeId ?? id;
    if (!options.additive) state.selected.clear();
    for (const each of range(id)) state.selected.add(each);
    state.activeId = id;
    renderSelection(options);
  }

  /**
   * Adds `id` to the selection or takes it out; it becomes active and the anchor.
   * @param {number} id
   */
  function toggle(id) {
    if (state.selected.has(id)) state.selected.delete(id);
    else state.selected.add(id);
    state.activeId = id;
    state.anchorId = id;
    renderSelection({ scroll: false });
  }

  /** Selects every loaded row, keeping the active one. */
  function selectAll() {
    if (state.items.length === 0) return;
    state.selected = new Set(state.items.map((item) => item.id));
    if (state.activeId === null || !state.selected.has(state.activeId)) state.activeId = state.items[0].id;
    renderSelection({ scroll: false });
  }

  /** Leaves only the active row selected (the one the reader shows). */
  function clearSelection() {
    state.selected = new Set(state.activeId === null ? [] : [state.activeId]);
    state.anchorId = state.activeId;
    renderSelection({ scroll: false });
  }

  /**
   * Loads the first page of `query` (or the library when empty).
   * @param {{
   *   query?: string,
   *   sort?: import('../prefs.js').SortChoice,
   *   searchSort?: import('../api.js').SearchSort,
   * }} [options]
   * @returns {Promise<void>}
   */
  async function reset(options = {}) {
    // What the list showed, to put back if the backend refuses the new query.
    const previous = {
      query: state.query,
      items: state.items,
      total: state.total,
      error: state.error,
      scrollTop: scroller.scrollTop,
    };
    if (options.query !== undefined) state.query = options.query;
    if (options.sort !== undefined) state.sort = options.sort;
    if (options.searchSort !== undefined) state.searchSort = options.searchSort;
    const attempted = state.query;
    const generation = ++state.generation;
    state.loading = true;
    state.error = null;
    state.items = [];
    state.total = 0;
    // A new list starts with at most the reader's article selected.
    const previousSelection = { selected: state.selected, anchorId: state.anchorId };
    state.selected = new Set(state.activeId === null ? [] : [state.activeId]);
    state.anchorId = state.activeId;
    renderSort();
    renderRows();
    renderStatus();
    scroller.scrollTop = 0;
    /** @type {import('../api.js').Facets|null} */
    let facets = null;
    /** @type {unknown} */
    let failure = null;
    try {
      const page = await fetchPage(0);
      if (generation !== state.generation) return;
      state.items = page.items;
      state.total = page.total;
      facets = 'facets' in page && page.facets ? page.facets : null;
    } catch (error) {
      if (generation !== state.generation) return;
      console.error(error);
      failure = error;
      if (isBadQuery(error) && attempted !== '') {
        // A query the backend cannot read (a date filter that is no date) is
        // pointed out under the search box; the results stay as they were.
        state.query = previous.query;
        state.items = previous.items;
        state.total = previous.total;
        state.error = previous.error;
        state.selected = previousSelection.selected;
        state.anchorId = previousSelection.anchorId;
      } else {
        state.error = error;
      }
    }
    state.loading = false;
    renderSort();
    renderRows();
    renderStatus();
    handlers.onSelectionChange?.(selectedIds());
    if (failure && isBadQuery(failure)) scroller.scrollTop = previous.scrollTop;
    handlers.onSearchSettled({ query: state.query, facets, error: failure, attempted });
  }

  /** @type {Promise<void>|null} The page being fetched, shared by every caller. */
  let pendingMore = null;

  /**
   * Fetches and appends the next page.
   * @returns {Promise<void>}
   */
  function loadMore() {
    if (pendingMore) return pendingMore;
    if (state.loading || state.items.length >= state.total) return Promise.resolve();
    pendingMore = fetchMore().finally(() => {
      pendingMore = null;
    });
    return pendingMore;
  }

  async function fetchMore() {
    const generation = state.generation;
    state.loading = true;
    renderStatus();
    try {
      const page = await fetchPage(state.items.length);
      if (generation !== state.generation) return;
      const known = new Set(state.items.map((item) => item.id));
      // Rows can shift between pages when the archive changes; skip repeats.
      const fresh = page.items.filter((item) => !known.has(item.id));
      state.items = state.items.concat(fresh);
      state.total = fresh.length === 0 ? state.items.length : page.total;
      listbox.append(...fresh.map(row));
    } catch (error) {
      if (generation !== state.generation) return;
      showError(error);
    }
    state.loading = false;
    renderStatus();
    syncActiveDescendant();
  }

  /**
   * Makes one row active and the only one selected (without opening it).
   * @param {number|null} id
   * @param {{ scroll?: boolean }} [options]
   */
  function select(id, options = {}) {
    state.activeId = id;
    state.anchorId = id;
    state.selected = new Set(id === null ? [] : [id]);
    renderSelection(options);
  }

  /**
   * Moves the active row by `delta` rows (clamped), loading more at the end.
   * With `extend` (Shift), the selection grows or shrinks from the anchor;
   * otherwise the new row is the only one selected.
   * @param {number} delta
   * @param {{ extend?: boolean }} [options]
   */
  async function move(delta, options = {}) {
    if (state.items.length === 0) return;
    // Key presses that arrive while a page loads wait for it, then move on
    // from wherever the earlier presses left the selection.
    if (pendingMore) await pendingMore;
    const index = state.items.findIndex((item) => item.id === state.activeId);
    let next = index === -1 ? (delta > 0 ? 0 : state.items.length - 1) : index + delta;
    if (next >= state.items.length && state.items.length < state.total) {
      await loadMore();
    }
    next = Math.max(0, Math.min(state.items.length - 1, next));
    goTo(state.items[next].id, options);
  }

  /**
   * @param {number} id
   * @param {{ extend?: boolean }} options
   */
  function goTo(id, options) {
    if (options.extend) extendTo(id);
    else select(id);
  }

  function openActive() {
    if (state.activeId !== null) handlers.onOpen(state.activeId);
  }

  /** True between a pointer press and its click: the click decides the selection. */
  let pressing = false;
  document.addEventListener('mouseup', () => {
    window.setTimeout(() => {
      pressing = false;
    });
  });

  // Shift+click would otherwise select the rows' text as well as the rows.
  listbox.addEventListener('mousedown', (event) => {
    pressing = true;
    if (event.shiftKey && /** @type {HTMLElement} */ (event.target).closest('[data-id]')) {
      event.preventDefault();
      listbox.focus({ preventScroll: true });
    }
  });

  listbox.addEventListener('click', (event) => {
    const option = /** @type {HTMLElement} */ (event.target).closest('[data-id]');
    if (!option) return;
    const id = Number(option.getAttribute('data-id'));
    const toggleKey = event.ctrlKey || event.metaKey;
    if (event.shiftKey) {
      extendTo(id, { additive: toggleKey, scroll: false });
    } else if (toggleKey) {
      toggle(id);
    } else {
      select(id, { scroll: false });
      handlers.onOpen(id);
    }
  });

  listbox.addEventListener('keydown', (/** @type {KeyboardEvent} */ event) => {
    const toggleKey = event.ctrlKey || event.metaKey;
    if (event.altKey) return;
    // `code` as well as `key`: on an Arabic layout the A key types ش.
    if (toggleKey && !event.shiftKey && (event.key.toLowerCase() === 'a' || event.code === 'KeyA')) {
      event.preventDefault();
      selectAll();
      return;
    }
    if (toggleKey) return;
    const extend = event.shiftKey;
    const last = () => state.items.length - 1;
    /** @type {Record<string, () => void>} */
    const keys = {
      ArrowDown: () => move(1, { extend }),
      ArrowUp: () => move(-1, { extend }),
      PageDown: () => move(10, { extend }),
      PageUp: () => move(-10, { extend }),
      Home: () => state.items.length && goTo(state.items[0].id, { extend }),
      End: () => state.items.length && goTo(state.items[last()].id, { extend }),
      Enter: () => !extend && openActive(),
      ' ': () => !extend && state.activeId !== null && toggle(state.activeId),
      Escape: () => !extend && state.selected.size > 1 && clearSelection(),
    };
    const action = Object.hasOwn(keys, event.key) ? keys[event.key] : null;
    if (!action) return;
    // Escape with a single selection is left to the app (it clears the search).
    if (event.key === 'Escape' && state.selected.size <= 1) return;
    event.preventDefault();
    action();
  });

  // Focusing the list with nothing selected selects the first row, so the
  // arrow keys and Enter act on something visible.
  listbox.addEventListener('focus', () => {
    // No scrolling here: a pointer press focuses the list before its click,
    // and moving the rows under the pointer would send the click elsewhere.
    if (!pressing && state.activeId === null && state.items.length) select(state.items[0].id, { scroll: false });
  });

  loadMoreButton.addEventListener('click', () => loadMore());

  sortSelect.addEventListener('change', () => {
    if (state.query) {
      const choice = /** @type {import('../api.js').SearchSort} */ (sortSelect.value);
      handlers.onSearchSortChange(choice);
      reset({ searchSort: choice });
      return;
    }
    const choice = /** @type {import('../prefs.js').SortChoice} */ (sortSelect.value);
    handlers.onSortChange(choice);
    reset({ sort: choice });
  });

  // Keep scrolling without clicking: fetch the next page as the footer nears view.
  if ('IntersectionObserver' in window) {
    new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMore();
      },
      { root: scroller, rootMargin: '0px 0px 400px 0px' },
    ).observe(footer);
  }

  return {
    reset,
    loadMore,
    select,
    move,
    selectAll,
    clearSelection,
    /** @returns {number[]} The selected rows that are loaded, in list order. */
    get selectedIds() {
      return selectedIds();
    },
    /** @returns {string} */
    get query() {
      return state.query;
    },
    /** @returns {number|null} The active row. */
    get selectedId() {
      return state.activeId;
    },
    /** @returns {boolean} */
    get loading() {
      return state.loading;
    },
    /** @returns {number} */
    get total() {
      return state.total;
    },
    /** @returns {number} Rows loaded so far. */
    get loaded() {
      return state.items.length;
    },
    /** @returns {import('../api.js').SearchSort} The order of the search. */
    get searchSort() {
      return state.searchSort;
    },
    /** Moves keyboard focus to the list. */
    focus() {
      listbox.focus();
    },
    /**
     * Updates one row's tags after a tag change in the reader.
     * @param {number} id
     * @param {string[]} tags
     */
    setTags(id, tags) {
      const item = state.items.find((candidate) => candidate.id === id);
      if (!item) return;
      item.tags = tags;
      const old = listbox.querySelector(`[data-id="${id}"]`);
      if (old) old.replaceWith(row(item));
      syncActiveDescendant();
    },
    /**
     * Adds a tag to loaded rows after a bulk tag.
     * @param {number[]} ids
     * @param {string} name
     */
    addTag(ids, name) {
      for (const id of ids) {
        const item = state.items.find((candidate) => candidate.id === id);
        if (!item || (item.tags ?? []).includes(name)) continue;
        item.tags = [...(item.tags ?? []), name];
        listbox.querySelector(`[data-id="${id}"]`)?.replaceWith(row(item));
      }
      syncActiveDescendant();
    },
    /**
     * Drops a deleted row and returns the id of the row now in its place.
     * @param {number} id
     * @returns {number|null}
     */
    remove(id) {
      const index = state.items.findIndex((item) => item.id === id);
      if (index === -1) return null;
      state.items.splice(index, 1);
      state.total = Math.max(0, state.total - 1);
      listbox.querySelector(`[data-id="${id}"]`)?.remove();
      state.selected.delete(id);
      if (state.anchorId === id) state.anchorId = null;
      if (state.activeId === id) state.activeId = null;
      renderStatus();
      syncActiveDescendant();
      handlers.onSelectionChange?.(selectedIds());
      const neighbour = state.items[Math.min(index, state.items.length - 1)];
      return neighbour ? neighbour.id : null;
    },
    /** Re-renders after a language or digits change. */
    refresh() {
      renderSort();
      renderRows();
      renderStatus();
    },
  };
}
