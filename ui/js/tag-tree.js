// The tag manager's pure logic, kept apart from the DOM so tests/ui can check
// it: the tree of tags by path, and what a manager action does to the tag
// names a list row already shows (the engine's rules, restated for display).

/**
 * @typedef {{ name: string, colour: string|null, count: number }} TagInfo
 * @typedef {{
 *   path: string,
 *   leaf: string,
 *   tag: TagInfo|null,
 *   children: TagNode[],
 * }} TagNode
 *   `tag` is null for a path segment that is no tag of its own ("أمن" when only
 *   "أمن/تعاون دولي" exists).
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
 * @returns {TagNode[]}
 */
export function buildTagTree(tags, compare) {
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
    const node = { path, leaf: path.slice(cut + 1), tag: null, children: [] };
    nodes.set(path, node);
    (cut < 0 ? roots : nodeFor(path.slice(0, cut)).children).push(node);
    return node;
  }
  for (const tag of tags) nodeFor(tag.name).tag = tag;
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
 * What becomes of a tag name a list row shows after `change`: the new name, or
 * null when the row loses the tag. A rename moves the tags below the path with
 * it; a merge or a delete touches only the one tag (as the engine does).
 * @param {TagChange} change
 * @param {string} name
 * @returns {string|null}
 */
export function renamedTag(change, name) {
  switch (change.kind) {
    case 'rename':
      if (name === change.from) return change.to;
      return name.startsWith(`${change.from}/`) ? change.to + name.slice(change.from.length) : name;
    case 'merge':
      return name === change.from ? change.into : name;
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
