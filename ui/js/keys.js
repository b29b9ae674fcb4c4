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

/**
 * Whether a key press is the letter `letter` of a shortcut: by the character
 * it types, or, when the layout types no Latin letter there (ن on the K key
 * of an Arabic layout), by the key's place on the keyboard (`code`). A layout
 * that types another Latin letter there (AZERTY's A on the Q key) is read by
 * what it types, so the shortcut follows the letter printed on the key.
 * @param {{ key: string, code: string }} event  A KeyboardEvent.
 * @param {string} letter  A lower-case Latin letter.
 * @returns {boolean}
 */
export function isLetterKey(event, letter) {
  const typed = event.key.toLowerCase();
  if (/^[a-z]$/.test(typed)) return typed === letter;
  return event.code === `Key${letter.toUpperCase()}`;
}

/**
 * Whether a key press has no modifier (Shift included) and is not part of a
 * composition: what a one-key shortcut (E, T) asks for.
 * @param {{ isComposing: boolean, altKey: boolean, ctrlKey: boolean, metaKey: boolean, shiftKey: boolean }} event
 * @returns {boolean}
 */
export function isBareKey(event) {
  return !event.isComposing && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
}

/**
 * Whether a key press opens the tag manager: a bare T (ف on an Arabic
 * layout). The caller keeps it out of text fields, as for E and /.
 * @param {KeyboardEvent|{ key: string, code: string, isComposing: boolean, altKey: boolean, ctrlKey: boolean, metaKey: boolean, shiftKey: boolean }} event
 * @returns {boolean}
 */
export function opensTagManager(event) {
  return isBareKey(event) && isLetterKey(event, 't');
}
