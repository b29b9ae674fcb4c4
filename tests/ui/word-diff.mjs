// The comparison view's word diff (ui/js/views/duplicates.js): words in only one text are
// marked, the common sequence is not, and the pieces give each text back unchanged.
// Run by hand or from `make test`: node tests/ui/word-diff.mjs
globalThis.document = { documentElement: { setAttribute() {}, lang: 'ar', dir: 'rtl' } };
globalThis.window = {};
const { wordDiff } = await import('../../ui/js/views/duplicates.js');

const cases = [
  // [a, b, words only in a, words only in b]
  ['قال الوزير أمس', 'قال الوزير أمس', [], []],
  ['قال الوزير أمس في الرباط', 'قال الوزير في الرباط اليوم', ['أمس'], ['اليوم']],
  ['', 'نص جديد', [], ['نص', 'جديد']],
  ['a b c d', 'a x c d', ['b'], ['x']],
];
let failed = 0;
for (const [a, b, onlyA, onlyB] of cases) {
  const [da, db] = wordDiff(a, b);
  const marked = (d) => d.filter((p) => !p.same).map((p) => p.text);
  const ok =
    da.map((p) => p.text).join('') === a &&
    db.map((p) => p.text).join('') === b &&
    JSON.stringify(marked(da)) === JSON.stringify(onlyA) &&
    JSON.stringify(marked(db)) === JSON.stringify(onlyB);
  if (!ok) {
    failed++;
    console.error('wordDiff', JSON.stringify([a, b]), JSON.stringify([marked(da), marked(db)]));
  }
}
if (failed) process.exit(1);
console.log(`word diff: ${cases.length} cases`);
