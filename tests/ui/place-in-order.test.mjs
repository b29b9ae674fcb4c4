// The virtual list's redraw: rows that stay in view are never taken out of the
// document (a click pressed on one would be lost), whatever the window does.
import assert from 'node:assert/strict';

const { placeInOrder } = await import('../../ui/js/dom.js');

/** A parent with the few DOM calls placeInOrder makes, counting every detachment. */
class FakeParent {
  constructor() {
    /** @type {object[]} */
    this.childNodes = [];
    /** @type {object[]} nodes taken out of the document, even if put back at once */
    this.detached = [];
  }
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  /** @param {object} node */
  #detach(node) {
    const at = this.childNodes.indexOf(node);
    if (at === -1) return;
    this.childNodes.splice(at, 1);
    this.detached.push(node);
  }
  /** @param {object} node */
  removeChild(node) {
    this.#detach(node);
  }
  /** @param {object} node @param {object|null} before */
  insertBefore(node, before) {
    this.#detach(node);
    const at = before === null ? this.childNodes.length : this.childNodes.indexOf(before);
    assert.notEqual(at, -1, 'insertBefore a node that is not a child');
    this.childNodes.splice(at, 0, node);
  }
}

/** Rows as nodes that know their parent, so `nextSibling` works. */
function rows(parent, names) {
  return names.map((name) => ({
    name,
    get nextSibling() {
      const at = parent.childNodes.indexOf(this);
      return at === -1 ? null : (parent.childNodes[at + 1] ?? null);
    },
  }));
}

const names = (parent) => parent.childNodes.map((node) => node.name);

// Scrolling down by two rows: the first two go, two new ones come, the rest stay put.
{
  const parent = new FakeParent();
  const [a, b, c, d, e, f, g] = rows(parent, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  placeInOrder(parent, [a, b, c, d, e]);
  assert.deepEqual(names(parent), ['a', 'b', 'c', 'd', 'e']);
  parent.detached = [];
  placeInOrder(parent, [c, d, e, f, g]);
  assert.deepEqual(names(parent), ['c', 'd', 'e', 'f', 'g']);
  assert.deepEqual(names({ childNodes: parent.detached }), ['a', 'b']);
}

// Scrolling up: new rows go in front; the rows that stay are not touched.
{
  const parent = new FakeParent();
  const [a, b, c, d, e] = rows(parent, ['a', 'b', 'c', 'd', 'e']);
  placeInOrder(parent, [c, d, e]);
  parent.detached = [];
  placeInOrder(parent, [a, b, c, d]);
  assert.deepEqual(names(parent), ['a', 'b', 'c', 'd']);
  assert.deepEqual(names({ childNodes: parent.detached }), ['e']);
}

// The same rows drawn again (the bulk bar showing resizes the list): nothing moves.
{
  const parent = new FakeParent();
  const window = rows(parent, ['a', 'b', 'c']);
  placeInOrder(parent, window);
  parent.detached = [];
  placeInOrder(parent, window);
  assert.deepEqual(parent.detached, []);
}

// A row replaced in the middle (its data changed) and a placeholder filled in.
{
  const parent = new FakeParent();
  const [a, b, c, b2, d] = rows(parent, ['a', 'b', 'c', 'b2', 'd']);
  placeInOrder(parent, [a, b, c]);
  parent.detached = [];
  placeInOrder(parent, [a, b2, c, d]);
  assert.deepEqual(names(parent), ['a', 'b2', 'c', 'd']);
  assert.deepEqual(names({ childNodes: parent.detached }), ['b']);
}

// Out of order (never made by the list, but the result must still be right).
{
  const parent = new FakeParent();
  const [a, b, c] = rows(parent, ['a', 'b', 'c']);
  placeInOrder(parent, [a, b, c]);
  placeInOrder(parent, [c, a, b]);
  assert.deepEqual(names(parent), ['c', 'a', 'b']);
  placeInOrder(parent, []);
  assert.deepEqual(names(parent), []);
}

console.log('place-in-order: ok');
