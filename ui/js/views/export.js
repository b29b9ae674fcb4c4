// The export dialog: what to export (the selected articles, or every result of
// the search, the whole library when there is no search), the format with a
// line about each, the options of PDF and JSON; then the native save dialog
// with a default name in the interface language, progress from the backend's
// `export-progress` events, and a notice naming the file (or the error, in the
// dialog, translated from its code). While it runs, the footer's Cancel button
// (and Escape) stops it: the backend writes nothing and a notice says so.

import * as api from '../api.js';
import { cancelUntilHeard } from '../cancel.js';
import { $, baseName, userText } from '../dom.js';
import { exportFileName } from '../filename.js';
import { errorText } from '../format.js';
import { lang, t, tNodes } from '../i18n.js';
import { showNotice } from './notify.js';

/** @typedef {'selected'|'all'} Scope */

/**
 * @typedef {Object} ExportContext  What the list shows when the dialog opens.
 * @property {string} query  The search ('' for the library).
 * @property {number} total  Articles in the search or the library.
 * @property {number[]} selectedIds  In list order.
 * @property {import('../api.js').SearchSort} sort  The order of the search.
 */

/** @type {Record<import('../api.js').ExportFormat, string>} */
const EXTENSIONS = { pdf: 'pdf', json: 'json', 'csl-json': 'json', csv: 'csv' };

/**
 * Today in the local calendar, for when the backend cannot say.
 * @returns {string}
 */
function localDate() {
  const now = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Whether a failed export was stopped by the user rather than broken.
 * @param {unknown} error
 * @returns {boolean}
 */
function isCancelled(error) {
  return Boolean(error && typeof error === 'object' && 'code' in error && error.code === 'cancelled');
}

/**
 * @param {{ getContext: () => ExportContext }} handlers
 */
export function createExport(handlers) {
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="export-dialog"]'));
  const scopeSelected = /** @type {HTMLInputElement} */ ($('[data-testid="export-scope-selected"]', dialog));
  const scopeAll = /** @type {HTMLInputElement} */ ($('[data-testid="export-scope-all"]', dialog));
  const originals = /** @type {HTMLInputElement} */ ($('[data-testid="export-originals"]', dialog));
  const progress = $('[data-testid="export-progress"]', dialog);
  const bar = /** @type {HTMLProgressElement} */ ($('progress', progress));
  const progressText = $('.export-progress-text', progress);
  const errorLine = $('[data-testid="export-error"]', dialog);
  const confirm = /** @type {HTMLButtonElement} */ ($('[data-testid="export-confirm"]', dialog));
  const cancelButton = /** @type {HTMLButtonElement} */ ($('[data-testid="export-cancel"]', dialog));

  /** @type {ExportContext} */
  let context = { query: '', total: 0, selectedIds: [], sort: 'relevance' };
  /** @type {import('../api.js').ExportFormat} Remembered between exports. */
  let format = 'pdf';
  let running = false;
  /** True once the user asked the running export to stop. */
  let stopping = false;
  /** @type {import('../api.js').ExportStep|null} */
  let lastStep = null;

  /** @param {string} name */
  function checked(name) {
    const input = dialog.querySelector(`input[name="${name}"]:checked`);
    return input instanceof HTMLInputElement ? input.value : null;
  }

  /** The scope and format labels, which name counts and the query. */
  function renderLabels() {
    const selected = context.selectedIds.length;
    $('[data-role="scope-selected"]', dialog).textContent = t('export.scopeSelected', {
      articles: t('count.articles', { count: selected }),
    });
    const all = $('[data-role="scope-all"]', dialog);
    const hint = $('[data-role="scope-all-hint"]', dialog);
    if (context.query) {
      all.textContent = t('export.scopeResults', { results: t('count.results', { count: context.total }) });
      hint.replaceChildren(...tNodes('export.scopeResultsHint', { query: userText('bdi', context.query, { class: 'query' }) }));
      hint.hidden = false;
    } else {
      all.textContent = t('export.scopeLibrary', { articles: t('count.articles', { count: context.total }) });
      hint.replaceChildren();
      hint.hidden = true;
    }
  }

  /** Shows the options of the chosen format only. */
  function renderOptions() {
    for (const group of dialog.querySelectorAll('.export-options')) {
      /** @type {HTMLElement} */ (group).hidden = group.getAttribute('data-for') !== format;
    }
  }

  /** @param {import('../api.js').ExportStep|null} step */
  function renderProgress(step) {
    lastStep = step;
    progress.hidden = !running;
    if (!running) return;
    if (!step) {
      bar.removeAttribute('value');
      progressText.textContent = t('export.preparing');
    } else if (step.phase === 'articles') {
      bar.value = step.total ? step.done / step.total : 1;
      progressText.textContent = t('export.writingArticles', { done: step.done, total: step.total });
    } else if (step.phase === 'typesetting') {
      // Typesetting is one long call with no steps inside: an indeterminate bar.
      bar.removeAttribute('value');
      progressText.textContent = t('export.typesetting', { articles: t('count.articles', { count: step.articles }) });
    } else if (step.phase === 'writing') {
      bar.value = 0.9;
      progressText.textContent = t('export.writingPdf', { pages: t('count.pages', { count: step.pages }) });
    } else {
      bar.value = 1;
    }
    // Steps still arrive while the backend winds down: the line keeps saying it stops.
    if (stopping) progressText.textContent = t('export.stopping');
  }

  /** @param {boolean} busy */
  function setRunning(busy) {
    running = busy;
    stopping = false;
    dialog.toggleAttribute('data-running', busy);
    dialog.setAttribute('aria-busy', String(busy));
    for (const control of dialog.querySelectorAll('input, button')) {
      /** @type {HTMLInputElement|HTMLButtonElement} */ (control).disabled = busy;
    }
    if (!busy) syncDisabled();
    renderCancel();
    renderProgress(null);
  }

  /** The footer's Cancel button closes the dialog, or stops the running export. */
  function renderCancel() {
    cancelButton.textContent = t(!running ? 'export.cancel' : stopping ? 'export.stopping' : 'export.stop');
    // The only control left enabled while running; never `disabled`, even while stopping:
    // that would drop the keyboard focus to the page.
    cancelButton.disabled = false;
    if (running && stopping) cancelButton.setAttribute('aria-disabled', 'true');
    else cancelButton.removeAttribute('aria-disabled');
  }

  /** Asks the backend to stop; the export's own answer (`cancelled`) closes the dialog. */
  async function stop() {
    if (!running || stopping) return;
    stopping = true;
    renderCancel();
    renderProgress(lastStep);
    try {
      await cancelUntilHeard(api.cancelExport, () => running);
    } catch (error) {
      // The export goes on and ends by itself; its outcome is shown as usual.
      console.error(error);
    }
  }

  /** Scopes with nothing in them cannot be chosen, nor can an empty export be started. */
  function syncDisabled() {
    scopeSelected.disabled = context.selectedIds.length === 0;
    scopeAll.disabled = context.total === 0;
    confirm.disabled = scopeSelected.disabled && scopeAll.disabled;
  }

  /** @param {unknown} error */
  function showFailure(error) {
    console.error(error);
    errorLine.textContent = errorText(error);
    errorLine.hidden = false;
  }

  /**
   * The selection, the words of the default file name and the PDF cover's description.
   * @returns {{ selection: import('../api.js').Selection, subject: string }}
   */
  function target() {
    if (checked('export-scope') === 'selected') {
      return { selection: { ids: context.selectedIds }, subject: t('export.subjectSelected') };
    }
    if (context.query) {
      return { selection: { query: { text: context.query, sort: context.sort } }, subject: context.query };
    }
    return { selection: { query: { text: '', sort: 'newest' } }, subject: t('export.subjectLibrary') };
  }

  async function run() {
    if (running) return;
    errorLine.hidden = true;
    const { selection, subject } = target();
    const chosen = format;
    let date;
    try {
      date = await api.exportDate();
    } catch {
      date = localDate();
    }
    let picked;
    try {
      picked = await api.pickExportDestination(
        chosen,
        { title: t('export.saveTitle'), filter: t(`export.filter.${chosen}`) },
        exportFileName({ app: t('app.name'), subject, date, extension: EXTENSIONS[chosen] }),
      );
    } catch (error) {
      showFailure(error);
      return;
    }
    // Cancelled: the dialog stays, with the choices as they were.
    if (!picked) return;
    setRunning(true);
    // The confirm button is disabled now: keep the keyboard on the one that stops.
    cancelButton.focus();
    try {
      const report = await api.exportArticles(
        {
          selection,
          format: chosen,
          grant: picked.grant,
          options: {
            includeOriginals: originals.checked,
            layout: checked('export-layout') === 'continuous' ? 'continuous' : 'onePerPage',
            language: lang(),
            description: subject,
          },
        },
        (step) => renderProgress(step),
      );
      setRunning(false);
      dialog.close('exported');
      showNotice(
        tNodes('export.done', {
          articles: t('count.articles', { count: report.articles }),
          file: userText('bdi', baseName(report.path), { class: 'notice-file', title: report.path }),
        }),
      );
    } catch (error) {
      setRunning(false);
      if (isCancelled(error)) {
        dialog.close('cancelled');
        showNotice([t('export.cancelled')]);
      } else {
        showFailure(error);
      }
    }
  }

  for (const input of dialog.querySelectorAll('input[name="export-format"]')) {
    input.addEventListener('change', () => {
      format = /** @type {import('../api.js').ExportFormat} */ (checked('export-format') ?? 'pdf');
      renderOptions();
    });
  }
  confirm.addEventListener('click', () => run());
  for (const button of dialog.querySelectorAll('[data-action="close-export"]')) {
    button.addEventListener('click', () => {
      if (running) stop();
      else dialog.close('cancel');
    });
  }
  // Escape while the export runs stops it; closing at once would hide its outcome.
  dialog.addEventListener('cancel', (event) => {
    if (!running) return;
    event.preventDefault();
    stop();
  });

  return {
    /**
     * Opens the dialog on what the list shows now.
     * @param {{ scope?: Scope }} [options] The scope to start on; by default
     *   the selection when several articles are selected, else everything.
     */
    open(options = {}) {
      if (dialog.open) return;
      context = handlers.getContext();
      const selected = context.selectedIds.length;
      let scope = options.scope ?? (selected > 1 ? 'selected' : 'all');
      if (scope === 'selected' && selected === 0) scope = 'all';
      if (scope === 'all' && context.total === 0 && selected > 0) scope = 'selected';
      scopeSelected.checked = scope === 'selected';
      scopeAll.checked = scope === 'all';
      const formatInput = /** @type {HTMLInputElement} */ ($(`input[name="export-format"][value="${format}"]`, dialog));
      formatInput.checked = true;
      errorLine.hidden = true;
      setRunning(false);
      renderLabels();
      renderOptions();
      dialog.returnValue = '';
      dialog.showModal();
      (scope === 'selected' ? scopeSelected : scopeAll).focus();
    },
    /** Re-renders after a language change. */
    refresh() {
      renderLabels();
      renderCancel();
      if (running) renderProgress(lastStep);
    },
  };
}
