// The horizontal arrows follow reading direction: in Arabic (rtl) ArrowLeft
// opens the next article, in French and English (ltr) ArrowRight does.
import assert from 'node:assert/strict';
import { readingStep } from '../../ui/js/keys.js';

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
console.log(`keys: ${cases.length} reading-direction cases pass`);
