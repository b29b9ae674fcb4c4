// The bulk-action bar: shown while more than one article is selected, with the
// count (Arabic plurals), Tag…, Remove tag… (one dialog for both), Export…, Delete… (after a confirmation naming
// the count) and Clear selection; and, when every loaded row is selected but
// the search has more, a button that exports all of its results without
// loading them.

import * as api from '../api.js';
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { confirm } from './confirm.js';
import { announce, showError, showNotice } from './notify.js';
import { cleanTagName, tagCombobox } from './tag-combobox.js';

/**
 * @param {{
 *   onExport: (scope: 'selected'|'all') => void,
 *   onTagged: (ids: number[], tag: string) => void,
 *   onUntagged: (ids: number[], tag: string) => void,
 *   onDeleted: (ids: number[]) => void,
 *   onClear: () => void,
 * }} handlers
 */
export function createBulk(handlers) {
  const bar = $('[data-testid="bulk-bar"]');
  const count = $('[data-testid="bulk-count"]', bar);
  const exportAll = $('[data-testid="bulk-export-all"]', bar);
  const tagDialog = /** @type {HTMLDialogElement} */ ($('[data-testid="bulk-tag-dialog"]'));
  const tagInput = /** @type {HTMLInputElement} */ ($('[data-testid="bulk-tag-name"]', tagDialog));
  const tagConfirm = /** @type {HTMLButtonElement} */ ($('[data-testid="bulk-tag-confirm"]', tagDialog));

  /** @type {number[]} */
  let ids = [];
  let view = { query: '', total: 0, loaded: 0 };
  /** What the tag dialog does: add the tag, or take it off. */
  let tagMode = /** @type {'add'|'remove'} */ ('add');

  /** @param {number} n */
  const articles = (n) => t('count.articles', { count: n });

  function render() {
    bar.hidden = ids.length < 2;
    count.textContent = t('count.selected', { count: ids.length });
    const more = ids.length === view.loaded && view.total > view.loaded;
    exportAll.hidden = !more;
    exportAll.textContent = t(view.query ? 'bulk.exportAll' : 'bulk.exportLibrary', { count: view.total });
  }

  $('[data-testid="bulk-export"]', bar).addEventListener('click', () => handlers.onExport('selected'));
  exportAll.addEventListener('click', () => handlers.onExport('all'));
  $('[data-testid="bulk-clear"]', bar).addEventListener('click', () => handlers.onClear());

  /**
   * Opens the tag dialog to add a tag to the selection or to remove one from it.
   * @param {'add'|'remove'} mode
   */
  function openTagDialog(mode) {
    tagMode = mode;
    const keys = mode === 'add' ? ['bulkTag.title', 'bulkTag.hint', 'bulkTag.confirm'] : ['bulkUntag.title', 'bulkUntag.hint', 'bulkUntag.confirm'];
    $('.dialog-title', tagDialog).textContent = t(keys[0], { articles: articles(ids.length) });
    $('#bulk-tag-hint', tagDialog).textContent = t(keys[1]);
    tagConfirm.textContent = t(keys[2]);
    tagInput.value = '';
    tagConfirm.disabled = false;
    tagDialog.showModal();
    tagInput.focus();
  }

  $('[data-testid="bulk-tag"]', bar).addEventListener('click', () => openTagDialog('add'));
  $('[data-testid="bulk-untag"]', bar).addEventListener('click', () => openTagDialog('remove'));

  async function applyTag() {
    const name = cleanTagName(tagInput.value);
    if (!name) {
      tagInput.focus();
      return;
    }
    const chosen = ids.slice();
    const adding = tagMode === 'add';
    tagConfirm.disabled = true;
    try {
      // Rows and the notice show the tag as the archive spells it.
      const { tag } = await (adding ? api.tagArticles(name, chosen) : api.untagArticles(name, chosen));
      tagDialog.close(adding ? 'tagged' : 'untagged');
      if (adding) handlers.onTagged(chosen, tag);
      else handlers.onUntagged(chosen, tag);
      const text = t(adding ? 'announce.bulkTagged' : 'announce.bulkUntagged', {
        tag,
        articles: articles(chosen.length),
      });
      showNotice([text]);
      announce(text);
    } catch (error) {
      tagDialog.close('failed');
      showError(error);
    } finally {
      tagConfirm.disabled = false;
    }
  }

  tagConfirm.addEventListener('click', () => applyTag());
  // Before the Enter handler, so that Enter on a suggestion applies that tag.
  tagCombobox(tagInput);
  tagInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.isComposing && !event.defaultPrevented) {
      event.preventDefault();
      applyTag();
    }
  });
  $('[data-action="cancel-bulk-tag"]', tagDialog).addEventListener('click', () => tagDialog.close('cancel'));

  $('[data-testid="bulk-delete"]', bar).addEventListener('click', async () => {
    // The articles asked about are the ones deleted, whatever the selection does meanwhile.
    const chosen = ids.slice();
    const sure = await confirm(() => ({
      title: t('bulkDelete.title', { articles: articles(chosen.length) }),
      text: t('bulkDelete.text', { articles: articles(chosen.length) }),
      confirmLabel: t('confirm.delete'),
    }));
    if (!sure) return;
    try {
      await api.deleteArticles(chosen);
      handlers.onDeleted(chosen);
      announce(t('announce.bulkDeleted', { articles: articles(chosen.length) }));
    } catch (error) {
      showError(error);
    }
  });

  return {
    /**
     * Follows the list's selection.
     * @param {number[]} selected  In list order.
     * @param {{ query: string, total: number, loaded: number }} listView
     */
    setSelection(selected, listView) {
      ids = selected;
      view = listView;
      render();
    },
    /** Re-renders after a language change. */
    refresh() {
      render();
    },
  };
}
