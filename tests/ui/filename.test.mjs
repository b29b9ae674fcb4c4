// Default file names for exports and backups: safe on every desktop, readable in
// the interface language. Run by `make test-ui` (node tests/ui/filename.test.mjs).
import assert from 'node:assert/strict';
import { backupFileName, exportFileName, sanitizeFileName } from '../../ui/js/filename.js';

/** @param {[string, string][]} cases */
function check(cases, fn) {
  for (const [input, expected] of cases) assert.equal(fn(input), expected, JSON.stringify(input));
}

check(
  [
    ['الشرطة', 'الشرطة'],
    ['وسم:"أمن/تعاون دولي"', 'وسم أمن تعاون دولي'],
    ['from:2022 to:2022-08', 'from 2022 to 2022-08'],
    ['a\\b|c?d*e<f>g', 'a b c d e f g'],
    ['  ..hidden..  ', 'hidden'],
    ['\u202Egnp.exe', 'gnp.exe'],
    ['line\nbreak\ttab', 'line break tab'],
    ['///', 'Arshif'],
    ['', 'Arshif'],
    ['CON', 'Arshif'],
    ['ا'.repeat(300), 'ا'.repeat(120)],
    // A long name never ends in half of a character outside the BMP.
    ['😀'.repeat(200), '😀'.repeat(120)],
  ],
  (input) => sanitizeFileName(input),
);

check(
  [
    ['الشرطة', 'أرشيف - الشرطة - 2026-11-29.pdf'],
    ['مقالات محددة', 'أرشيف - مقالات محددة - 2026-11-29.pdf'],
    ['???', 'أرشيف - 2026-11-29.pdf'],
  ],
  (subject) => exportFileName({ app: 'أرشيف', subject, date: '2026-11-29', extension: 'pdf' }),
);
assert.equal(
  exportFileName({ app: 'Arshif', subject: 'tag:"sécurité"', date: '2026-11-29', extension: 'csv' }),
  'Arshif - tag sécurité - 2026-11-29.csv',
);

assert.equal(backupFileName('أرشيف نسخة احتياطية', '2026-11-29'), 'أرشيف-نسخة-احتياطية-2026-11-29.arshif');
assert.equal(backupFileName('Arshif backup', '2026-11-29'), 'Arshif-backup-2026-11-29.arshif');

console.log('filename: all cases pass');
