// The import report dialog: the three figures, each failed file with a
// translated reason, and the files that were already in the archive.

import { $, baseName, h, replace, userText } from '../dom.js';
import { failureText, formatNumber } from '../format.js';
import { t } from '../i18n.js';

/**
 * A file name for a report line: the base name in a `<bdi>` (the full path as
 * its tooltip), so an Arabic or Latin name never reorders the sentence around it.
 * @param {string} path
 * @returns {HTMLElement}
 */
function fileName(path) {
  return userText('bdi', baseName(path), { class: 'report-file', title: path });
}

/**
 * @param {{ onOpenArticle: (id: number) => void, onReviewDuplicates: () => void }} handlers
 */
export function createReport(handlers) {
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="report-dialog"]'));
  const failures = $('[data-testid="report-failures"]', dialog);
  const duplicates = $('[data-testid="report-duplicate-files"]', dialog);
  /** @type {import('../api.js').ImportReport|null} */
  let report = null;

  $('[data-testid="report-close"]', dialog).addEventListener('click', () => dialog.close());
  $('[data-testid="report-compare-duplicates"]', dialog).addEventListener('click', () => {
    dialog.close();
    handlers.onReviewDuplicates();
  });

  function render() {
    if (!report) return;
    const r = report;
    $('[data-testid="report-imported"]', dialog).textContent = formatNumber(r.imported);
    $('[data-testid="report-duplicates"]', dialog).textContent = formatNumber(r.duplicates);
    $('[data-testid="report-failed"]', dialog).textContent = formatNumber(r.failed.length);
    dialog.setAttribute('data-has-failures', String(r.failed.length > 0));

    replace(
      failures,
      r.failed.map((failure) =>
        h(
          'li',
          { class: 'report-line', 'data-testid': 'report-failure', 'data-code': failure.code },
          h('span', { class: 'report-line-icon' }),
          h('span', { class: 'report-line-text' }, fileName(failure.file), h('span', { class: 'report-reason' }, failureText(failure))),
        ),
      ),
    );
    $('[data-section="failures"]', dialog).hidden = r.failed.length === 0;

    const dupFiles = r.duplicate_files ?? [];
    replace(
      duplicates,
      dupFiles.map((dup) =>
        h(
          'li',
          { class: 'report-line', 'data-testid': 'report-duplicate', 'data-kind': dup.kind },
          h('span', { class: 'report-line-icon' }),
          h(
            'span',
            { class: 'report-line-text' },
            fileName(dup.file),
            h('span', { class: 'report-reason' }, t(dup.kind === 'same_text' ? 'report.dup.same_text' : 'report.dup.same_file')),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'button button-quiet button-small',
              'data-id': dup.existing_id,
              on: {
                click: () => {
                  dialog.close();
                  handlers.onOpenArticle(dup.existing_id);
                },
              },
            },
            t('report.dup.open'),
          ),
        ),
      ),
    );
    $('[data-section="duplicates"]', dialog).hidden = dupFiles.length === 0;

    // Imported but flagged: counted by article, since one reprint may repeat several.
    const flagged = new Set((r.near_duplicates ?? []).map((near) => near.article_id)).size;
    $('[data-section="near-duplicates"]', dialog).hidden = flagged === 0;
    $('[data-testid="report-near-duplicates"]', dialog).textContent = flagged ? t('report.nearDuplicates', { count: flagged }) : '';
    $('.report-all-good', dialog).hidden = r.failed.length > 0 || r.duplicates > 0 || r.imported === 0;
  }

  return {
    /**
     * Shows the report of one import.
     * @param {import('../api.js').ImportReport} next
     */
    show(next) {
      report = next;
      render();
      if (!dialog.open) dialog.showModal();
      $('[data-testid="report-close"]', dialog).focus();
    },
    /** Re-renders after a language change. */
    refresh() {
      render();
    },
  };
}
