// The bundled interface fonts are whole and licensed: every @font-face in ui/css names files
// that exist in ui/fonts, are WOFF2, and have their SIL OFL licence beside them
// (`<Family>-OFL.txt` for `<Family>-<subset>.woff2`); every file in ui/fonts is used; and the
// font tokens start with a bundled family, so the interface never silently falls back to
// whatever the desktop has. Run by `make test-ui`; exits non-zero with the problems.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const css = new URL('../../ui/css/', import.meta.url).pathname;
const fonts = new URL('../../ui/fonts/', import.meta.url).pathname;
const problems = [];

/** The @font-face blocks of one stylesheet, with their family and source files. */
function fontFaces(file) {
  const text = readFileSync(join(css, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, body]) => ({
    file,
    family: /font-family:\s*["']?([^;"']+)/.exec(body)?.[1] ?? '',
    display: /font-display:\s*([a-z-]+)/.exec(body)?.[1] ?? '',
    range: /unicode-range:/.test(body),
    sources: [...body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => resolve(css, m[1])),
  }));
}

const faces = readdirSync(css)
  .filter((f) => f.endsWith('.css'))
  .flatMap(fontFaces);
if (faces.length === 0) problems.push('no @font-face rule in ui/css');

const used = new Set();
for (const face of faces) {
  const where = `${face.file} (${face.family})`;
  if (face.display !== 'swap') problems.push(`${where}: font-display is not swap`);
  if (!face.range) problems.push(`${where}: no unicode-range, so every script loads this file`);
  if (face.sources.length === 0) problems.push(`${where}: no src url`);
  for (const source of face.sources) {
    used.add(source);
    const name = basename(source);
    if (!existsSync(source)) {
      problems.push(`${where}: ${name} does not exist`);
      continue;
    }
    if (readFileSync(source).subarray(0, 4).toString('latin1') !== 'wOF2') {
      problems.push(`${where}: ${name} is not a WOFF2 file`);
    }
    const licence = join(dirname(source), `${name.split('-')[0]}-OFL.txt`);
    if (!existsSync(licence)) {
      problems.push(`${where}: ${name} has no licence beside it (${basename(licence)})`);
    } else if (!readFileSync(licence, 'utf8').includes('SIL Open Font License')) {
      problems.push(`${basename(licence)} is not the SIL Open Font License`);
    }
  }
}

for (const name of readdirSync(fonts).filter((f) => f.endsWith('.woff2'))) {
  if (!used.has(join(fonts, name))) problems.push(`ui/fonts/${name} is bundled but no @font-face uses it`);
}

// The tokens must reach the bundled faces first.
const families = new Set(faces.map((face) => face.family));
const tokens = readFileSync(join(css, 'tokens.css'), 'utf8');
for (const token of ['--font-ui', '--font-body']) {
  const first = new RegExp(`${token}:\\s*["']([^"']+)["']`).exec(tokens)?.[1];
  if (!first || !families.has(first)) problems.push(`${token} does not start with a bundled family (${first})`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`fonts: ${faces.length} @font-face rules, ${used.size} files, each with its licence`);
