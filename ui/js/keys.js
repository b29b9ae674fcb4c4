// Keyboard meanings shared by the list and the reader that depend on the
// layout's direction.

/**
 * The step through the article list that a horizontal arrow key means. The
 * arrows follow reading direction: in a right-to-left layout the next article
 * lies to the left, so ArrowLeft goes forward; in a left-to-right layout
 * ArrowRight does. Any other key means no step (0).
 * @param {string} key  A KeyboardEvent `key`.
 * @param {string} dir  The layout's direction, 'rtl' or 'ltr'.
 * @returns {-1|0|1}
 */
export function readingStep(key, dir) {
  const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
  if (key === forward) return 1;
  if (key === back) return -1;
  return 0;
}

/**
 * The step a key press on the list or the reader asks for: a bare horizontal
 * arrow (no modifier, not while composing), else 0.
 * @param {KeyboardEvent} event
 * @returns {-1|0|1}
 */
export function articleStep(event) {
  if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return 0;
  return readingStep(event.key, document.documentElement.dir);
}
