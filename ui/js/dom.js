// Tiny DOM helpers. Everything that puts text on the page goes through
// createTextNode or textContent: imported articles are user content, and this
// module is the one place that decides how nodes are made, so innerHTML never
// appears anywhere in the interface.

/**
 * @typedef {Node | string | number | null | undefined | false} Child
 *   Strings and numbers become text nodes; null, undefined and false are skipped.
 */

/**
 * @typedef {Object<string, unknown>} Attrs
 *   Plain attributes (`class`, `dir`, `data-testid`, `aria-*` …) are set with
 *   setAttribute; `true` sets an empty boolean attribute, `false`/null/undefined
 *   skip it. `on` is an object of event listeners. `text` sets textContent.
 *   `style` is refused: the Content Security Policy forbids inline styles.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Applies attributes and children to an element.
 * @param {Element} el
 * @param {Attrs | null | undefined} attrs
 * @param {(Child | Child[])[]} children
 * @returns {Element}
 */
function fill(el, attrs, children) {
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'style') {
        throw new Error('Inline styles are forbidden by the CSP: use a class or a data attribute.');
      }
      if (name === 'on') {
        for (const [type, listener] of Object.entries(/** @type {Object<string, EventListener>} */ (value))) {
          el.addEventListener(type, listener);
        }
      } else if (name === 'text') {
        el.textContent = String(value);
      } else {
        el.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(el, ...children);
  return el;
}

/**
 * Appends children, turning strings and numbers into text nodes.
 * @param {Node} parent
 * @param {...(Child | Child[])} children
 */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Builds an HTML element: `h('p', { dir: 'auto' }, text)`.
 * @param {string} tag
 * @param {Attrs | null} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  return /** @type {HTMLElement} */ (fill(document.createElement(tag), attrs, children));
}

/**
 * Builds an SVG element (icons are drawn from path data, never parsed markup).
 * @param {string} tag
 * @param {Attrs | null} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs, ...children) {
  return /** @type {SVGElement} */ (fill(document.createElementNS(SVG_NS, tag), attrs, children));
}

/**
 * A text element for user content: `dir="auto"` so each value finds its own
 * direction, whatever the interface language is.
 * @param {string} tag
 * @param {string} text
 * @param {Attrs | null} [attrs]
 * @returns {HTMLElement}
 */
export function userText(tag, text, attrs) {
  return h(tag, { dir: 'auto', ...attrs }, text);
}

/**
 * Makes `nodes` the children of `parent`, in that order, without detaching a
 * node that is already in place: a pointer pressed on it keeps its click
 * (WebKit drops a click whose pressed node left the document before the
 * release), and focus and selection inside it survive. Nodes not wanted are
 * removed; new or out-of-order ones are inserted where they belong.
 * @param {Node} parent
 * @param {Node[]} nodes
 */
export function placeInOrder(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of Array.from(parent.childNodes)) {
    if (!wanted.has(child)) parent.removeChild(child);
  }
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
    } else {
      parent.insertBefore(node, cursor);
    }
  }
}

/**
 * Replaces every child of `parent`.
 * @param {Element} parent
 * @param {...(Child | Child[])} children
 */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, ...children);
}

/**
 * The first element matching a `data-testid` or other selector; throws when the
 * page is missing it, so a broken index.html fails loudly at start-up.
 * @template {Element} [T=HTMLElement]
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {T}
 */
export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`Missing element: ${selector}`);
  return /** @type {T} */ (el);
}

/**
 * Puts a muted middle dot between parts of a metadata line. The dot is hidden
 * from screen readers, which pause between the parts anyway.
 * @param {Node[]} parts
 * @returns {Node[]}
 */
export function withSeparators(parts) {
  return parts.flatMap((part, i) =>
    i ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'), part] : [part],
  );
}

/**
 * The base name of a path, for either separator.
 * @param {string} path
 * @returns {string}
 */
export function baseName(path) {
  const parts = String(path).split(/[\\/]/);
  return parts[parts.length - 1] || String(path);
}
