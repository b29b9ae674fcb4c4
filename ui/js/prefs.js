// The interface settings kept in localStorage: language, theme, digits, the
// library's sort order, the order of search results and the reader's text size. Nothing here reaches the archive database.

import { isLang } from './i18n.js';

const STORAGE_KEY = 'arshif.settings';

/** @typedef {'light'|'dark'|'system'} Theme */
/** @typedef {'imported_desc'|'imported_asc'|'date_desc'|'date_asc'|'title_asc'} SortChoice */

/**
 * @typedef {Object} Prefs
 * @property {import('./i18n.js').Lang} language
 * @property {Theme} theme
 * @property {import('./i18n.js').Digits} digits
 * @property {SortChoice} sort
 * @property {import('./api.js').SearchSort} searchSort
 * @property {TextSize} textSize  The reader's text size.
 */

/** @typedef {'s'|'m'|'l'|'xl'} TextSize */

/** The reader's text sizes, smallest first (app.css gives each its font size). */
export const TEXT_SIZES = /** @type {const} */ (['s', 'm', 'l', 'xl']);

/** The sort choices offered in the list toolbar, in menu order. */
export const SORT_CHOICES = /** @type {const} */ ([
  'imported_desc',
  'imported_asc',
  'date_desc',
  'date_asc',
  'title_asc',
]);

/** The orders offered while a search is active, in menu order. */
export const SEARCH_SORTS = /** @type {const} */ (['relevance', 'newest', 'oldest']);

/** @type {Prefs} */
const DEFAULTS = {
  language: 'ar',
  theme: 'system',
  digits: 'latn',
  sort: 'imported_desc',
  searchSort: 'relevance',
  textSize: 'm',
};

/**
 * The saved settings, each checked and defaulted on its own so one bad value
 * (an old version, a hand edit) never resets the others.
 * @returns {Prefs}
 */
export function loadPrefs() {
  /** @type {Record<string, unknown>} */
  let saved = {};
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object') saved = parsed;
  } catch {
    saved = {};
  }
  const theme = saved.theme;
  const sort = saved.sort;
  return {
    language: isLang(saved.language) ? saved.language : DEFAULTS.language,
    theme: theme === 'light' || theme === 'dark' || theme === 'system' ? theme : DEFAULTS.theme,
    digits: saved.digits === 'arab' ? 'arab' : 'latn',
    sort: SORT_CHOICES.includes(/** @type {any} */ (sort)) ? /** @type {SortChoice} */ (sort) : DEFAULTS.sort,
    searchSort: SEARCH_SORTS.includes(/** @type {any} */ (saved.searchSort))
      ? /** @type {import('./api.js').SearchSort} */ (saved.searchSort)
      : DEFAULTS.searchSort,
    textSize: TEXT_SIZES.includes(/** @type {any} */ (saved.textSize))
      ? /** @type {TextSize} */ (saved.textSize)
      : DEFAULTS.textSize,
  };
}

/**
 * Saves the settings. A full or disabled storage only loses persistence.
 * @param {Prefs} prefs
 */
export function savePrefs(prefs) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
  } catch (error) {
    console.warn('Settings could not be saved', error);
  }
}

/**
 * Sets the theme on `<html data-theme>`; tokens.css holds the colours.
 * @param {Theme} theme
 */
export function applyTheme(theme) {
  document.documentElement.setAttribute('data-theme', theme);
}

/**
 * The list_articles sort parameters for a menu choice.
 * @param {SortChoice} choice
 * @returns {{ sort: import('./api.js').SortKey, descending: boolean }}
 */
export function sortParams(choice) {
  const [sort, direction] = choice.split('_');
  return { sort: /** @type {import('./api.js').SortKey} */ (sort), descending: direction === 'desc' };
}

/**
 * The text size one step smaller (-1) or larger (1), held at the ends.
 * @param {TextSize} size
 * @param {-1|1} step
 * @returns {TextSize}
 */
export function stepTextSize(size, step) {
  const at = Math.max(0, TEXT_SIZES.indexOf(size));
  return TEXT_SIZES[Math.max(0, Math.min(TEXT_SIZES.length - 1, at + step))];
}
