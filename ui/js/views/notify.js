// The error banner at the top of the list, the success notice (a toast at the
// bottom of the window that goes away by itself) and the polite live region
// that announces results to screen readers.

import { $, replace } from '../dom.js';
import { errorText } from '../format.js';

/** @type {HTMLElement|null} */
let banner = null;
/** @type {number|undefined} */
let pending;

/** @type {HTMLElement|null} */
let toast = null;
/** @type {number|undefined} */
let toastTimer;
/** How long a success notice stays, unless the pointer or focus is on it. */
const NOTICE_MS = 8000;

/** Wires the banner's and the notice's dismiss buttons. Call once at start-up. */
export function initNotify() {
  /** @type {HTMLElement} */
  const el = $('[data-testid="alert"]');
  banner = el;
  $('.alert-dismiss', el).addEventListener('click', hideError);
  /** @type {HTMLElement} */
  const notice = $('[data-testid="notice"]');
  toast = notice;
  $('.toast-dismiss', notice).addEventListener('click', hideNotice);
  // A notice being read (hovered or focused) stays until it is left.
  notice.addEventListener('pointerenter', () => window.clearTimeout(toastTimer));
  notice.addEventListener('focusin', () => window.clearTimeout(toastTimer));
  notice.addEventListener('pointerleave', scheduleHide);
}

function scheduleHide() {
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(hideNotice, NOTICE_MS);
}

/**
 * Shows a success notice: text and nodes (a file name in a `<bdi>`). Being a
 * status region, it is also read out by screen readers.
 * @param {(Node|string)[]} content
 */
export function showNotice(content) {
  if (!toast) return;
  replace($('.toast-text', toast), content);
  toast.hidden = false;
  scheduleHide();
}

/** Hides the success notice. */
export function hideNotice() {
  window.clearTimeout(toastTimer);
  if (toast) toast.hidden = true;
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
