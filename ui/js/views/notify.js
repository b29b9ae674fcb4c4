// The error banner at the top of the list and the polite live region that
// announces results to screen readers.

import { $ } from '../dom.js';
import { errorText } from '../format.js';

/** @type {HTMLElement|null} */
let banner = null;
/** @type {number|undefined} */
let pending;

/** Wires the banner's dismiss button. Call once at start-up. */
export function initNotify() {
  /** @type {HTMLElement} */
  const el = $('[data-testid="alert"]');
  banner = el;
  $('.alert-dismiss', el).addEventListener('click', hideError);
}

/**
 * Shows a backend error in the interface language. The technical message goes
 * to the console for developers, never to the page.
 * @param {unknown} error
 */
export function showError(error) {
  console.error(error);
  if (!banner) return;
  $('.alert-text', banner).textContent = errorText(error);
  banner.hidden = false;
}

/** Hides the error banner. */
export function hideError() {
  if (banner) banner.hidden = true;
}

/**
 * Says `text` through the live region, once.
 * @param {string} text
 */
export function announce(text) {
  const region = $('[data-testid="live-region"]');
  // Emptying first makes a repeated sentence be announced again.
  region.textContent = '';
  window.clearTimeout(pending);
  pending = window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}
