// Possible duplicates: the sidebar entry with its count, and the dialog that
// compares two nearly identical articles side by side (words found in only one
// of them highlighted) and resolves the pair: keep both, or delete one after a
// confirmation. The engine decides what is a near-duplicate; this only shows
// its pairs.

import * as api from '../api.js';
import { $, h, replace, userText } from '../dom.js';
import { formatDate, formatNumber } from '../format.js';
import { locale, t, tNodes } from '../i18n.js';
import { showError } from './notify.js';

/** Pairs fetched at once: more than anyone resolves in one sitting. */
const PAGE = 100;
/** Longer texts are shown without highlights: the diff is quadratic in words. */
const MAX_DIFF_WORDS = 4000;

/**
 * Splits text into words and the spaces between them, both kept, so that the
 * pieces joined give the text back unchanged.
 * @param {string} text
 * @returns {string[]}
 */
function pieces(text) {
  return text.split(/(\s+)/).filter((piece) => piece !== '');
}

/**
 * A word-level diff by longest common subsequence: for each text, its pieces
 * with `same` true where the word is part of the common sequence. Spaces are
 * always `same`.
 * @param {string} a
 * @param {string} b
 * @returns {[{ text: string, same: boolean }[], { text: string, same: boolean }[]]}
 */
export function wordDiff(a, b) {
  const pa = pieces(a);
  const pb = pieces(b);
  const wa = pa.filter((p) => !/^\s/.test(p));
  const wb = pb.filter((p) => !/^\s/.test(p));
  const inCommonA = new Array(wa.length).fill(wa.length + wb.length <= MAX_DIFF_WORDS ? false : true);
  const inCommonB = new Array(wb.length).fill(wa.length + wb.length <= MAX_DIFF_WORDS ? false : true);
  if (wa.length + wb.length <= MAX_DIFF_WORDS) {
    // lengths[i][j]: the common subsequence of wa[i..] and wb[j..], one row at a time.
    const width = wb.length + 1;
    const lengths = new Uint16Array((wa.length + 1) * width);
    for (let i = wa.length - 1; i >= 0; i--) {
      for (let j = wb.length - 1; j >= 0; j--) {
        lengths[i * width + j] =
          wa[i] === wb[j]
            ? lengths[(i + 1) * width + j + 1] + 1
            : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < wa.length && j < wb.length) {
      if (wa[i] === wb[j]) {
        inCommonA[i++] = true;
        inCommonB[j++] = true;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
        i++;
      } else {
        j++;
      }
    }
  }
  /**
   * @param {string[]} all
   * @param {boolean[]} common
   */
  const mark = (all, common) => {
    let word = 0;
    return all.map((text) => (/^\s/.test(text) ? { text, same: true } : { text, same: common[word++] }));
  };
  return [mark(pa, inCommonA), mark(pb, inCommonB)];
}

/**
 * "84 % similar" in the interface language.
 * @param {number} similarity 0..1
 * @returns {string}
 */
export function similarityLabel(similarity) {
  return t('duplicates.similarity', {
    percent: new Intl.NumberFormat(locale(), { style: 'percent' }).format(similarity),
  });
}

/**
 * @param {{ onDeleted: (id: number) => void, onResolved: () => void }} handlers
 *   `onResolved` hears every pair resolved here (kept both, or one deleted).
 */
export function createDuplicates(handlers) {
  const button = $('[data-testid="duplicates-button"]');
  const badge = $('[data-role="duplicates-count"]', button);
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="duplicates-dialog"]'));
  const list = $('[data-testid="duplicates-list"]', dialog);
  const compare = $('[data-testid="duplicates-compare"]', dialog);
  const empty = $('[data-role="duplicates-empty"]', dialog);
  /** @type {import('../api.js').NearDuplicatePair[]} */
  let pairs = [];
  let total = 0;
  /** @type {number} Index of the pair shown, in `pairs`. */
  let current = 0;
  /** @type {number|null} The article waiting for its delete to be confirmed. */
  let confirming = null;
  /** @type {[import('../api.js').Article, import('../api.js').Article]|null} */
  let shown = null;

  button.addEventListener('click', () => open());
  for (const close of dialog.querySelectorAll('[data-action="close-duplicates"]')) {
    close.addEventListener('click', () => dialog.close());
  }

  function renderCount() {
    button.hidden = total === 0;
    badge.textContent = formatNumber(total);
  }

  async function load() {
    const page = await api.listNearDuplicates(0, PAGE);
    pairs = page.items;
    total = page.total;
    current = Math.min(current, Math.max(0, pairs.length - 1));
    renderCount();
  }

  function renderList() {
    empty.hidden = pairs.length > 0;
    replace(
      list,
      pairs.map((pair, index) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'duplicates-item',
              'data-testid': 'duplicates-item',
              'aria-current': index === current ? 'true' : null,
              on: { click: () => select(index) },
            },
            userText('span', pair.other.title || t('list.untitled'), { class: 'duplicates-item-title' }),
            h('span', { class: 'duplicates-item-similarity' }, similarityLabel(pair.similarity)),
          ),
        ),
      ),
    );
  }

  /**
   * One side of the comparison.
   * @param {import('../api.js').Article} article
   * @param {{ text: string, same: boolean }[]} body
   * @param {string} side 'duplicates.earlier' or 'duplicates.later'
   */
  function column(article, body, side) {
    const date = formatDate(article.date);
    const waiting = confirming === article.id;
    return h(
      'section',
      { class: 'duplicates-column', 'data-testid': 'duplicates-column', 'data-id': String(article.id) },
      h('p', { class: 'duplicates-side' }, t(side)),
      userText('h3', article.title || t('list.untitled'), { class: 'duplicates-title' }),
      h(
        'p',
        { class: 'duplicates-meta' },
        article.publication ? userText('bdi', article.publication) : null,
        date ? [' · ', date] : null,
      ),
      h(
        'div',
        { class: 'duplicates-body', dir: 'auto' },
        body.map((piece) => (piece.same ? piece.text : h('mark', { class: 'diff-word' }, piece.text))),
      ),
      waiting
        ? h(
            'div',
            { class: 'duplicates-confirm', role: 'alert' },
            h('p', null, tNodes('duplicates.confirmText', { title: userText('bdi', article.title) })),
            h(
              'button',
              { type: 'button', class: 'button button-danger button-small', 'data-testid': 'duplicates-confirm-delete', on: { click: () => remove(article.id) } },
              t('duplicates.confirmDelete'),
            ),
            h(
              'button',
              { type: 'button', class: 'button button-quiet button-small', on: { click: () => ask(null) } },
              t('duplicates.cancel'),
            ),
          )
        : h(
            'button',
            { type: 'button', class: 'button button-quiet button-small', 'data-testid': 'duplicates-delete', on: { click: () => ask(article.id) } },
            t('duplicates.delete'),
          ),
    );
  }

  function renderCompare() {
    const pair = pairs[current];
    if (!pair || !shown) {
      replace(compare);
      return;
    }
    const [a, b] = shown;
    const [da, db] = wordDiff(a.body, b.body);
    replace(
      compare,
      h(
        'div',
        { class: 'duplicates-toolbar' },
        h('p', { class: 'duplicates-legend' }, similarityLabel(pair.similarity), ' · ', t('duplicates.legend')),
        h(
          'button',
          { type: 'button', class: 'button button-primary button-small', 'data-testid': 'duplicates-keep-both', on: { click: () => keepBoth() } },
          t('duplicates.keepBoth'),
        ),
      ),
      h('div', { class: 'duplicates-columns' }, column(a, da, 'duplicates.earlier'), column(b, db, 'duplicates.later')),
    );
  }

  /** @param {number} index */
  async function select(index) {
    current = index;
    confirming = null;
    shown = null;
    renderList();
    const pair = pairs[index];
    if (!pair) {
      renderCompare();
      return;
    }
    try {
      const both = await Promise.all([api.getArticle(pair.article.id), api.getArticle(pair.other.id)]);
      // Another pair may have been chosen meanwhile.
      if (pairs[current] !== pair) return;
      shown = both;
    } catch (error) {
      showError(error);
    }
    renderCompare();
  }

  /** @param {number|null} id */
  function ask(id) {
    confirming = id;
    renderCompare();
  }

  async function keepBoth() {
    const pair = pairs[current];
    if (!pair) return;
    try {
      await api.markNotDuplicate(pair.article.id, pair.other.id);
      handlers.onResolved();
      await reload();
    } catch (error) {
      showError(error);
    }
  }

  /** @param {number} id */
  async function remove(id) {
    try {
      await api.deleteArticles([id]);
      handlers.onDeleted(id);
      handlers.onResolved();
      await reload();
    } catch (error) {
      showError(error);
    }
  }

  async function reload() {
    await load();
    await select(current);
  }

  /**
   * Opens the comparison at `pair`, or at the newest pair.
   * @param {import('../api.js').NearDuplicatePair} [pair]
   */
  async function open(pair) {
    try {
      await load();
    } catch (error) {
      showError(error);
      return;
    }
    current = 0;
    if (pair) {
      const index = pairs.findIndex((p) => p.article.id === pair.article.id && p.other.id === pair.other.id);
      // Past the first page: shown at the top, for this visit.
      if (index < 0) pairs.unshift(pair);
      else current = index;
    }
    if (!dialog.open) dialog.showModal();
    await select(current);
  }

  return {
    /** Opens the comparison at the given pair (from the reader), or at the newest. */
    open,
    /** Reloads the count (after an import or a delete). */
    async refreshCount() {
      try {
        await load();
      } catch (error) {
        // The count is a hint; the archive's own error shows elsewhere.
        console.error(error);
      }
    },
    /** Re-renders after a language change. */
    refresh() {
      renderCount();
      if (dialog.open) {
        renderList();
        renderCompare();
      }
    },
  };
}
