// The tag manager: every tag as a tree by path with its article count and
// colour, a filter that matches as the engine normalizes Arabic, and the
// actions on one tag (create, rename or move by path, merge, colour, delete).
// The engine decides every rule; this view asks, then reports the change so
// the sidebar, facets, list rows and reader follow (app.js).

import * as api from '../api.js';
import { $, h, replace, userText } from '../dom.js';
import { errorText, TAG_PALETTE, tagColour } from '../format.js';
import { locale, t, tNodes } from '../i18n.js';
import { buildTagTree, filterTagTree, isBelow } from '../tag-tree.js';
import { confirm } from './confirm.js';
import { announce, showNotice } from './notify.js';
import { tagCountNodes } from './tag-count.js';

/** Milliseconds of quiet typing before the filter asks the engine. */
const FILTER_DELAY = 150;

/**
 * @param {{ onChanged: (change: import('../tag-tree.js').TagChange) => Promise<void>|void }} handlers
 */
export function createTagManager(handlers) {
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="tag-manager"]'));
  const newName = /** @type {HTMLInputElement} */ ($('[data-testid="tag-new-name"]', dialog));
  const createButton = /** @type {HTMLButtonElement} */ ($('[data-testid="tag-create"]', dialog));
  const filterInput = /** @type {HTMLInputElement} */ ($('[data-testid="tag-filter"]', dialog));
  const tree = $('[data-testid="tag-tree"]', dialog);
  const treeEmpty = $('[data-role="tag-tree-empty"]', dialog);
  const editor = $('[data-testid="tag-editor"]', dialog);
  const editorTitle = $('.tag-editor-title', editor);
  const renameInput = /** @type {HTMLInputElement} */ ($('[data-testid="tag-rename-input"]', editor));
  const mergeInto = /** @type {HTMLSelectElement} */ ($('[data-testid="tag-merge-into"]', editor));
  const colours = $('[data-testid="tag-colours"]', editor);
  const errorBox = $('[data-testid="tag-manager-error"]', dialog);

  /** @type {import('../api.js').TagCount[]} */
  let tags = [];
  /** @type {import('../api.js').TagParent[]} */
  let parents = [];
  /** The names the filter lets through; null shows every tag. */
  let matching = /** @type {Set<string>|null} */ (null);
  /** The tag the editor acts on. */
  let selected = /** @type {string|null} */ (null);
  /** @type {number|undefined} */
  let filterTimer;
  let busy = false;

  /** @param {number} n */
  const articles = (n) => t('count.articles', { count: n });
  /** @param {string} name */
  const tagText = (name) => userText('bdi', name, { class: 'tag-name' });
  const selectedTag = () => tags.find((tag) => tag.name === selected) ?? null;
  /** @param {string} name */
  const hasChildren = (name) => tags.some((other) => isBelow(other.name, name));

  /**
   * @param {import('../tag-tree.js').TagNode} node
   * @returns {HTMLElement}
   */
  function renderNode(node) {
    const children = node.children.length ? h('ul', { role: 'group' }, ...node.children.map(renderNode)) : null;
    if (!node.tag) {
      // A path segment that is no tag of its own: it only holds its children.
      const total = node.total === null ? [] : tagCountNodes(null, node.total);
      return h('li', null, h('span', { class: 'tag-node tag-node-path' }, userText('bdi', node.leaf, { class: 'tag-name' }), ...total), children);
    }
    const tag = node.tag;
    return h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          class: 'tag-node',
          'data-tag': tag.name,
          'data-testid': 'tag-node',
          'aria-pressed': String(tag.name === selected),
          title: tag.name,
        },
        h('span', { class: 'tag-swatch', 'data-colour': tagColour(tag.colour), 'aria-hidden': 'true' }),
        userText('bdi', node.leaf, { class: 'tag-name' }),
        ...tagCountNodes(tag, tag.total, { showOwn: true }),
      ),
      children,
    );
  }

  function renderTree() {
    const collator = new Intl.Collator(locale(), { sensitivity: 'base', numeric: true });
    const all = buildTagTree(tags, (a, b) => collator.compare(a, b), parents);
    const shown = matching ? filterTagTree(all, matching) : all;
    replace(tree, ...shown.map(renderNode));
    treeEmpty.hidden = shown.length > 0;
    treeEmpty.textContent = t(tags.length ? 'tagManager.noMatch' : 'tagManager.none');
  }

  function renderEditor() {
    const tag = selectedTag();
    editor.hidden = !tag;
    if (!tag) return;
    replace(editorTitle, ...tNodes('tagManager.editorTitle', { tag: tagText(tag.name), articles: articles(tag.count) }));
    // A tag below the chosen one cannot take it in (the engine refuses it).
    const others = tags.filter((other) => other.name !== tag.name && !isBelow(other.name, tag.name));
    replace(
      mergeInto,
      h('option', { value: '' }, t('tagManager.mergeChoose')),
      ...others.map((other) => h('option', { value: other.name, dir: 'auto' }, other.name)),
    );
    const current = tagColour(tag.colour);
    replace(
      colours,
      h('legend', { class: 'field-label' }, t('tagManager.colourLabel')),
      ...[['none', ''], ...TAG_PALETTE].map(([name, hex]) =>
        h(
          'label',
          { class: 'tag-colour-choice', title: t(`tagManager.colour.${name}`), 'data-testid': `tag-colour-${name}` },
          h('input', {
            type: 'radio',
            name: 'tag-colour',
            value: hex,
            checked: hex === '' ? current === null : current === name,
          }),
          h('span', { class: 'tag-swatch', 'data-colour': hex ? name : null, 'aria-hidden': 'true' }),
          h('span', { class: 'visually-hidden' }, t(`tagManager.colour.${name}`)),
        ),
      ),
    );
  }

  function render() {
    renderTree();
    renderEditor();
  }

  /** @param {unknown} error */
  function showFailure(error) {
    errorBox.textContent = errorText(error);
    errorBox.hidden = false;
  }

  function clearFailure() {
    errorBox.hidden = true;
    errorBox.textContent = '';
  }

  async function load() {
    [tags, parents] = await Promise.all([api.listTags(), api.listTagParents()]);
    if (selected !== null && !tags.some((tag) => tag.name === selected)) selected = null;
    await runFilter();
  }

  async function runFilter() {
    const text = filterInput.value.trim();
    matching = text ? new Set(await api.matchTags(text)) : null;
    render();
  }

  /**
   * Runs one change on the engine, then reloads and tells the rest of the window.
   * @template T
   * @param {() => Promise<T>} action
   * @param {(result: T) => { change: import('../tag-tree.js').TagChange, message: string, select?: string|null }} describe
   *   The change, from the engine's answer (a created or renamed tag's name as
   *   stored): what it was, what to say (in the status line and to screen
   *   readers) and the tag to keep selected afterwards (the current one if left out).
   */
  async function apply(action, describe) {
    if (busy) return;
    busy = true;
    clearFailure();
    try {
      const { change, message, select = selected } = describe(await action());
      selected = select;
      await load();
      await handlers.onChanged(change);
      announce(message);
      showNotice([message]);
    } catch (error) {
      showFailure(error);
    } finally {
      busy = false;
    }
  }

  /**
   * Asks before a change that loses something (a merge, a delete).
   * @param {{ title: string, text: Node[], confirm: string }} words
   * @param {() => Promise<void>} action
   */
  async function confirmThen(words, action) {
    if (await confirm({ title: words.title, text: words.text, confirmLabel: words.confirm })) await action();
  }

  /** As in the bulk tag dialog: inner spaces belong to the name, the slashes' do not. */
  const cleanName = (/** @type {string} */ value) => value.trim().replace(/\s*\/\s*/g, '/');

  function create() {
    const name = cleanName(newName.value);
    if (!name) {
      newName.focus();
      return;
    }
    apply(
      async () => {
        const stored = await api.createTag(name, null);
        newName.value = '';
        return stored;
      },
      (stored) => ({ change: { kind: 'create', name: stored }, message: t('tagManager.created', { tag: stored }), select: stored }),
    );
  }

  function rename() {
    const tag = selectedTag();
    const name = cleanName(renameInput.value);
    if (!tag || !name || name === tag.name) {
      renameInput.focus();
      return;
    }
    apply(
      () => api.renameTag(tag.name, name),
      (stored) => ({ change: { kind: 'rename', from: tag.name, to: stored }, message: t('tagManager.renamed', { from: tag.name, to: stored }), select: stored }),
    );
  }

  function merge() {
    const tag = selectedTag();
    const into = tags.find((other) => other.name === mergeInto.value);
    if (!tag || !into) {
      mergeInto.focus();
      return;
    }
    confirmThen(
      {
        title: t('tagManager.mergeTitle'),
        text: tNodes(hasChildren(tag.name) ? 'tagManager.mergeTextChildren' : 'tagManager.mergeText', { from: tagText(tag.name), into: tagText(into.name), articles: articles(tag.count) }),
        confirm: t('tagManager.mergeConfirm'),
      },
      () =>
        apply(
          () => api.mergeTags(tag.name, into.name),
          () => ({ change: { kind: 'merge', from: tag.name, into: into.name }, message: t('tagManager.merged', { from: tag.name, into: into.name }), select: into.name }),
        ),
    );
  }

  function remove() {
    const tag = selectedTag();
    if (!tag) return;
    confirmThen(
      {
        title: t('tagManager.deleteTitle'),
        // The tag's own count: its sub-tags, and their articles, stay.
        text: tNodes(hasChildren(tag.name) ? 'tagManager.deleteTextChildren' : 'tagManager.deleteText', { tag: tagText(tag.name), articles: articles(tag.count) }),
        confirm: t('tagManager.deleteConfirm'),
      },
      () =>
        apply(
          () => api.deleteTag(tag.name),
          () => ({ change: { kind: 'delete', name: tag.name }, message: t('tagManager.deleted', { tag: tag.name }), select: null }),
        ),
    );
  }

  /** @param {string} hex  '' clears the colour. */
  function setColour(hex) {
    const tag = selectedTag();
    if (!tag) return;
    apply(
      () => api.setTagColour(tag.name, hex || null),
      () => ({ change: { kind: 'colour', name: tag.name }, message: t('tagManager.coloured', { tag: tag.name }) }),
    );
  }

  tree.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('[data-tag]');
    if (!button) return;
    selected = button.getAttribute('data-tag');
    clearFailure();
    render();
    renameInput.value = selected ?? '';
    renameInput.focus();
  });
  filterInput.addEventListener('input', () => {
    window.clearTimeout(filterTimer);
    filterTimer = window.setTimeout(() => runFilter().catch(showFailure), FILTER_DELAY);
  });
  createButton.addEventListener('click', () => create());
  $('[data-testid="tag-rename"]', editor).addEventListener('click', () => rename());
  $('[data-testid="tag-merge"]', editor).addEventListener('click', () => merge());
  $('[data-testid="tag-delete"]', editor).addEventListener('click', () => remove());
  colours.addEventListener('change', (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    if (input.name === 'tag-colour') setColour(input.value);
  });
  for (const [input, action] of /** @type {const} */ ([[newName, create], [renameInput, rename]])) {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault();
        action();
      }
    });
  }
  for (const button of dialog.querySelectorAll('[data-action="close-tag-manager"]')) {
    button.addEventListener('click', () => dialog.close('close'));
  }

  return {
    /** Opens the manager on the archive's current tags. */
    async open() {
      clearFailure();
      filterInput.value = '';
      newName.value = '';
      selected = null;
      dialog.showModal();
      filterInput.focus();
      try {
        await load();
      } catch (error) {
        showFailure(error);
      }
    },
    /** Re-renders after a language or digits change. */
    refresh() {
      if (dialog.open) render();
    },
  };
}
