// The tag manager's pure logic, kept apart from the DOM so tests/ui can check
// it: the tree of tags by path, and what a manager action does to the tag
// names a list row already shows (the engine's rules, restated for display),
// and the search that follows a renamed or merged tag.

import { quoteValue, scanFilters } from './query.js';

/**
 * @typedef {{ name: string, colour: string|null, count: number, total: number }} TagInfo
 *   `count`: articles carrying the tag itself; `total`: carrying it or a tag
 *   below it, each once (the engine counts both).
 * @typedef {{
 *   path: string,
 *   leaf: string,
 *   tag: TagInfo|null,
 *   total: number|null,
 *   children: TagNode[],
 * }} TagNode
 *   `tag` is null for a path segment that is no tag of its own ("أمن" when only
 *   "أمن/تعاون دولي" exists); `total` is the subtree's article count, null
 *   when the engine gave none.
 * @typedef {{ kind: 'create', name: string }
 *   | { kind: 'rename', from: string, to: string }
 *   | { kind: 'merge', from: string, into: string }
 *   | { kind: 'colour', name: string }
 *   | { kind: 'delete', name: string }} TagChange
 */

/**
 * Builds the tree of tags by path, children in the order `compare` gives.
 * @param {TagInfo[]} tags
 * @param {(a: string, b: string) => number} compare
 * @param {{ name: string, total: number }[]} [parents]  The totals of the
 *   path-only parents (`listTagParents`).
 * @returns {TagNode[]}
 */
export function buildTagTree(tags, compare, parents = []) {
  /** @type {TagNode[]} */
  const roots = [];
  /** @type {Map<string, TagNode>} */
  const nodes = new Map();
  /**
   * @param {string} path
   * @returns {TagNode}
   */
  function nodeFor(path) {
    const known = nodes.get(path);
    if (known) return known;
    const cut = path.lastIndexOf('/');
    /** @type {TagNode} */
    const node = { path, leaf: path.slice(cut + 1), tag: null, total: null, children: [] };
    nodes.set(path, node);
    (cut < 0 ? roots : nodeFor(path.slice(0, cut)).children).push(node);
    return node;
  }
  for (const tag of tags) Object.assign(nodeFor(tag.name), { tag, total: tag.total });
  for (const parent of parents) {
    // Only a parent the tags lead to: a stale total makes no node of its own.
    const node = nodes.get(parent.name);
    if (node && !node.tag) node.total = parent.total;
  }
  /** @param {TagNode[]} list */
  const sort = (list) => {
    list.sort((a, b) => compare(a.leaf, b.leaf));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/**
 * Keeps the nodes whose tag is in `names`, with the parents that lead to them.
 * @param {TagNode[]} nodes
 * @param {Set<string>} names
 * @returns {TagNode[]}
 */
export function filterTagTree(nodes, names) {
  return nodes.flatMap((node) => {
    const children = filterTagTree(node.children, names);
    const matches = node.tag !== null && names.has(node.tag.name);
    return matches || children.length ? [{ ...node, children }] : [];
  });
}

/**
 * Whether the tag `name` lies below `ancestor` in the path.
 * @param {string} name
 * @param {string} ancestor
 * @returns {boolean}
 */
export function isBelow(name, ancestor) {
  return name.startsWith(`${ancestor}/`);
}

/**
 * `name` with the path `from` (itself or a parent of it) replaced by `to`.
 * @param {string} name
 * @param {string} from
 * @param {string} to
 * @returns {string}
 */
function moved(name, from, to) {
  if (name === from) return to;
  return isBelow(name, from) ? to + name.slice(from.length) : name;
}

/**
 * What becomes of a tag name a list row shows after `change`: the new name, or
 * null when the row loses the tag. A rename and a merge move the tags below
 * the path with it ("أمن/دولي" merged from "أمن" into "سياسة" is
 * "سياسة/دولي"); a delete touches only the one tag (as the engine does).
 * @param {TagChange} change
 * @param {string} name
 * @returns {string|null}
 */
export function renamedTag(change, name) {
  switch (change.kind) {
    case 'rename':
      return moved(name, change.from, change.to);
    case 'merge':
      return moved(name, change.from, change.into);
    case 'delete':
      return name === change.name ? null : name;
    default:
      return name;
  }
}

/**
 * A row's tags after `change`, without the duplicate a merge can make.
 * @param {TagChange} change
 * @param {string[]} names
 * @returns {string[]}
 */
export function renamedTags(change, names) {
  const next = names.map((name) => renamedTag(change, name)).filter((name) => name !== null);
  return [...new Set(next)];
}

/**
 * The query to run after a rename or a merge when the current one filters on a
 * tag it moved, the tag itself or one below it (`tag:"أمن/دولي"` becomes
 * `tag:"سياسة/دولي"` when «أمن» merges into «سياسة»); the rest of the query and
 * the field's own word (`وسم:`) stay as typed. Null when no filter moved.
 * @param {TagChange} change
 * @param {string} query
 * @returns {string|null}
 */
export function followedTagQuery(change, query) {
  if (change.kind !== 'rename' && change.kind !== 'merge') return null;
  let followed = query;
  // From the end, so the earlier filters' offsets stay right.
  for (const filter of scanFilters(query).reverse()) {
    if (filter.field !== 'tag') continue;
    const to = renamedTag(change, filter.value);
    if (to === null || to === filter.value) continue;
    const field = query.slice(filter.start, query.indexOf(':', filter.start) + 1);
    followed = followed.slice(0, filter.start) + field + quoteValue(to) + followed.slice(filter.end);
  }
  return followed === query ? null : followed;
}
