// Text contrast from the design tokens: every text colour reaches WCAG AA
// (4.5:1) on every surface it is drawn on, in the light theme, the dark theme
// and the dark set the system theme repeats (which must equal the dark one).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../ui/css/tokens.css', import.meta.url), 'utf8');

/** The `--name: #rrggbb` declarations of the first block opened by `selector`. */
function tokens(selector) {
  const start = css.indexOf('{', css.indexOf(selector));
  let depth = 0;
  let end = start;
  for (; end < css.length; end += 1) {
    if (css[end] === '{') depth += 1;
    if (css[end] === '}' && --depth === 0) break;
  }
  const found = {};
  for (const [, name, hex] of css.slice(start, end).matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/gi)) {
    found[name] = hex;
  }
  return found;
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const SURFACES = ['canvas', 'sidebar', 'surface', 'paper', 'raised', 'hover', 'selected', 'accent-soft'];
/** [text colour, the surfaces it sits on] */
const PAIRS = [
  ['color-text', SURFACES],
  ['color-text-muted', SURFACES],
  ['color-text-faint', SURFACES],
  ['color-accent-text', SURFACES],
  ['color-danger', [...SURFACES, 'danger-soft']],
  ['color-success', SURFACES],
  ['color-accent-contrast', ['accent', 'accent-hover', 'danger', 'danger-hover']],
  ['color-mark-text', ['mark-bg']],
  ...['neutral', 'red', 'amber', 'green', 'teal', 'blue', 'violet', 'rose'].map((c) => [`tag-${c}-text`, [`tag-${c}-bg`]]),
];

const themes = {
  light: tokens(':root,\n[data-theme="light"]'),
  dark: tokens('[data-theme="dark"] {'),
  system: tokens('[data-theme="system"] {'),
};
assert.deepEqual(themes.system, themes.dark, 'the system dark set repeats the dark theme');

const failures = [];
for (const [theme, set] of Object.entries(themes)) {
  for (const [text, surfaces] of PAIRS) {
    for (const surface of surfaces) {
      const name = surface.startsWith('tag-') ? surface : `color-${surface}`;
      assert.ok(set[text] && set[name], `${theme}: ${text} or ${name} missing`);
      const ratio = contrast(set[text], set[name]);
      if (ratio < 4.5) failures.push(`${theme}: ${text} on ${name} is ${ratio.toFixed(2)}:1`);
    }
  }
}
assert.deepEqual(failures, [], 'text below WCAG AA');
console.log('contrast: ok');
