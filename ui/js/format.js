// Dates, numbers, sizes, snippets and error texts in the interface language.
// Every formatter is rebuilt from `locale()` on each call, so a change of
// language or digits shows up at the next render without any cache to clear.

import { locale, t } from './i18n.js';

/** Private-use characters that the search engine puts around highlighted words. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/**
 * A number in the interface's digits.
 * @param {number} value
 * @returns {string}
 */
export function formatNumber(value) {
  return new Intl.NumberFormat(locale()).format(value);
}

/**
 * A calendar date (`YYYY-MM-DD`, no time zone) in the interface language.
 * Returns null when the text is not such a date.
 * @param {string|null|undefined} iso
 * @param {'long'|'medium'} [style]
 * @returns {string|null}
 */
export function formatDate(iso, style = 'long') {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // The date is a calendar day, not an instant: format it in UTC so no
  // local time zone can move it to the day before.
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: style,
    timeZone: 'UTC',
    calendar: 'gregory',
  }).format(utc);
}

/**
 * An instant (RFC 3339) as a local date and time.
 * @param {string|null|undefined} stamp
 * @returns {string|null}
 */
export function formatDateTime(stamp) {
  if (!stamp) return null;
  const when = new Date(stamp);
  if (Number.isNaN(when.getTime())) return null;
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'long',
    timeStyle: 'short',
    calendar: 'gregory',
  }).format(when);
}

/**
 * A byte count as B, kB or MB.
 * @param {number} bytes
 * @returns {string}
 */
export function formatSize(bytes) {
  const units = /** @type {const} */ ([
    ['megabyte', 1e6],
    ['kilobyte', 1e3],
  ]);
  for (const [unit, size] of units) {
    if (bytes >= size) {
      return new Intl.NumberFormat(locale(), {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(bytes / size);
    }
  }
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
}

/**
 * A language tag's name in the interface language (`ar-MA` → "العربية (المغرب)").
 * @param {string|null|undefined} tag
 * @returns {string|null}
 */
export function languageName(tag) {
  if (!tag) return null;
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * Splits a search snippet into plain and highlighted runs. An unmatched start
 * mark highlights to the end; a stray end mark is dropped.
 * @param {string} snippet
 * @returns {{ text: string, marked: boolean }[]}
 */
export function snippetRuns(snippet) {
  /** @type {{ text: string, marked: boolean }[]} */
  const runs = [];
  let marked = false;
  let text = '';
  const flush = () => {
    if (text) runs.push({ text, marked });
    text = '';
  };
  for (const ch of String(snippet ?? '')) {
    if (ch === MARK_START) {
      flush();
      marked = true;
    } else if (ch === MARK_END) {
      flush();
      marked = false;
    } else {
      text += ch;
    }
  }
  flush();
  return runs;
}

/**
 * The body's paragraphs: one per non-blank line (blank lines and lines of
 * spaces or no-break spaces only separate paragraphs).
 * @param {string} body
 * @returns {string[]}
 */
export function paragraphs(body) {
  return String(body ?? '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Codes the backend may send for a failed command. */
const ERROR_CODES = new Set([
  'not_found',
  'invalid_input',
  'tag_exists',
  'merge_into_descendant',
  'database',
  'newer_database',
  'io',
  'busy',
  'bad_query',
  'internal',
  'not_an_archive',
  'corrupt_database',
  'unsafe_archive',
  'disk_full',
  'read_only',
  'no_permission',
  'import_running',
  'export_running',
  'cancelled',
  'nothing_to_export',
  'pdf_typesetting',
  'not_granted',
  'archive_busy',
  'archive_missing',
  'archive_exists',
  'cannot_show_folder',
]);

/** Codes the importer may give for one failed file. */
const FAILURE_CODES = new Set([
  'empty_file',
  'binary_file',
  'unknown_encoding',
  'too_large',
  'unreadable',
  'unsupported_type',
  'no_text',
  'corrupt_document',
  'encrypted_document',
  'expands_too_large',
  'too_complex',
  'invalid_json',
]);

/**
 * The user-facing sentence for an error. The backend's message is never shown:
 * it is for developers and may hold SQL.
 * @param {unknown} error
 * @returns {string}
 */
export function errorText(error) {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  return ERROR_CODES.has(code) ? t(`error.${code}`) : t('error.generic');
}

/**
 * The sentence for one file that failed to import: the translated code, or
 * the importer's English reason when the code is new to this interface.
 * @param {{ code?: string, reason?: string }} failure
 * @returns {string}
 */
export function failureText(failure) {
  const code = String(failure.code ?? '');
  if (FAILURE_CODES.has(code)) return t(`failure.${code}`);
  if (ERROR_CODES.has(code)) return t(`error.${code}`);
  return failure.reason || t('error.generic');
}

/** Tag colours the stylesheet knows, with their hue for matching `#rrggbb` values. */
const TAG_HUES = /** @type {[string, number][]} */ ([
  ['red', 5],
  ['amber', 38],
  ['green', 130],
  ['teal', 175],
  ['blue', 215],
  ['violet', 270],
  ['rose', 330],
]);

/**
 * The colours the tag manager offers, as stored (`#rrggbb`, what the engine
 * accepts), each one the stylesheet's named colour of the same hue.
 */
export const TAG_PALETTE = /** @type {[string, string][]} */ ([
  ['red', '#c0392b'],
  ['amber', '#b7791f'],
  ['green', '#2e8b3d'],
  ['teal', '#1a8a80'],
  ['blue', '#2b6cb0'],
  ['violet', '#6b46c1'],
  ['rose', '#b83280'],
]);

/**
 * Maps a stored tag colour to one of the stylesheet's named tag colours, since
 * the CSP forbids setting a colour from JavaScript. Accepts a palette name or a
 * `#rgb`/`#rrggbb` value (matched to the nearest hue); anything else is neutral.
 * @param {string|null|undefined} colour
 * @returns {string|null}
 */
export function tagColour(colour) {
  if (!colour) return null;
  const value = colour.trim().toLowerCase();
  if (TAG_HUES.some(([name]) => name === value)) return value;
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
  if (!hex) return null;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 0.08) return null; // Greys stay neutral.
  let hue;
  if (max === r) hue = ((g - b) / (max - min)) * 60;
  else if (max === g) hue = ((b - r) / (max - min)) * 60 + 120;
  else hue = ((r - g) / (max - min)) * 60 + 240;
  hue = (hue + 360) % 360;
  let best = TAG_HUES[0];
  let bestDistance = 360;
  for (const candidate of TAG_HUES) {
    const d = Math.abs(candidate[1] - hue);
    const distance = Math.min(d, 360 - d);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best[0];
}
