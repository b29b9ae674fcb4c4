// Query TEXT helpers for the facet panel: find the filters (`tag:"…"`,
// `from:2022` …) in what the user typed, and add or remove one. The backend
// parses the query (crates/engine/src/search/query.rs); this module only reads
// enough of the same grammar to know where each filter sits, so that toggling
// a facet edits the search box text and the box always shows the whole query.
// Nothing here builds SQL or decides what a query means.

/** @typedef {'tag'|'publication'|'lang'|'from'|'to'} FilterField */

/**
 * @typedef {Object} FoundFilter
 * @property {FilterField} field
 * @property {string} value  As typed, without its quotes.
 * @property {number} start  Index of the field name in the text.
 * @property {number} end    Index just past the value (and its closing quote).
 */

/** Field names the backend accepts, in every spelling, lower-cased. */
const FIELDS = new Map(
  /** @type {[string, FilterField][]} */ ([
    ['tag', 'tag'],
    ['tags', 'tag'],
    ['وسم', 'tag'],
    ['publication', 'publication'],
    ['pub', 'publication'],
    ['جريدة', 'publication'],
    ['جريده', 'publication'],
    ['صحيفة', 'publication'],
    ['lang', 'lang'],
    ['language', 'lang'],
    ['لغة', 'lang'],
    ['لغه', 'lang'],
    ['from', 'from'],
    ['depuis', 'from'],
    ['من', 'from'],
    ['to', 'to'],
    ['jusqu', 'to'],
    ['إلى', 'to'],
    ['الى', 'to'],
    ['الي', 'to'],
  ]),
);

/** Opening quote → its closing quote, as the backend pairs them. */
const QUOTES = new Map([
  ['"', '"'],
  ['“', '”'],
  ['”', '”'],
  ['«', '»'],
]);

/**
 * @param {string} c
 * @returns {boolean}
 */
function isSpace(c) {
  return /\s/u.test(c);
}

/**
 * The index just past a quoted run that starts after its opening quote at
 * `from`; an unclosed quote runs to the end, as in the backend.
 * @param {string} text
 * @param {number} from
 * @param {string} close
 * @returns {number}
 */
function skipQuoted(text, from, close) {
  const end = text.indexOf(close, from);
  return end === -1 ? text.length : end + 1;
}

/**
 * Every filter in a query, in order, mirroring the backend's tokenizer: quoted
 * phrases and `="…"` are skipped whole (a `tag:` inside a phrase is a word),
 * brackets stand alone and end a word, and a field name is recognised at the
 * first `:` of a word (its unquoted value runs to the next space, brackets
 * included, as in the backend).
 * @param {string} text
 * @returns {FoundFilter[]}
 */
export function scanFilters(text) {
  /** @type {FoundFilter[]} */
  const found = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (isSpace(c)) {
      i += 1;
    } else if (QUOTES.has(c)) {
      i = skipQuoted(text, i + 1, /** @type {string} */ (QUOTES.get(c)));
    } else if (c === '(' || c === ')') {
      i += 1;
    } else if (c === '=') {
      i += 1;
      const close = QUOTES.get(text[i]);
      if (close) i = skipQuoted(text, i + 1, close);
      else while (i < n && !isSpace(text[i])) i += 1;
    } else if (c === '-') {
      i += 1;
    } else {
      const start = i;
      let word = '';
      while (i < n) {
        const ch = text[i];
        if (isSpace(ch) || ch === '(' || ch === ')' || (QUOTES.has(ch) && !word.endsWith(':'))) break;
        word += ch;
        i += 1;
        if (ch !== ':') continue;
        const field = FIELDS.get(word.replace(/:+$/, '').toLowerCase());
        if (!field) continue;
        let value;
        const close = QUOTES.get(text[i]);
        if (close) {
          const valueStart = i + 1;
          i = skipQuoted(text, valueStart, close);
          value = text.slice(valueStart, text[i - 1] === close && i - 1 >= valueStart ? i - 1 : i);
        } else {
          const valueStart = i;
          while (i < n && !isSpace(text[i])) i += 1;
          value = text.slice(valueStart, i);
        }
        found.push({ field, value: value.trim(), start, end: i });
        break;
      }
    }
  }
  return found;
}

/**
 * A comparison key close to the backend's `name_key`: Arabic letter forms,
 * marks, tatweel and digits folded, Latin lower-cased and unaccented,
 * whitespace collapsed and trimmed around `/`. Used only to tell whether a
 * facet value is already filtered on.
 * @param {string} value
 * @returns {string}
 */
export function valueKey(value) {
  return String(value)
    .normalize('NFKD')
    .replace(/[\u0648\u064A\u0649]\p{M}*\u0654/gu, 'ء')
    .replace(/[\p{M}\u0640]/gu, '')
    .replace(/[\u0671\u0672\u0673\u0675]/g, 'ا')
    .replace(/[\u0649\u06CC\u06D2]/g, 'ي')
    .replace(/\u0629/g, 'ه')
    .replace(/\u06A9/g, 'ك')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase()
    .split(/\s+/u)
    .filter(Boolean)
    .join(' ')
    .split('/')
    .map((part) => part.trim())
    .join('/');
}

/**
 * A filter value as query text: quoted, since names hold spaces and slashes.
 * A value holding a straight quote goes in «…», which the backend also reads.
 * @param {string} value
 * @returns {string}
 */
export function quoteValue(value) {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes('»')) return `«${value}»`;
  return `"${value.replaceAll('"', '')}"`;
}

/**
 * One filter as query text: `tag:"أمن"`, `lang:ar`, `from:2022`.
 * @param {FilterField} field
 * @param {string} value
 * @returns {string}
 */
export function filterText(field, value) {
  const plain = /^[\p{L}\p{N}_-]+$/u.test(value) && (field === 'lang' || field === 'from' || field === 'to');
  return `${field}:${plain ? value : quoteValue(value)}`;
}

/**
 * Removes the given spans from the text, each with the whitespace before it
 * (or after it, at the very start), and a `-` stuck to its front.
 * @param {string} text
 * @param {{ start: number, end: number }[]} spans
 * @returns {string}
 */
function removeSpans(text, spans) {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    let { start, end } = span;
    if (start > 0 && out[start - 1] === '-') start -= 1;
    while (start > 0 && isSpace(out[start - 1])) start -= 1;
    if (start === 0) while (end < out.length && isSpace(out[end])) end += 1;
    out = out.slice(0, start) + out.slice(end);
  }
  return out.trim();
}

/**
 * Appends filters to a query.
 * @param {string} text
 * @param {string[]} parts
 * @returns {string}
 */
function appendParts(text, parts) {
  const base = text.trim();
  return [base, ...parts].filter(Boolean).join(' ');
}

/**
 * The year a `from:Y to:Y` pair selects, when the query's effective date range
 * is exactly one whole year; otherwise null. The backend keeps the last `from`
 * and the last `to`, so those are the ones read here.
 * @param {FoundFilter[]} filters
 * @returns {string|null}
 */
function selectedYear(filters) {
  const last = (/** @type {FilterField} */ field) => filters.filter((f) => f.field === field && f.value).pop();
  const from = last('from');
  const to = last('to');
  if (!from || !to) return null;
  const year = valueKey(from.value);
  return /^\d{4}$/.test(year) && valueKey(to.value) === year ? year : null;
}

/** @typedef {'tag'|'publication'|'lang'|'year'} FacetField */

/**
 * The filter values a query has on, per facet field, as typed.
 * @param {string} text
 * @returns {Record<FacetField, string[]>}
 */
export function activeFilters(text) {
  const filters = scanFilters(text);
  const values = (/** @type {FilterField} */ field) =>
    filters.filter((f) => f.field === field && f.value).map((f) => f.value);
  const year = selectedYear(filters);
  return {
    tag: values('tag'),
    publication: values('publication'),
    lang: values('lang'),
    year: year ? [year] : [],
  };
}

/**
 * Whether `value` of `field` is filtered on in the query.
 * @param {string} text
 * @param {FacetField} field
 * @param {string} value
 * @returns {boolean}
 */
export function isFilterActive(text, field, value) {
  const key = valueKey(value);
  return activeFilters(text)[field].some((candidate) => valueKey(candidate) === key);
}

/**
 * The query with one facet value switched on or off. A tag, publication or
 * language is added at the end (` tag:"أمن"`) or removed wherever it was
 * typed. A year replaces any date range with `from:Y to:Y`, or, when that year
 * is the range, removes the range.
 * @param {string} text
 * @param {FacetField} field
 * @param {string} value
 * @returns {string}
 */
export function toggleFilter(text, field, value) {
  const filters = scanFilters(text);
  if (field === 'year') {
    const year = valueKey(value);
    const dates = filters.filter((f) => f.field === 'from' || f.field === 'to');
    const without = removeSpans(text, dates);
    if (selectedYear(filters) === year) return without;
    return appendParts(without, [filterText('from', year), filterText('to', year)]);
  }
  const key = valueKey(value);
  const matching = filters.filter((f) => f.field === field && valueKey(f.value) === key);
  if (matching.length) return removeSpans(text, matching);
  return appendParts(text, [filterText(field, value)]);
}

/**
 * The first `from:`/`to:` value that is not a date the backend reads (a year,
 * a month or a day), for a precise message when a search is refused.
 * @param {string} text
 * @returns {string|null}
 */
export function badDateValue(text) {
  for (const filter of scanFilters(text)) {
    if ((filter.field !== 'from' && filter.field !== 'to') || !filter.value) continue;
    if (!isDate(valueKey(filter.value))) return filter.value;
  }
  return null;
}

/**
 * `2022`, `2022-08` or `2022-08-10` (also with `/`), with a real month and day.
 * @param {string} value
 * @returns {boolean}
 */
function isDate(value) {
  const match = /^(\d{4})(?:[-/](\d{2})(?:[-/](\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  const days = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return d >= 1 && d <= days;
}
