// Saved searches: the list in the sidebar (a click runs the query), the
// "save this search" button beside the search box with its naming dialog, and
// the confirmation before deleting one. Names and queries are user content.

import * as api from '../api.js';
import { $, h, replace, userText } from '../dom.js';
import { errorText } from '../format.js';
import { icon } from '../icons.js';
import { locale, t, tNodes } from '../i18n.js';
import { confirm } from './confirm.js';
import { announce, showError } from './notify.js';

/**
 * The form the backend keys a name by, near enough to warn before replacing.
 * @param {string} name
 * @returns {string}
 */
function nameKey(name) {
  return name.split(/\s+/u).filter(Boolean).join(' ').toLocaleLowerCase();
}

/**
 * @param {{
 *   onRun: (query: string) => void,
 *   getQuery: () => string,
 * }} handlers `getQuery` is the search box's text, trimmed.
 */
export function createSaved(handlers) {
  const list = $('[data-testid="saved-searches"]');
  const none = $('[data-role="no-saved"]');
  const saveButton = /** @type {HTMLButtonElement} */ ($('[data-testid="save-search-button"]'));

  const saveDialog = /** @type {HTMLDialogElement} */ ($('[data-testid="save-search-dialog"]'));
  const nameInput = /** @type {HTMLInputElement} */ ($('[data-testid="save-search-name"]', saveDialog));
  const queryPreview = $('.save-search-query', saveDialog);
  const saveHint = $('.save-search-hint', saveDialog);
  const saveError = $('.save-search-error', saveDialog);
  const confirmSave = /** @type {HTMLButtonElement} */ ($('[data-testid="save-search-confirm"]', saveDialog));

  /** @type {import('../api.js').SavedSearch[]} */
  let searches = [];
  let activeQuery = '';
  /** The query the open save dialog will save. */
  let pendingQuery = '';
  /** @type {unknown} */
  let pendingError = null;

  function renderList() {
    none.hidden = searches.length > 0;
    replace(
      list,
      searches.map((saved) =>
        h(
          'li',
          {
            class: 'saved-item',
            'data-testid': 'saved-search',
            'data-id': saved.id,
            'aria-current': saved.query === activeQuery ? 'true' : null,
          },
          h(
            'button',
            {
              type: 'button',
              class: 'saved-run',
              'data-action': 'run-saved',
              title: saved.query,
            },
            h('span', { class: 'saved-icon', 'aria-hidden': 'true' }, icon('bookmark')),
            userText('bdi', saved.name, { class: 'saved-name' }),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button saved-delete',
              'data-testid': 'saved-search-delete',
              'data-action': 'delete-saved',
              'aria-label': t('saved.delete', { name: saved.name }),
              title: t('saved.delete', { name: saved.name }),
            },
            icon('close'),
          ),
        ),
      ),
    );
  }

  function renderSaveButton() {
    saveButton.hidden = handlers.getQuery() === '';
  }

  function renderSaveDialog() {
    replace(queryPreview, userText('bdi', pendingQuery, { class: 'query' }));
    const key = nameKey(nameInput.value);
    const replacing = key !== '' && searches.some((saved) => nameKey(saved.name) === key);
    saveHint.hidden = !replacing;
    saveError.hidden = pendingError === null;
    saveError.textContent = pendingError === null ? '' : errorText(pendingError);
    confirmSave.disabled = nameInput.value.trim() === '';
  }

  /** @returns {Promise<void>} */
  async function load() {
    try {
      const next = await api.listSavedSearches();
      const collator = new Intl.Collator(locale(), { sensitivity: 'base', numeric: true });
      searches = [...next].sort((a, b) => collator.compare(a.name, b.name));
      renderList();
    } catch (error) {
      showError(error);
    }
  }

  function openSaveDialog() {
    pendingQuery = handlers.getQuery();
    if (!pendingQuery) return;
    pendingError = null;
    // A search already saved with this query offers its own name, to update it.
    const existing = searches.find((saved) => saved.query === pendingQuery);
    nameInput.value = existing ? existing.name : pendingQuery;
    renderSaveDialog();
    saveDialog.showModal();
    nameInput.focus();
    nameInput.select();
  }

  async function save() {
    const name = nameInput.value.trim();
    if (!name || confirmSave.disabled) return;
    confirmSave.disabled = true;
    try {
      const saved = await api.saveSearch(name, pendingQuery);
      saveDialog.close('saved');
      announce(t('announce.searchSaved', { name: saved.name }));
      await load();
    } catch (error) {
      console.error(error);
      // Shown in the dialog, which stays open to fix the name or cancel.
      pendingError = error;
      renderSaveDialog();
      nameInput.focus();
    }
  }

  /** @param {import('../api.js').SavedSearch} saved */
  async function askDelete(saved) {
    const sure = await confirm(() => ({
      title: t('saved.deleteTitle'),
      text: tNodes('saved.deleteText', { name: userText('bdi', saved.name, { class: 'confirm-title' }) }),
      confirmLabel: t('saved.deleteConfirm'),
    }));
    if (!sure) return;
    try {
      await api.deleteSavedSearch(saved.id);
      announce(t('announce.searchDeleted', { name: saved.name }));
      await load();
    } catch (error) {
      showError(error);
    }
  }

  list.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const item = target.closest('[data-testid="saved-search"]');
    if (!item) return;
    const saved = searches.find((candidate) => String(candidate.id) === item.getAttribute('data-id'));
    if (!saved) return;
    if (target.closest('[data-action="delete-saved"]')) askDelete(saved);
    else handlers.onRun(saved.query);
  });

  saveButton.addEventListener('click', openSaveDialog);
  nameInput.addEventListener('input', () => {
    pendingError = null;
    renderSaveDialog();
  });
  nameInput.addEventListener('keydown', (event) => {
    if (event.isComposing || event.key !== 'Enter') return;
    event.preventDefault();
    save();
  });
  confirmSave.addEventListener('click', save);
  $('[data-action="cancel-save"]', saveDialog).addEventListener('click', () => saveDialog.close('cancel'));

  renderList();
  renderSaveButton();

  return {
    load,
    /**
     * The query the list shows: its saved search (if any) is marked current.
     * @param {string} query
     */
    setActiveQuery(query) {
      activeQuery = query;
      renderList();
    },
    /** Call when the search box's text changes: the save button needs a query. */
    syncSaveButton() {
      renderSaveButton();
    },
    /** Re-renders after a language change. */
    refresh() {
      renderList();
      renderSaveButton();
      if (saveDialog.open) renderSaveDialog();
    },
  };
}
