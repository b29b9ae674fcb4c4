// The tag manager's tree by path, its filter, what an action does to the tag
// names a list row shows, and the palette it offers matching the stylesheet's
// named colours.
import assert from 'node:assert/strict';

globalThis.document = { documentElement: {}, querySelectorAll: () => [] };
const { buildTagTree, filterTagTree, isBelow, renamedTags, followedTagQuery } = await import('../../ui/js/tag-tree.js');
const { TAG_PALETTE, tagColour } = await import('../../ui/js/format.js');

const compare = (a, b) => a.localeCompare(b, 'ar');
const tag = (name, count = 1, total = count) => ({ name, colour: null, count, total });

/** @param {import('../../ui/js/tag-tree.js').TagNode[]} nodes */
const shape = (nodes) =>
  nodes.map((n) => [n.leaf, n.tag ? n.tag.count : null, shape(n.children)]);

const tree = buildTagTree(
  [tag('أمن/تعاون دولي', 2), tag('اقتصاد', 3), tag('أمن', 1), tag('ثقافة/سينما/مهرجانات', 4)],
  compare,
);
assert.deepEqual(shape(tree), [
  ['اقتصاد', 3, []],
  ['أمن', 1, [['تعاون دولي', 2, []]]],
  // A parent that is no tag of its own still holds its children, without a count.
  ['ثقافة', null, [['سينما', null, [['مهرجانات', 4, []]]]]],
]);
assert.deepEqual(shape(filterTagTree(tree, new Set(['ثقافة/سينما/مهرجانات']))), [
  ['ثقافة', null, [['سينما', null, [['مهرجانات', 4, []]]]]],
]);
assert.deepEqual(shape(filterTagTree(tree, new Set(['أمن']))), [['أمن', 1, []]]);
assert.deepEqual(filterTagTree(tree, new Set()), []);

// Totals come from the engine: a tag's own, and a path-only parent's from the
// parents list (one that leads to no tag makes no node).
const totals = (nodes) => nodes.map((n) => [n.leaf, n.total, totals(n.children)]);
assert.deepEqual(
  totals(
    buildTagTree([tag('أمن', 1, 3), tag('أمن/دولي', 2), tag('ثقافة/سينما', 4)], compare, [
      { name: 'ثقافة', total: 4 },
      { name: 'قديم', total: 9 },
    ]),
  ),
  [
    ['أمن', 3, [['دولي', 2, []]]],
    ['ثقافة', 4, [['سينما', 4, []]]],
  ],
);
assert.deepEqual(totals(buildTagTree([tag('ثقافة/سينما', 4)], compare)), [['ثقافة', null, [['سينما', 4, []]]]]);

assert.ok(isBelow('أمن/دولي', 'أمن'));
assert.ok(isBelow('أمن/دولي/اتفاقيات', 'أمن'));
assert.ok(!isBelow('أمنية', 'أمن'));
assert.ok(!isBelow('أمن', 'أمن'));

const row = ['أمن', 'أمن/تعاون دولي', 'أمنية', 'اقتصاد'];
const cases = [
  [{ kind: 'rename', from: 'أمن', to: 'سياسة' }, ['سياسة', 'سياسة/تعاون دولي', 'أمنية', 'اقتصاد']],
  [{ kind: 'rename', from: 'أمن/تعاون دولي', to: 'دولي' }, ['أمن', 'دولي', 'أمنية', 'اقتصاد']],
  // A merge carries the subtree, at any depth, and a collision leaves one name.
  [{ kind: 'merge', from: 'أمن', into: 'اقتصاد' }, ['اقتصاد', 'اقتصاد/تعاون دولي', 'أمنية']],
  [{ kind: 'merge', from: 'أمن/تعاون دولي', into: 'أمن' }, ['أمن', 'أمنية', 'اقتصاد']],
  [{ kind: 'delete', name: 'أمن' }, ['أمن/تعاون دولي', 'أمنية', 'اقتصاد']],
  [{ kind: 'colour', name: 'أمن' }, row],
];
for (const [change, expected] of cases) {
  assert.deepEqual(renamedTags(change, row), expected, JSON.stringify(change));
}
const deep = ['أمن/دولي/اتفاقيات', 'سياسة/دولي/اتفاقيات', 'سياسة/محلي', 'أمن/محلي'];
assert.deepEqual(renamedTags({ kind: 'merge', from: 'أمن', into: 'سياسة' }, deep), [
  'سياسة/دولي/اتفاقيات',
  'سياسة/محلي',
]);

// A search on a moved tag follows it; the rest of the query and the field's word stay.
const merge = { kind: 'merge', from: 'أمن', into: 'سياسة' };
assert.equal(followedTagQuery(merge, 'tag:"أمن"'), 'tag:"سياسة"');
assert.equal(followedTagQuery(merge, 'الحدود وسم:"أمن/دولي" -tag:"اقتصاد"'), 'الحدود وسم:"سياسة/دولي" -tag:"اقتصاد"');
assert.equal(
  followedTagQuery({ kind: 'rename', from: 'أمن/دولي', to: 'دولي' }, 'tag:"أمن/دولي/اتفاقيات" tag:أمن'),
  'tag:"دولي/اتفاقيات" tag:أمن',
);
// Nothing to follow: another tag, a tag only quoted as a phrase, a delete.
assert.equal(followedTagQuery(merge, 'tag:"أمنية"'), null);
assert.equal(followedTagQuery(merge, '"tag:أمن" الحدود'), null);
assert.equal(followedTagQuery({ kind: 'delete', name: 'أمن' }, 'tag:"أمن"'), null);

// Every colour the manager offers shows as the named colour it stands for.
assert.equal(TAG_PALETTE.length, 7);
for (const [name, hex] of TAG_PALETTE) assert.equal(tagColour(hex), name, hex);

console.log('tag tree: ok');
