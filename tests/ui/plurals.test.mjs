// Counts read right in every language: Arabic's six plural forms (1, 2, 3–10,
// 11–99, 100…), French and English, in Western digits by default and in
// Arabic-Indic digits when the setting asks for them.
import assert from 'node:assert/strict';

// setLanguage writes <html lang dir> and translates static markup: a bare stand-in is enough.
globalThis.document = { documentElement: {}, querySelectorAll: () => [] };
const { setLanguage, t } = await import('../../ui/js/i18n.js');

const cases = [
  ['ar', 'latn', 0, 'لا مقالات'],
  ['ar', 'latn', 1, 'مقال واحد'],
  ['ar', 'latn', 2, 'مقالان'],
  ['ar', 'latn', 3, '3 مقالات'],
  ['ar', 'latn', 11, '11 مقالًا'],
  ['ar', 'latn', 100, '100 مقال'],
  ['ar', 'latn', 102, '102 مقال'],
  ['ar', 'arab', 3, '٣ مقالات'],
  ['ar', 'arab', 11, '١١ مقالًا'],
  ['ar', 'arab', 1000, '١٬٠٠٠ مقال'],
  ['fr', 'latn', 1, '1 article'],
  ['fr', 'latn', 2, '2 articles'],
  ['en', 'latn', 1, '1 article'],
  ['en', 'latn', 100, '100 articles'],
];

for (const [lang, digits, count, expected] of cases) {
  setLanguage(lang, digits);
  assert.equal(t('count.articles', { count }), expected, `${lang}/${digits} ${count}`);
}
assert.equal(globalThis.document.documentElement.dir, 'ltr', 'French and English lay out left to right');
setLanguage('ar', 'latn');
assert.equal(globalThis.document.documentElement.dir, 'rtl');
console.log(`plurals: ${cases.length} counts read right`);
