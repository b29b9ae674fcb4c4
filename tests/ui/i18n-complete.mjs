// Every interface string exists in Arabic, French and English, and every key the HTML or the
// scripts ask for exists: a missing translation would show a raw key to an archivist.
// Run by `make test` (node tests/ui/i18n-complete.mjs); exits non-zero with the missing keys.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// i18n.js reads `document` only when it applies translations, not on import.
globalThis.document = { documentElement: { setAttribute() {}, lang: 'ar', dir: 'rtl' } };
const { dictionaryKeys } = await import('../../ui/js/i18n.js');

const keys = dictionaryKeys();
const problems = [];
for (const lang of ['fr', 'en']) {
  const missing = keys.ar.filter((key) => !keys[lang].includes(key));
  const extra = keys[lang].filter((key) => !keys.ar.includes(key));
  if (missing.length) problems.push(`${lang} lacks: ${missing.join(', ')}`);
  if (extra.length) problems.push(`${lang} has keys Arabic lacks: ${extra.join(', ')}`);
}

// Keys named literally in the markup.
const html = readFileSync(new URL('../../ui/index.html', import.meta.url), 'utf8');
const used = new Set([...html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((m) => m[1]));
// Keys named literally in scripts: t('key') and t("key").
const scripts = join(new URL('../../ui/js', import.meta.url).pathname);
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
for (const file of files(scripts).filter((f) => f.endsWith('.js'))) {
  for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
    used.add(match[1]);
  }
}
const unknown = [...used].filter((key) => !keys.ar.includes(key));
if (unknown.length) problems.push(`used but not translated: ${unknown.join(', ')}`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n: ${keys.ar.length} keys in ar, fr and en; ${used.size} literal uses all translated`);
