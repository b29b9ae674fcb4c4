// Imported articles must never become markup in the webview. The interface builds every node
// with createElement/createTextNode (ui/js/dom.js); this check fails the build if any script in
// ui/js hands non-constant data to an HTML sink (innerHTML, outerHTML, insertAdjacentHTML,
// document.write, createContextualFragment, DOMParser, srcdoc, setHTMLUnsafe) or to a code sink
// (eval, new Function, a string to setTimeout/setInterval), or sets a link or source from data
// (a `javascript:` URL in an article would run on click).
//
// Run: node tests/ui/no-html-sinks.mjs (part of `make test-ui`). The checker checks itself
// first on a table of snippets, so it cannot silently stop finding anything.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The source with comments removed and, unless `keepStrings`, the contents of string and
 * template literals replaced by spaces (newlines kept, so line numbers stay right). `${…}`
 * inside a template stays code. A literal keeps its quotes, so `'…'` still reads as a constant.
 * @param {string} source
 * @param {boolean} [keepStrings]
 * @returns {string}
 */
export function codeOnly(source, keepStrings = false) {
  let out = '';
  let i = 0;
  /** @type {number[]} brace depth at which each open template's `${` started */
  const templates = [];
  let depth = 0;
  const blank = (/** @type {string} */ c) => (c === '\n' || keepStrings ? c : ' ');
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (; i < stop; i++) out += blank(source[i]);
    } else if (c === '"' || c === "'") {
      out += c;
      i++;
      while (i < source.length && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') {
          out += blank('\\');
          i++;
        }
        out += blank(source[i] ?? '');
        i++;
      }
      out += c;
      i++;
    } else if (c === '`' || (c === '}' && templates.length && templates[templates.length - 1] === depth)) {
      if (c === '}') templates.pop();
      out += '`';
      i++;
      while (i < source.length && source[i] !== '`') {
        if (source[i] === '\\') {
          out += blank('\\');
          i++;
        } else if (source[i] === '$' && source[i + 1] === '{') {
          break;
        }
        out += blank(source[i] ?? '');
        i++;
      }
      if (source[i] === '$') {
        // A `${` opens code: remember where its closing brace is expected.
        out += '${';
        i += 2;
        templates.push(depth);
      } else {
        out += '`';
        i++;
      }
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

/** A literal that holds no data: '…', "…" or a template without `${`. */
const CONSTANT = String.raw`\s*(?:'[^'\n]*'|"[^"\n]*"|\x60[^\x60$]*\x60)\s*(?:[;,)\n]|$)`;

/**
 * Each rule: a name, a pattern matching a use of the sink that is not a constant, and whether
 * it reads string contents (attribute names are strings: `setAttribute('srcdoc', …)`).
 */
const RULES = [
  ['innerHTML/outerHTML assignment', new RegExp(String.raw`\.(?:inner|outer)HTML\s*\+?=(?!=)(?!${CONSTANT})`)],
  ['insertAdjacentHTML', new RegExp(String.raw`\binsertAdjacentHTML\s*\(\s*[^,]*,(?!${CONSTANT})`)],
  ['document.write', new RegExp(String.raw`\bdocument\s*\.\s*write(?:ln)?\s*\((?!${CONSTANT})`)],
  ['createContextualFragment', /\bcreateContextualFragment\s*\(/],
  ['DOMParser', /\bDOMParser\b/],
  ['setHTMLUnsafe / parseHTMLUnsafe', /\b(?:setHTMLUnsafe|parseHTMLUnsafe)\b/],
  ['srcdoc', /\bsrcdoc\b/, true],
  ['eval', /(?<![.\w])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['string to setTimeout/setInterval', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
  ['href/src/action from data', new RegExp(String.raw`(?:\b(?:href|src|action|formaction)\s*:|setAttribute\s*\(\s*['"](?:href|src|action|formaction)['"]\s*,)(?!${CONSTANT})`), true],
];

/**
 * The rule names a source breaks, with line numbers.
 * @param {string} source
 * @returns {string[]}
 */
export function findings(source) {
  const views = [codeOnly(source).split('\n'), codeOnly(source, true).split('\n')];
  const found = [];
  for (const [name, pattern, strings] of RULES) {
    views[strings ? 1 : 0].forEach((line, index) => {
      if (pattern.test(line)) found.push(`${index + 1}: ${name}`);
    });
  }
  return found;
}

// The checker's own table: snippets, and whether each must be flagged.
const SELF_TEST = [
  ['el.innerHTML = article.body;', true],
  ['el.innerHTML = `<p>${article.title}</p>`;', true],
  ['el.innerHTML += row;', true],
  ["el.innerHTML = '';", false],
  ['el.outerHTML = html;', true],
  ["el.insertAdjacentHTML('beforeend', snippet);", true],
  ["el.insertAdjacentHTML('beforeend', '<hr>');", false],
  ['document.write(text);', true],
  ['range.createContextualFragment(html);', true],
  ['new DOMParser().parseFromString(html, "text/html");', true],
  ["frame.setAttribute('srcdoc', page);", true],
  ['eval(code);', true],
  ['const f = new Function(body);', true],
  ["setTimeout('run()', 10);", true],
  ['setTimeout(() => run(), 10);', false],
  ["h('a', { href: article.url }, title);", true],
  ["h('img', { src: 'img/no-results.svg', alt: '' });", false],
  ["a.setAttribute('href', url);", true],
  ['el.textContent = article.body;', false],
  ['// el.innerHTML = article.body; (a comment)', false],
  ["const message = 'never use innerHTML = x';", false],
  ['const t = `${a} innerHTML = ${b}`;', false],
  ['if (el.innerHTML === other) {}', false],
];

let failed = 0;
for (const [snippet, flagged] of SELF_TEST) {
  if ((findings(snippet).length > 0) !== flagged) {
    console.error(`self-test: ${flagged ? 'missed' : 'wrongly flagged'}: ${snippet}`);
    failed++;
  }
}

/** @param {string} dir @returns {string[]} */
function scripts(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scripts(path);
    return /\.(?:m?js)$/.test(name) ? [path] : [];
  });
}

const files = scripts(join(root, 'ui'));
for (const file of files) {
  for (const finding of findings(readFileSync(file, 'utf8'))) {
    console.error(`${relative(root, file)}:${finding}`);
    failed++;
  }
}
// Inline handlers in the page itself would be blocked by the CSP, but should not be written.
const page = readFileSync(join(root, 'ui/index.html'), 'utf8');
for (const match of page.matchAll(/\son[a-z]+\s*=|<script(?![^>]*\bsrc=)[^>]*>/gi)) {
  console.error(`ui/index.html: inline script or handler: ${match[0].trim()}`);
  failed++;
}

if (failed) {
  console.error(`${failed} problem(s): article data must reach the page as text (see docs/SECURITY.md).`);
  process.exit(1);
}
console.log(`no HTML or code sinks fed with data in ${files.length} scripts; ${SELF_TEST.length} self-test cases pass`);
