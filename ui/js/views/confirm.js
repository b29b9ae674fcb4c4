// The one confirmation dialog of the window: every "are you sure?" (delete an
// article or a selection, merge or delete a tag, delete a saved search,
// restore a backup, leave unsaved edits) asks through `confirm()` over the
// single `confirm-dialog` in index.html. Titles and texts go in as text nodes:
// the names they quote (articles, tags, searches) are user content.

import { $, replace } from '../dom.js';
import { onLanguageChange, t } from '../i18n.js';

/**
 * @typedef {Object} ConfirmWords
 * @property {string} title  The question.
 * @property {string|Node[]} text  What happens; user content only as nodes
 *   made with textContent (`userText`, `tNodes`).
 * @property {string} confirmLabel  The button that goes ahead.
 * @property {string} [cancelLabel]  The button that does not (default "Cancel").
 * @property {boolean} [danger]  Whether going ahead destroys something
 *   (default true): the confirm button then reads as dangerous.
 */

/** @type {HTMLDialogElement|null} Looked up at first use, so importing this module needs no DOM. */
let dialog = null;
/** @type {(() => ConfirmWords)|null} The words of the open confirmation, read again after a language change. */
let current = null;

/** @returns {HTMLDialogElement} */
function element() {
  if (dialog) return dialog;
  const found = /** @type {HTMLDialogElement} */ ($('[data-testid="confirm-dialog"]'));
  $('[data-testid="confirm-cancel"]', found).addEventListener('click', () => found.close('cancel'));
  $('[data-testid="confirm-accept"]', found).addEventListener('click', () => found.close('confirm'));
  onLanguageChange(() => {
    if (found.open && current) render(found, current());
  });
  dialog = found;
  return found;
}

/**
 * @param {HTMLDialogElement} box
 * @param {ConfirmWords} words
 */
function render(box, words) {
  $('[data-testid="confirm-title"]', box).textContent = words.title;
  replace($('[data-testid="confirm-text"]', box), words.text);
  $('[data-testid="confirm-cancel"]', box).textContent = words.cancelLabel ?? t('confirm.cancel');
  const accept = $('[data-testid="confirm-accept"]', box);
  accept.textContent = words.confirmLabel;
  const danger = words.danger ?? true;
  accept.classList.toggle('button-danger', danger);
  accept.classList.toggle('button-primary', !danger);
}

/**
 * Asks before an action and resolves true only when the archivist confirms;
 * the cancel button, Escape and closing the dialog resolve false. Focus
 * starts on the cancel button: a confirmation exists because going ahead
 * costs something. One confirmation at a time: asking while one is open
 * resolves false at once and leaves the open one as it is.
 * @param {ConfirmWords | (() => ConfirmWords)} words  A function is called
 *   again when the language changes while the dialog is open.
 * @returns {Promise<boolean>}
 */
export function confirm(words) {
  const box = element();
  if (box.open) return Promise.resolve(false);
  current = typeof words === 'function' ? words : () => words;
  render(box, current());
  box.returnValue = '';
  box.showModal();
  $('[data-testid="confirm-cancel"]', box).focus();
  return new Promise((resolve) => {
    box.addEventListener(
      'close',
      () => {
        current = null;
        resolve(box.returnValue === 'confirm');
      },
      { once: true },
    );
  });
}
