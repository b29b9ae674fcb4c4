// The facet panel beside the results while a search or a filter is active:
// counts per tag, publication, year and language over the whole result set.
// Each value is a toggle that adds or removes its filter in the query TEXT
// (query.js), so the search box always shows the whole query; the panel only
// reads the query to know which values are pressed. On narrow windows the
// panel folds into a toggle button in the list toolbar and opens over the list.

import { $, h, replace, userText } from '../dom.js';
import { formatNumber, languageName } from '../format.js';
import { locale, t } from '../i18n.js';
import { icon } from '../icons.js';
import { activeFilters, valueKey } from '../query.js';
import { tagLabel } from './sidebar.js';

/** Values a group shows before "show more". */
const SHOWN_VALUES = 8;

/**
 * @typedef {Object} Group
 * @property {'tags'|'publications'|'years'|'languages'} key  The `facets` field, also `data-field`.
 * @property {import('../query.js').FacetField} field  The filter it toggles.
 * @property {string} title  i18n key.
 */

/** @type {Group[]} */
const GROUPS = [
  { key: 'tags', field: 'tag', title: 'facets.tags' },
  { key: 'publications', field: 'publication', title: 'facets.publications' },
  { key: 'years', field: 'year', title: 'facets.years' },
  { key: 'languages', field: 'lang', title: 'facets.languages' },
];

/**
 * @param {{
 *   onToggle: (field: import('../query.js').FacetField, value: string) => void,
 * }} handlers
 */
export function createFacets(handlers) {
  const appRoot = $('.app');
  const panel = $('[data-testid="facet-panel"]');
  const groups = $('.facet-groups', panel);
  const closeButton = $('.facet-close', panel);
  const toggle = $('[data-testid="facet-toggle"]');
  const toggleCount = $('.facet-toggle-count', toggle);

  let query = '';
  /** @type {import('../api.js').Facets|null} */
  let facets = null;
  let loading = false;
  /** @type {Set<string>} Groups whose long list is expanded. */
  const expanded = new Set();

  /**
   * The label of one value: tags as paths, languages by name, years in the
   * interface's digits, publications as written.
   * @param {Group} group
   * @param {string} value
   * @returns {Node}
   */
  function label(group, value) {
    if (group.key === 'tags') return tagLabel(value);
    // Language names and years are interface text, not user content: they
    // take the interface's direction.
    if (group.key === 'languages') {
      return h('span', { class: 'facet-label', title: value }, languageName(value) ?? value);
    }
    if (group.key === 'years' && /^\d{4}$/.test(value)) {
      const year = new Intl.NumberFormat(locale(), { useGrouping: false }).format(Number(value));
      return h('span', { class: 'facet-label' }, year);
    }
    return userText('bdi', value, { class: 'facet-label' });
  }

  /**
   * @param {Group} group
   * @param {{ value: string, count: number|null }} item
   * @param {boolean} pressed
   * @returns {HTMLElement}
   */
  function valueButton(group, item, pressed) {
    return h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          class: 'facet-value',
          'data-testid': 'facet-value',
          'data-value': item.value,
          'aria-pressed': String(pressed),
          title: item.count === null ? null : t('count.articles', { count: item.count }),
          on: { click: () => handlers.onToggle(group.field, item.value) },
        },
        h('span', { class: 'facet-check', 'aria-hidden': 'true' }, icon('check')),
        label(group, item.value),
        item.count === null ? null : h('span', { class: 'facet-count' }, formatNumber(item.count)),
      ),
    );
  }

  /**
   * @param {Group} group
   * @param {Record<import('../query.js').FacetField, string[]>} active
   * @returns {HTMLElement}
   */
  function renderGroup(group, active) {
    const activeKeys = new Set(active[group.field].map(valueKey));
    const counted = (facets && facets[group.key]) || [];
    const countedKeys = new Set(counted.map((item) => valueKey(item.value)));
    // A filter that is on but has no count here (a parent tag whose articles
    // all carry a child tag, a value past the backend's limit, no results at
    // all) is still listed, first, so it can be switched off from the panel.
    /** @type {{ value: string, count: number|null }[]} */
    const missing = [];
    for (const value of active[group.field]) {
      const key = valueKey(value);
      if (!countedKeys.has(key) && !missing.some((item) => valueKey(item.value) === key)) {
        missing.push({ value, count: null });
      }
    }
    const all = [...missing, ...counted];
    const open = expanded.has(group.key);
    // Pressed values always show, even past the fold.
    const shown = open ? all : all.filter((item, i) => i < SHOWN_VALUES || activeKeys.has(valueKey(item.value)));
    const hiddenCount = all.length - shown.length;
    const headingId = `facet-heading-${group.key}`;
    return h(
      'section',
      { class: 'facet-group', 'data-testid': 'facet-group', 'data-field': group.key, 'aria-labelledby': headingId },
      h('h3', { class: 'facet-group-title', id: headingId }, t(group.title)),
      all.length === 0
        ? h('p', { class: 'facet-none' }, t('facets.none'))
        : h(
            'ul',
            { class: 'facet-values' },
            shown.map((item) => valueButton(group, item, activeKeys.has(valueKey(item.value)))),
          ),
      hiddenCount > 0 || (open && all.length > SHOWN_VALUES)
        ? h(
            'button',
            {
              type: 'button',
              class: 'facet-more',
              'aria-expanded': String(open),
              on: {
                click: () => {
                  if (open) expanded.delete(group.key);
                  else expanded.add(group.key);
                  render();
                  const again = panel.querySelector(`[data-field="${group.key}"] .facet-more`);
                  if (again instanceof HTMLElement) again.focus();
                },
              },
            },
            open ? t('facets.less') : t('facets.more', { count: hiddenCount }),
          )
        : null,
    );
  }

  function render() {
    const searching = query !== '';
    panel.hidden = !searching;
    toggle.hidden = !searching;
    if (searching) appRoot.setAttribute('data-facets', 'shown');
    else {
      appRoot.removeAttribute('data-facets');
      setOpen(false);
    }
    panel.setAttribute('aria-busy', String(loading));
    const active = activeFilters(query);
    const activeCount = Object.values(active).reduce((sum, values) => sum + values.length, 0);
    toggleCount.textContent = activeCount ? formatNumber(activeCount) : '';
    toggleCount.hidden = activeCount === 0;
    toggle.title = activeCount ? t('count.activeFilters', { count: activeCount }) : t('facets.title');
    if (!searching) {
      groups.replaceChildren();
      return;
    }
    // Re-rendering replaces the buttons: keep keyboard focus on the value
    // that was just toggled.
    const focused = document.activeElement;
    const keep =
      focused instanceof HTMLElement && groups.contains(focused) && focused.matches('[data-testid="facet-value"]')
        ? {
            field: focused.closest('[data-field]')?.getAttribute('data-field'),
            value: focused.getAttribute('data-value'),
          }
        : null;
    // No value in any group and no filter on (no results at all): one line
    // says so, rather than four empty groups.
    const nothing =
      facets && GROUPS.every((group) => !(facets?.[group.key] ?? []).length && !active[group.field].length);
    replace(
      groups,
      nothing
        ? [h('p', { class: 'facet-none', 'data-testid': 'facet-nothing' }, t('facets.nothing'))]
        : GROUPS.map((group) => renderGroup(group, active)),
    );
    if (keep) {
      const again = [...groups.querySelectorAll(`[data-field="${keep.field}"] [data-testid="facet-value"]`)].find(
        (button) => button.getAttribute('data-value') === keep.value,
      );
      if (again instanceof HTMLElement) again.focus();
    }
  }

  /**
   * Opens or closes the panel on narrow windows (on wide ones it is always
   * shown while searching, and this only records the state).
   * @param {boolean} open
   */
  function setOpen(open) {
    if (open) appRoot.setAttribute('data-facets-open', '');
    else appRoot.removeAttribute('data-facets-open');
    toggle.setAttribute('aria-expanded', String(open));
  }

  function isOpen() {
    return appRoot.hasAttribute('data-facets-open');
  }

  toggle.addEventListener('click', () => {
    const open = !isOpen();
    setOpen(open);
    if (open) {
      const first = panel.querySelector('.facet-value');
      if (first instanceof HTMLElement) first.focus();
    }
  });

  closeButton.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });

  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      toggle.focus();
    }
  });

  // A click outside the open panel (narrow windows) closes it, as a menu would.
  document.addEventListener('pointerdown', (event) => {
    if (!isOpen() || !(event.target instanceof Node)) return;
    if (panel.contains(event.target) || toggle.contains(event.target)) return;
    setOpen(false);
  });

  render();

  return {
    /**
     * The query being run: pressed states follow it at once, and the counts
     * are marked as loading until {@link setFacets}.
     * @param {string} next
     */
    setQuery(next) {
      if (next !== query) loading = next !== '';
      query = next;
      render();
    },
    /**
     * The counts for the query the list now shows, once it has loaded.
     * `undefined` keeps the counts shown (a refused query leaves the previous
     * results, and their counts, in place).
     * @param {string} shownQuery
     * @param {import('../api.js').Facets|null|undefined} next
     */
    setFacets(shownQuery, next) {
      query = shownQuery;
      if (next !== undefined) facets = next;
      loading = false;
      render();
    },
    /** Re-renders after a language or digits change. */
    refresh() {
      render();
    },
  };
}
