// The article list: the library (sorted pages) or search results (by relevance
// or date, each row with its highlighted snippet), and a multi-select listbox.
//
// The list is virtual, so a library of 100,000 articles costs what a library of
// fifty does: every row has the same height (`--row-size` in app.css), the
// listbox is as tall as all the rows together, and only the rows in view (plus
// a margin) are in the DOM. Rows are fetched by pages of PAGE_SIZE as they come
// into view, wherever the scroll bar is dragged; a row not fetched yet shows as
// an empty placeholder of the same height.
//
// One row is active (the keyboard cursor, the one Enter opens in the reader);
// any number are selected: click selects one and opens it, Ctrl/Cmd+click
// toggles, Shift+click and Shift+arrows select a range from the anchor,
// Ctrl/Cmd+A every fetched row. The first page of a search also brings the facet
// counts, which go to the app through `onSearchSettled`; selection changes go
// through `onSelectionChange`.

import * as api from '../api.js';
import { $, h, placeInOrder, replace, userText, withSeparators } from '../dom.js';
import { errorText, formatDate, snippetRuns, tagColour } from '../format.js';
import { lang, t, tNodes } from '../i18n.js';
import { articleStep } from '../keys.js';
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
/** Rows kept in the DOM above and below the ones in view, so a short scroll shows rows at once. */
const OVERSCAN = 10;
/** A row's height before one has been measured (app.css decides the real one). */
const ROW_SIZE_GUESS = 110;
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
  const count = $('[data-testid="result-count"]');
  const sortSelect = /** @type {HTMLSelectElement} */ ($('[data-testid="sort-select"]'));

  const state = {
    query: '',
    /** @type {import('../prefs.js').SortChoice} */
    sort: 'imported_desc',
    /** @type {import('../api.js').SearchSort} */
    searchSort: 'relevance',
    /** @type {Row[]} Every row of the list by position; pages not fetched yet are holes. */
    items: [],
    /** @type {Map<number, number>} The position of every fetched row, by id. */
    positions: new Map(),
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
    /** Increases whenever rows change places (a reset, a deletion), so a page fetched for the old places is dropped. */
    epoch: 0,
    /** The height of one row in pixels, measured from a rendered row. */
    rowSize: ROW_SIZE_GUESS,
  };

  /** @type {Map<number, Promise<void>>} Pages being fetched, by page number. */
  const pending = new Map();
  /** @type {Map<number, HTMLElement>} The rows in the DOM, by id, reused while they stay in view. */
  let rendered = new Map();

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
   * Puts a fetched page at its place. When the total moved (the archive changed
   * since the list began), the list takes the new total.
   * @param {number} offset
   * @param {import('../api.js').Page<Row>} page
   */
  function place(offset, page) {
    if (page.total !== state.total) {
      state.total = page.total;
      state.items.length = page.total;
    }
    page.items.forEach((item, i) => {
      const at = offset + i;
      if (at >= state.total) return;
      const old = state.items[at];
      if (old && state.positions.get(old.id) === at) state.positions.delete(old.id);
      state.items[at] = item;
      state.positions.set(item.id, at);
    });
  }

  /**
   * Fetches the pages that hold rows `from` to `to` (excluded) and are not fetched yet.
   * @param {number} from
   * @param {number} to
   * @returns {Promise<void>}
   */
  function fetchRows(from, to) {
    const epoch = state.epoch;
    /** @type {Promise<void>[]} */
    const waits = [];
    const last = Math.min(to, state.total) - 1;
    for (let pageNumber = Math.floor(from / PAGE_SIZE); pageNumber * PAGE_SIZE <= last; pageNumber++) {
      const start = pageNumber * PAGE_SIZE;
      const end = Math.min(start + PAGE_SIZE, state.total);
      let missing = false;
      for (let i = start; i < end && !missing; i++) missing = !state.items[i];
      if (!missing) continue;
      let fetching = pending.get(pageNumber);
      if (!fetching) {
        fetching = fetchPage(start)
          .then((page) => {
            if (epoch !== state.epoch) return;
            place(start, page);
            renderWindow();
            renderStatus();
          })
          .catch((error) => {
            if (epoch === state.epoch) showError(error);
          })
          .finally(() => pending.delete(pageNumber));
        pending.set(pageNumber, fetching);
      }
      waits.push(fetching);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /**
   * @param {Row} item
   * @param {number} position
   * @returns {HTMLElement}
   */
  function row(item, position) {
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
        'data-position': position,
        // Only some rows are in the DOM: tell assistive technology where this one sits.
        'aria-setsize': state.total,
        'aria-posinset': position + 1,
        'aria-selected': String(state.selected.has(item.id)),
        'data-active': item.id === state.activeId ? 'true' : null,
      },
      userText('span', item.title || t('list.untitled'), {
        class: 'row-title',
        'data-testid': 'article-title',
        lang: item.title ? item.language : null,
      }),
      item.snippet ? snippet(item.snippet, item.language) : null,
      h(
        'span',
        { class: 'row-foot' },
        meta.length ? h('span', { class: 'row-meta' }, withSeparators(meta)) : null,
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
              hidden > 0
                ? h('span', { class: 'chip chip-small chip-more' }, t('list.moreTags', { count: hidden }))
                : null,
            )
          : null,
      ),
    );
  }

  /**
   * A row whose page is on its way: the same height, nothing to select.
   * @param {number} position
   * @returns {HTMLElement}
   */
  function placeholder(position) {
    return h('li', {
      class: 'article-row article-row-placeholder',
      role: 'option',
      'aria-disabled': 'true',
      'aria-setsize': state.total,
      'aria-posinset': position + 1,
      'data-testid': 'article-placeholder',
      'data-position': position,
    });
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
    if (state.loading && state.total === 0) {
      status.hidden = false;
      status.setAttribute('data-kind', 'loading');
      replace(status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('p', null, t('list.loading')));
    } else if (state.error && state.total === 0) {
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
          // The field names as the help shows them: Arabic in the Arabic interface.
          tNodes('noResults.hint', {
            tag: h('code', { dir: 'auto', class: 'operator' }, lang() === 'ar' ? 'وسم:' : 'tag:'),
            from: h('code', { dir: 'auto', class: 'operator' }, lang() === 'ar' ? 'من:' : 'from:'),
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
      state.loading && state.total === 0
        ? ''
        : t(state.query ? 'count.results' : 'count.articles', { count: state.total });
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
    // Search rows carry a snippet and are taller (app.css).
    listbox.setAttribute('data-mode', searching ? 'search' : 'library');
  }

  /** Where the listbox starts inside the scrolling area, in pixels. */
  function listTop() {
    return listbox.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  }

  /**
   * Renders the rows in view (and OVERSCAN either side), reusing the nodes of
   * rows that stay, and fetches the pages they need.
   */
  function renderWindow() {
    const size = state.rowSize;
    const top = Math.max(0, scroller.scrollTop - listTop());
    const first = Math.max(0, Math.floor(top / size) - OVERSCAN);
    const last = Math.min(state.total, Math.ceil((top + scroller.clientHeight) / size) + OVERSCAN);
    // The listbox is as tall as every row, and its padding stands for the rows
    // above the window. Set through the CSSOM (not a style attribute, which the
    // CSP forbids): two numbers, never text from an article.
    listbox.style.setProperty('--rows-total', String(state.total));
    listbox.style.setProperty('--rows-before', String(first));
    /** @type {Map<number, HTMLElement>} */
    const kept = new Map();
    /** @type {HTMLElement[]} */
    const nodes = [];
    for (let position = first; position < last; position++) {
      const item = state.items[position];
      if (!item) {
        nodes.push(placeholder(position));
        continue;
      }
      const reused = rendered.get(item.id);
      const node =
        reused && reused.getAttribute('data-position') === String(position) ? reused : row(item, position);
      kept.set(item.id, node);
      nodes.push(node);
    }
    rendered = kept;
    // Rows that stay are left where they are: a redraw between a press and its
    // release (a page arriving, the bulk bar showing) must not lose the click.
    placeInOrder(listbox, nodes);
    syncActiveDescendant();
    measure();
    if (last > first) fetchRows(first, last);
  }

  /** Reads the row height app.css gives, and renders again if the guess was wrong. */
  function measure() {
    const sample = listbox.firstElementChild;
    if (!sample) return;
    const size = sample.getBoundingClientRect().height;
    if (size > 0 && Math.abs(size - state.rowSize) > 0.5) {
      state.rowSize = size;
      renderWindow();
    }
  }

  /** Re-renders every row in view (after a language change, or new data in them). */
  function renderRows() {
    rendered = new Map();
    renderWindow();
  }

  let frame = 0;
  /** Renders at the next frame, once however many scroll events come before it. */
  function scheduleWindow() {
    if (frame) return;
    frame = window.requestAnimationFrame(() => {
      frame = 0;
      renderWindow();
    });
  }

  scroller.addEventListener('scroll', scheduleWindow, { passive: true });
  if ('ResizeObserver' in window) new ResizeObserver(scheduleWindow).observe(scroller);

  /**
   * Scrolls just enough to show row `position` whole, and renders it.
   * @param {number} position
   */
  function scrollToRow(position) {
    const rowTop = listTop() + position * state.rowSize;
    const rowBottom = rowTop + state.rowSize;
    if (rowTop < scroller.scrollTop) scroller.scrollTop = rowTop;
    else if (rowBottom > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = rowBottom - scroller.clientHeight;
    }
    renderWindow();
  }

  function syncActiveDescendant() {
    const active = state.activeId !== null && rendered.get(state.activeId);
    if (active) listbox.setAttribute('aria-activedescendant', active.id);
    else listbox.removeAttribute('aria-activedescendant');
  }

  /** The selected rows that are fetched, in list order. */
  function selectedIds() {
    /** @type {number[]} */
    const ids = [];
    // forEach skips the holes of pages not fetched.
    state.items.forEach((item) => {
      if (state.selected.has(item.id)) ids.push(item.id);
    });
    return ids;
  }

  /**
   * Puts the selection and the active row on the rendered rows, and tells the app.
   * @param {{ scroll?: boolean }} [options]
   */
  function renderSelection(options = {}) {
    for (const [id, option] of rendered) {
      option.setAttribute('aria-selected', String(state.selected.has(id)));
      if (id === state.activeId) option.setAttribute('data-active', 'true');
      else option.removeAttribute('data-active');
    }
    const position = state.activeId === null ? undefined : state.positions.get(state.activeId);
    if (position !== undefined && options.scroll !== false) scrollToRow(position);
    syncActiveDescendant();
    handlers.onSelectionChange?.(selectedIds());
  }

  /**
   * The ids from the anchor to `id` in list order (just `id` without an anchor),
   * fetching the pages between them first.
   * @param {number} id
   * @returns {Promise<number[]>}
   */
  async function range(id) {
    const to = state.positions.get(id) ?? -1;
    let from = state.anchorId === null ? -1 : (state.positions.get(state.anchorId) ?? -1);
    if (from === -1) from = to;
    const [start, end] = from <= to ? [from, to] : [to, from];
    if (start < 0) return [id];
    await fetchRows(start, end + 1);
    return state.items
      .slice(start, end + 1)
      .filter(Boolean)
      .map((item) => item.id);
  }

  /**
   * Makes `id` active and selects the range from the anchor to it (added to the
   * selection with `additive`, Ctrl+Shift; replacing it otherwise).
   * @param {number} id
   * @param {{ additive?: boolean, scroll?: boolean }} [options]
   * @returns {Promise<void>}
   */
  async function extendTo(id, options = {}) {
    if (state.anchorId === null) state.anchorId = state.activeId ?? id;
    const generation = state.generation;
    const ids = await range(id);
    if (generation !== state.generation) return;
    if (!options.additive) state.selected.clear();
    for (const each of ids) state.selected.add(each);
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

  /** Selects every fetched row, keeping the active one. */
  function selectAll() {
    if (state.positions.size === 0) return;
    state.selected = new Set(state.positions.keys());
    if (state.activeId === null || !state.selected.has(state.activeId)) state.activeId = selectedIds()[0];
    renderSelection({ scroll: false });
  }

  /** Leaves only the active row selected (the one the reader shows). */
  function clearSelection() {
    state.selected = new Set(state.activeId === null ? [] : [state.activeId]);
    state.anchorId = state.activeId;
    renderSelection({ scroll: false });
  }

  /** Forgets every row (a new query, sort or total). */
  function clearRows() {
    state.items = [];
    state.positions = new Map();
    state.total = 0;
    state.epoch++;
    pending.clear();
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
      positions: state.positions,
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
    clearRows();
    // A new list starts with at most the reader's article selected.
    const previousSelection = { selected: state.selected, anchorId: state.anchorId };
    state.selected = new Set(state.activeId === null ? [] : [state.activeId]);
    state.anchorId = state.activeId;
    scroller.scrollTop = 0;
    renderSort();
    renderRows();
    renderStatus();
    /** @type {import('../api.js').Facets|null} */
    let facets = null;
    /** @type {unknown} */
    let failure = null;
    try {
      const page = await fetchPage(0);
      if (generation !== state.generation) return;
      place(0, page);
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
        state.positions = previous.positions;
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
    if (failure && isBadQuery(failure)) scroller.scrollTop = previous.scrollTop;
    renderRows();
    renderStatus();
    handlers.onSelectionChange?.(selectedIds());
    handlers.onSearchSettled({ query: state.query, facets, error: failure, attempted });
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

  /** @type {Promise<void>} Key presses, one after the other: each moves on from the last. */
  let moves = Promise.resolve();

  /**
   * Makes row `position` active (fetching its page first), alone or extending the
   * selection from the anchor with `extend` (Shift).
   * @param {number | ((active: number) => number)} target  A position, or one
   *   computed from the active row's (-1 when none).
   * @param {{ extend?: boolean }} [options]
   * @returns {Promise<void>}
   */
  function moveTo(target, options = {}) {
    moves = moves.then(async () => {
      if (state.total === 0) return;
      const generation = state.generation;
      const active = state.activeId === null ? -1 : (state.positions.get(state.activeId) ?? -1);
      const wanted = typeof target === 'number' ? target : target(active);
      const next = Math.max(0, Math.min(state.total - 1, wanted));
      await fetchRows(next, next + 1);
      const item = state.items[next];
      if (generation !== state.generation || !item) return;
      if (options.extend) await extendTo(item.id);
      else select(item.id);
    });
    return moves;
  }

  /**
   * Moves the active row by `delta` rows (clamped). With `extend` (Shift), the
   * selection grows or shrinks from the anchor; otherwise the new row is the only
   * one selected.
   * @param {number} delta
   * @param {{ extend?: boolean }} [options]
   * @returns {Promise<void>}
   */
  function move(delta, options = {}) {
    return moveTo((active) => (active === -1 ? (delta > 0 ? 0 : state.total - 1) : active + delta), options);
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
    // The horizontal arrows open the next or previous article, in reading direction.
    const step = articleStep(event);
    if (step !== 0) {
      event.preventDefault();
      move(step).then(openActive);
      return;
    }
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
    /** @type {Record<string, () => void>} */
    const keys = {
      ArrowDown: () => move(1, { extend }),
      ArrowUp: () => move(-1, { extend }),
      PageDown: () => move(10, { extend }),
      PageUp: () => move(-10, { extend }),
      Home: () => moveTo(0, { extend }),
      End: () => moveTo(state.total - 1, { extend }),
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
    const first = state.items[0];
    if (!pressing && state.activeId === null && first) select(first.id, { scroll: false });
  });

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

  /**
   * The fetched row `id`, or undefined.
   * @param {number} id
   * @returns {Row|undefined}
   */
  function fetched(id) {
    const position = state.positions.get(id);
    return position === undefined ? undefined : state.items[position];
  }

  return {
    reset,
    select,
    move,
    selectAll,
    clearSelection,
    /** @returns {number[]} The selected rows that are fetched, in list order. */
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
    /** @returns {number} Rows fetched so far. */
    get loaded() {
      return state.positions.size;
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
      const item = fetched(id);
      if (!item) return;
      item.tags = tags;
      renderRows();
    },
    /**
     * Shows an edited article's new title, publication, date and tags in its row.
     * @param {import('../api.js').Article} article
     */
    applyEdit(article) {
      const item = fetched(article.id);
      if (!item) return;
      Object.assign(item, {
        title: article.title,
        publication: article.publication,
        date: article.date,
        date_text: article.date_text,
        tags: article.tags.map((tag) => tag.name),
      });
      renderRows();
    },
    /**
     * Adds a tag to fetched rows after a bulk tag.
     * @param {number[]} ids
     * @param {string} name
     */
    addTag(ids, name) {
      for (const id of ids) {
        const item = fetched(id);
        if (!item || (item.tags ?? []).includes(name)) continue;
        item.tags = [...(item.tags ?? []), name];
      }
      renderRows();
    },
    /**
     * Takes a tag off fetched rows after a bulk untag.
     * @param {number[]} ids
     * @param {string} name
     */
    removeTag(ids, name) {
      for (const id of ids) {
        const item = fetched(id);
        if (item) item.tags = (item.tags ?? []).filter((tag) => tag !== name);
      }
      renderRows();
    },
    /**
     * Rewrites the tags of fetched rows after a change in the tag manager
     * (a rename, a merge, a delete).
     * @param {(tags: string[]) => string[]} rewrite
     */
    rewriteTags(rewrite) {
      for (const item of state.items) {
        if (item) item.tags = rewrite(item.tags ?? []);
      }
      renderRows();
    },
    /**
     * Drops a deleted row and returns the id of the row now in its place.
     * @param {number} id
     * @returns {number|null}
     */
    remove(id) {
      const index = state.positions.get(id);
      if (index === undefined) return null;
      state.items.splice(index, 1);
      state.total = Math.max(0, state.total - 1);
      // The rows after it move up one place; so do the pages still to fetch.
      state.positions = new Map();
      state.items.forEach((item, position) => state.positions.set(item.id, position));
      state.epoch++;
      pending.clear();
      state.selected.delete(id);
      if (state.anchorId === id) state.anchorId = null;
      if (state.activeId === id) state.activeId = null;
      renderRows();
      renderStatus();
      handlers.onSelectionChange?.(selectedIds());
      const neighbour = state.items[Math.min(index, state.total - 1)];
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
