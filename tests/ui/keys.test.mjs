// The horizontal arrows follow reading direction: in Arabic (rtl) ArrowLeft
// opens the next article, in French and English (ltr) ArrowRight does. Letter
// shortcuts work on an Arabic layout (by the key's place) and follow the
// letter a Latin layout types.
import assert from 'node:assert/strict';
import { isLetterKey, opensTagManager, readingStep } from '../../ui/js/keys.js';

const cases = [
  ['ArrowLeft', 'rtl', 1],
  ['ArrowRight', 'rtl', -1],
  ['ArrowRight', 'ltr', 1],
  ['ArrowLeft', 'ltr', -1],
  ['ArrowDown', 'rtl', 0],
  ['Enter', 'ltr', 0],
];

for (const [key, dir, expected] of cases) {
  assert.equal(readingStep(key, dir), expected, `${key} in ${dir}`);
}

/** A key press with no modifier unless `extra` says so. */
const press = (key, code, extra = {}) => ({
  key,
  code,
  isComposing: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...extra,
});

const letters = [
  // [key, code, letter, expected]
  ['k', 'KeyK', 'k', true],
  ['K', 'KeyK', 'k', true],
  // Arabic layout: the K key types ن, the E key ث, the T key ف.
  ['ن', 'KeyK', 'k', true],
  ['ث', 'KeyE', 'e', true],
  ['ف', 'KeyT', 't', true],
  // AZERTY types A on the Q key: the shortcut follows the letter typed.
  ['a', 'KeyQ', 'a', true],
  ['q', 'KeyA', 'a', false],
  ['e', 'KeyE', 't', false],
  ['ف', 'KeyY', 't', false],
];
for (const [key, code, letter, expected] of letters) {
  assert.equal(isLetterKey(press(key, code), letter), expected, `${key} ${code} as ${letter}`);
}

const tagManager = [
  [press('t', 'KeyT'), true],
  [press('ف', 'KeyT'), true],
  [press('T', 'KeyT', { shiftKey: true }), false],
  [press('t', 'KeyT', { ctrlKey: true }), false],
  [press('t', 'KeyT', { altKey: true }), false],
  [press('t', 'KeyT', { metaKey: true }), false],
  [press('t', 'KeyT', { isComposing: true }), false],
  [press('e', 'KeyE'), false],
];
for (const [event, expected] of tagManager) {
  assert.equal(opensTagManager(event), expected, JSON.stringify(event));
}
console.log(`keys: ${cases.length} reading-direction, ${letters.length} letter and ${tagManager.length} tag-manager cases pass`);
