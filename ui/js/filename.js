// Default file names for exports and backups. Pure functions (no DOM, no
// i18n): the callers pass translated words, and tests/ui/filename.test.mjs
// runs them under node.

/** The longest name offered, in characters, before the extension. */
const MAX_NAME = 120;

/**
 * Characters no file name may hold on Windows, macOS or Linux (`/ \ : * ? " < > |`),
 * C0 and C1 controls, and the invisible bidi controls, which would let a name
 * display in another order than its characters (RLO tricks).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * Makes `text` safe as a file name (without its extension): forbidden characters
 * become spaces, runs of spaces one space, no leading or trailing dots or spaces,
 * at most MAX_NAME characters (whole characters: never half a surrogate pair).
 * Returns `fallback` when nothing is left.
 * @param {string} text
 * @param {string} [fallback]
 * @returns {string}
 */
export function sanitizeFileName(text, fallback = 'Arshif') {
  let name = String(text ?? '')
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  name = Array.from(name).slice(0, MAX_NAME).join('');
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  if (name === '' || RESERVED.test(name)) return fallback;
  return name;
}

/**
 * `<app> - <subject> - <date>.<extension>`, e.g. `أرشيف - الشرطة - 2026-11-29.pdf`.
 * @param {{ app: string, subject: string, date: string, extension: string }} parts
 * @returns {string}
 */
export function exportFileName(parts) {
  const subject = sanitizeFileName(parts.subject, '');
  const words = [parts.app, subject, parts.date].filter((part) => part !== '');
  return `${sanitizeFileName(words.join(' - '), parts.app)}.${parts.extension}`;
}

/**
 * `<words joined by hyphens>-<date>.arshif`, e.g. `أرشيف-نسخة-احتياطية-2026-11-29.arshif`.
 * @param {string} words  The translated "Arshif backup".
 * @param {string} date
 * @returns {string}
 */
export function backupFileName(words, date) {
  const joined = sanitizeFileName(words, 'Arshif').replace(/ /g, '-');
  return `${sanitizeFileName(`${joined}-${date}`)}.arshif`;
}
