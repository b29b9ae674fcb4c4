// The sidebar: import buttons, library counts, the tag list and the settings
// button. The static markup lives in index.html; this module fills the parts
// that come from the archive.

import { $, h, replace } from '../dom.js';
import { formatNumber, tagColour } from '../format.js';
import { locale, t } from '../i18n.js';

/**
 * The search query that lists one tag's articles.
 * @param {string} name
 * @returns {string}
 */
export function tagQuery(name) {
  return `tag:"${name}"`;
}

/**
 * A tag name for display: for a path like `أمن/تعاون دولي`, the parents are
 * muted and the last segment stands out.
 * @param {string} name
 * @returns {HTMLElement}
 */
export function tagLabel(name) {
  const segments = name.split('/');
  const leaf = segments.pop() ?? name;
  return h(
    'bdi',
    { class: 'tag-name', dir: 'auto' },
    segments.length ? h('span', { class: 'tag-path' }, `${segments.join('/')}/`) : null,
    leaf,
  );
}

/**
 * @param {{
 *   onTag: (name: string) => void,
 *   onAllArticles: () => void,
 *   onImport: () => void,
 *   onSettings: () => void,
 * }} handlers
 */
export function createSidebar(handlers) {
  const tagList = $('[data-testid="tag-list"]');
  const noTags = $('[data-role="no-tags"]');
  const allArticles = $('[data-testid="all-articles"]');
  /** @type {import('../api.js').TagCount[]} */
  let tags = [];
  /** @type {import('../api.js').Stats|null} */
  let stats = null;
  let activeQuery = '';
  /** @type {number|null} */
  let busyFiles = null;

  for (const button of document.querySelectorAll('[data-action="import"]')) {
    button.addEventListener('click', () => handlers.onImport());
  }
  allArticles.addEventListener('click', () => handlers.onAllArticles());
  $('[data-testid="settings-button"]').addEventListener('click', () => handlers.onSettings());
  tagList.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('[data-tag]');
    if (button) handlers.onTag(button.getAttribute('data-tag') ?? '');
  });

  function renderStats() {
    for (const key of /** @type {const} */ (['articles', 'tags', 'publications'])) {
      $(`[data-stat="${key}"]`).textContent = stats ? formatNumber(stats[key]) : '–';
    }
  }

  function renderTags() {
    noTags.hidden = tags.length > 0;
    replace(
      tagList,
      tags.map((tag) => {
        const active = activeQuery === tagQuery(tag.name);
        return h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'tag-item',
              'data-tag': tag.name,
              'data-testid': 'sidebar-tag',
              'aria-current': active ? 'true' : null,
            },
            h('span', { class: 'tag-swatch', 'data-colour': tagColour(tag.colour), 'aria-hidden': 'true' }),
            tagLabel(tag.name),
            h('span', { class: 'tag-count' }, formatNumber(tag.count)),
          ),
        );
      }),
    );
    allArticles.setAttribute('aria-current', activeQuery === '' ? 'true' : 'false');
  }

  function renderBusy() {
    for (const button of document.querySelectorAll('[data-action="import"]')) {
      const isBusy = busyFiles !== null;
      button.toggleAttribute('disabled', isBusy);
      button.setAttribute('aria-busy', String(isBusy));
      const label = button.querySelector('.button-label');
      if (!label) continue;
      const key = button.getAttribute('data-testid') === 'import-button' ? 'sidebar.import' : 'empty.import';
      label.textContent = isBusy ? t('sidebar.importing') : t(key);
    }
  }

  return {
    /** @param {import('../api.js').Stats} next */
    setStats(next) {
      stats = next;
      renderStats();
    },
    /** @param {import('../api.js').TagCount[]} next */
    setTags(next) {
      // By name, so a path's children sit under their parent ("أمن", "أمن/تعاون دولي").
      const collator = new Intl.Collator(locale(), { sensitivity: 'base', numeric: true });
      tags = [...next].sort((a, b) => collator.compare(a.name, b.name));
      renderTags();
    },
    /** @param {string} query The search box's query; '' for the library. */
    setActiveQuery(query) {
      activeQuery = query;
      renderTags();
    },
    /** @param {number|null} files How many files are importing; null when idle. */
    setImportBusy(files) {
      busyFiles = files;
      renderBusy();
    },
    /** Re-renders after a language change. */
    refresh() {
      renderStats();
      renderTags();
      renderBusy();
    },
  };
}
