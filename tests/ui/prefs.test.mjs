// The interface settings: each read on its own with a default (the reader's
// text size among them), and the text size steps held at the ends of its scale.
import assert from 'node:assert/strict';

/** A localStorage stand-in holding one saved settings object. */
function storageWith(saved) {
  const items = new Map([['arshif.settings', JSON.stringify(saved)]]);
  globalThis.localStorage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => items.set(key, value),
  };
}

const { loadPrefs, stepTextSize } = await import('../../ui/js/prefs.js');

const loads = [
  [{}, 'm'],
  [{ textSize: 'xl' }, 'xl'],
  [{ textSize: 'huge' }, 'm'],
  [{ textSize: 3, digits: 'arab' }, 'm'],
];
for (const [saved, expected] of loads) {
  storageWith(saved);
  assert.equal(loadPrefs().textSize, expected, JSON.stringify(saved));
}
storageWith({ textSize: 'nonsense', digits: 'arab' });
assert.equal(loadPrefs().digits, 'arab', 'one bad value does not reset the others');
storageWith({});
assert.equal(loadPrefs().digits, 'latn', 'Western digits by default');

const steps = [
  ['m', 1, 'l'],
  ['l', 1, 'xl'],
  ['xl', 1, 'xl'],
  ['m', -1, 's'],
  ['s', -1, 's'],
];
for (const [size, step, expected] of steps) {
  assert.equal(stepTextSize(size, step), expected, `${size} ${step}`);
}
console.log(`prefs: ${loads.length + 2} load cases and ${steps.length} text-size steps pass`);
