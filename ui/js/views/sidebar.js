// The sidebar: import buttons and the import progress bar, library counts,
// the tag list and the settings button. The static markup lives in
// index.html; this module fills the parts that come from the archive. (The
// saved searches between the library and the tags are views/saved.js.)

import { $, baseName, h, replace } from '../dom.js';
import { formatNumber, tagColour } from '../format.js';
import { locale, t } from '../i18n.js';
import { filterText } from '../query.js';
import { tagCountNodes } from './tag-count.js';

/**
 * The search query that lists one tag's articles.
 * @param {string} name
 * @returns {string}
 */
export function tagQuery(name) {
  return filterText('tag', name);
}

/**
 * A tag name for display: for a path like `أمن/تعاون دولي`, the parents are
 * muted and the last segment stands out. The element takes the name's own
 * direction (`dir="auto"`), so a name cut short is cut at the end of its
 * reading direction. A chip passes its label element instead of the `<bdi>`:
 * `dir="auto"` skips the text of a `<bdi>` inside it, so the name must be the
 * element's own text for the chip to take its direction.
 * @param {string} name
 * @param {string} [tag]  The element, `bdi` unless a chip's label.
 * @param {import('../dom.js').Attrs} [attrs]
 * @returns {HTMLElement}
 */
export function tagLabel(name, tag = 'bdi', attrs = {}) {
  const segments = name.split('/');
  const leaf = segments.pop() ?? name;
  return h(
    tag,
    { class: 'tag-name', dir: 'auto', ...attrs },
    segments.length ? h('span', { class: 'tag-path' }, `${segments.join('/')}/`) : null,
    leaf,
  );
}

/**
 * @param {{
 *   onTag: (name: string) => void,
 *   onAllArticles: () => void,
 *   onImport: () => void,
 *   onImportFolder: () => void,
 *   onCancelImport: () => void,
 *   onSettings: () => void,
 *   onManageTags: () => void,
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
  /** @type {import('../api.js').ImportProgress|null} */
  let progress = null;
  const progressBox = $('[data-testid="import-progress"]');
  const progressBar = /** @type {HTMLProgressElement} */ ($('.import-progress-bar', progressBox));
  const progressCount = $('.import-progress-count', progressBox);
  const progressFile = $('.import-progress-file', progressBox);
  const progressRate = $('.import-progress-rate', progressBox);
  const progressEta = $('.import-progress-eta', progressBox);
  const cancelButton = /** @type {HTMLButtonElement} */ ($('[data-testid="import-cancel"]'));
  const folderButton = $('[data-testid="import-folder-button"]');
  /** When the running import started (ms, monotonic); for its pace. */
  let startedAt = 0;
  let cancelling = false;

  for (const button of document.querySelectorAll('[data-action="import"]')) {
    button.addEventListener('click', () => handlers.onImport());
  }
  folderButton.addEventListener('click', () => handlers.onImportFolder());
  cancelButton.addEventListener('click', () => handlers.onCancelImport());
  allArticles.addEventListener('click', () => handlers.onAllArticles());
  $('[data-testid="settings-button"]').addEventListener('click', () => handlers.onSettings());
  $('[data-testid="manage-tags-button"]').addEventListener('click', () => handlers.onManageTags());
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
            // The total is what clicking the tag lists (its sub-tags included).
            ...tagCountNodes(tag, tag.total),
          ),
        );
      }),
    );
    allArticles.setAttribute('aria-current', activeQuery === '' ? 'true' : 'false');
  }

  function renderBusy() {
    folderButton.toggleAttribute('disabled', busyFiles !== null);
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

  function renderProgress() {
    // One file needs no bar: the button's spinner says enough.
    const show = busyFiles !== null && progress !== null && progress.total > 1;
    progressBox.hidden = !show;
    if (!show || !progress) {
      progressFile.textContent = '';
      progressFile.removeAttribute('title');
      return;
    }
    const total = Math.max(1, progress.total);
    const done = Math.min(Math.max(0, progress.done), total);
    progressBar.max = total;
    progressBar.value = done;
    progressBar.setAttribute('aria-valuetext', t('import.progress', { done, total }));
    progressCount.textContent = t('import.progress', { done, total });
    const file = progress.current_file;
    progressFile.textContent = file ? baseName(file) : '';
    if (file) progressFile.setAttribute('title', file);
    else progressFile.removeAttribute('title');
    renderPace(done, total);
    cancelButton.disabled = cancelling;
    cancelButton.textContent = t(cancelling ? 'import.cancelling' : 'import.cancel');
  }

  /**
   * Files a second and time left, once there is a pace to speak of (a first
   * second of work, a first file done).
   * @param {number} done
   * @param {number} total
   */
  function renderPace(done, total) {
    const seconds = (performance.now() - startedAt) / 1000;
    if (done === 0 || seconds < 1) {
      progressRate.textContent = '';
      progressEta.textContent = '';
      return;
    }
    const rate = done / seconds;
    progressRate.textContent = t('import.rate', {
      rate: rate >= 10 ? Math.round(rate) : Math.round(rate * 10) / 10,
    });
    const left = Math.ceil((total - done) / rate);
    progressEta.textContent =
      left <= 0
        ? ''
        : left < 60
        ? t('import.etaSeconds', { count: left })
        : t('import.etaMinutes', { count: Math.ceil(left / 60) });
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
      startedAt = performance.now();
      cancelling = false;
      // Until the first event: nothing done yet, out of the files chosen (a
      // folder may hold more; the events bring the real total).
      progress = files === null ? null : { done: 0, total: files, current_file: '' };
      renderBusy();
      renderProgress();
    },
    /** The user asked to stop: say so until the import's report arrives. */
    setImportCancelling() {
      cancelling = true;
      renderProgress();
    },
    /** @param {import('../api.js').ImportProgress} next One `import-progress` event. */
    setImportProgress(next) {
      if (busyFiles === null) return;
      progress = {
        done: Number(next.done) || 0,
        total: Number(next.total) || 0,
        current_file: typeof next.current_file === 'string' ? next.current_file : '',
      };
      renderProgress();
    },
    /** Re-renders after a language change. */
    refresh() {
      renderStats();
      renderTags();
      renderBusy();
      renderProgress();
    },
  };
}
