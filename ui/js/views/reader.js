// The reader pane: one article's title, metadata line, tags (add and remove),
// its possible duplicates (open one, or compare the pair side by side), body
// paragraphs, notes, provenance and the delete button with its confirm
// dialog; the Edit button (or E, F2) turns header, tags and notes into the
// edit form (reader-edit.js), and leaving it with unsaved changes asks first.
// All article text goes in through text nodes.

import * as api from '../api.js';
import { $, h, replace, userText, withSeparators } from '../dom.js';
import {
  errorText,
  formatDate,
  formatDateTime,
  formatSize,
  languageName,
  paragraphs,
  tagColour,
} from '../format.js';
import { icon } from '../icons.js';
import { locale, t, tNodes } from '../i18n.js';
import { articleStep } from '../keys.js';
import { TEXT_SIZES, stepTextSize } from '../prefs.js';
import { confirm } from './confirm.js';
import { similarityLabel } from './duplicates.js';
import { announce, showError } from './notify.js';
import { createEditForm } from './reader-edit.js';
import { tagLabel } from './sidebar.js';
import { cleanTagName, tagCombobox } from './tag-combobox.js';

/**
 * Authors joined the way the interface language joins a list ("A، B و C"),
 * each name isolated in its own `<bdi>`.
 * @param {string[]} names
 * @returns {Node[]}
 */
function authorList(names) {
  return new Intl.ListFormat(locale(), { type: 'conjunction' })
    .formatToParts(names)
    .map((part) => (part.type === 'element' ? userText('bdi', part.value) : document.createTextNode(part.value)));
}

/**
 * The open near-duplicate pairs of an article. A failure only hides the
 * section: the article itself is what the reader is for.
 * @param {number} id
 * @returns {Promise<import('../api.js').NearDuplicatePair[]>}
 */
async function nearDuplicates(id) {
  try {
    return await api.nearDuplicatesOfArticle(id);
  } catch (error) {
    console.error(error);
    return [];
  }
}

/**
 * @param {{
 *   onTagSearch: (name: string) => void,
 *   onTagsChanged: (article: import('../api.js').Article) => void,
 *   onEdited: (article: import('../api.js').Article) => void,
 *   onStay: (id: number) => void,
 *   onDeleted: (id: number) => void,
 *   onOpenArticle: (id: number) => void,
 *   onCompare: (pair: import('../api.js').NearDuplicatePair) => void,
 *   onStep: (step: -1|1) => void,
 *   getTextSize: () => import('../prefs.js').TextSize,
 *   onTextSizeChange: (size: import('../prefs.js').TextSize) => void,
 * }} handlers
 */
export function createReader(handlers) {
  const pane = $('[data-testid="reader"]');

  /** @type {import('../api.js').Article|null} */
  let article = null;
  /** @type {number|null} The id being shown or loaded. */
  let currentId = null;
  /** @type {unknown} */
  let loadError = null;
  let loading = false;
  let generation = 0;
  let provenanceOpen = false;
  /** @type {HTMLElement|null} */
  let chipList = null;
  /** @type {HTMLInputElement|null} */
  let tagInput = null;
  /** @type {import('../api.js').NearDuplicatePair[]} The shown article's open pairs. */
  let pairs = [];
  /** @type {HTMLElement|null} */
  let duplicatesBox = null;
  /** @type {ReturnType<typeof createEditForm>|null} The open edit form, if any. */
  let editForm = null;

  function renderPlaceholder() {
    replace(
      pane,
      h(
        'div',
        { class: 'reader-placeholder', 'data-testid': 'reader-placeholder' },
        h('span', { class: 'placeholder-icon' }, icon('file')),
        h('p', { class: 'placeholder-title' }, t('reader.placeholderTitle')),
        h('p', { class: 'placeholder-text' }, t('reader.placeholderText')),
      ),
    );
  }

  function renderLoading() {
    pane.setAttribute('aria-busy', 'true');
    replace(
      pane,
      h(
        'div',
        { class: 'reader-placeholder', 'data-kind': 'loading' },
        h('span', { class: 'spinner', 'aria-hidden': 'true' }),
        h('p', { class: 'placeholder-text' }, t('reader.loading')),
      ),
    );
  }

  function renderError() {
    replace(
      pane,
      h(
        'div',
        { class: 'reader-placeholder', 'data-kind': 'error' },
        h('span', { class: 'placeholder-icon' }, icon('alert')),
        h('p', { class: 'placeholder-title' }, errorText(loadError)),
      ),
    );
  }

  /**
   * @param {import('../api.js').Article} a
   * @returns {HTMLElement|null}
   */
  function metaLine(a) {
    /** @type {Node[]} */
    const parts = [];
    if (a.publication) parts.push(userText('bdi', a.publication, { class: 'meta-publication' }));
    if (a.authors && a.authors.length) {
      parts.push(h('span', { class: 'meta-authors' }, tNodes('meta.by', { authors: h('span', null, authorList(a.authors)) })));
    }
    const date = formatDate(a.date, 'long');
    if (date) {
      parts.push(h('time', { class: 'meta-date', datetime: a.date, title: a.date_text }, h('bdi', null, date)));
    } else if (a.date_text) {
      parts.push(userText('bdi', a.date_text, { class: 'meta-date' }));
    }
    if (a.hijri_date) parts.push(userText('bdi', a.hijri_date, { class: 'meta-hijri', title: t('meta.hijri') }));
    if (a.section) parts.push(userText('bdi', a.section, { class: 'meta-section', title: t('meta.section') }));
    if (a.page) {
      // A plain page number is written in the interface's digits, like every other count;
      // anything else ("A3", "ص 4") stays as the source printed it.
      const page = /^\d{1,6}$/.test(a.page) ? new Intl.NumberFormat(locale(), { useGrouping: false }).format(Number(a.page)) : a.page;
      parts.push(h('span', { class: 'meta-page' }, tNodes('meta.page', { page: userText('bdi', page) })));
    }
    const language = languageName(a.language);
    if (language) parts.push(h('bdi', { class: 'meta-language', title: t('meta.language') }, language));
    // The engine stamps modified_at with imported_at until the first edit.
    const modified = a.modified_at !== a.imported_at ? formatDateTime(a.modified_at) : null;
    if (modified) {
      parts.push(h('span', { class: 'meta-modified', 'data-testid': 'meta-modified' }, t('meta.modified', { date: modified })));
    }
    if (!parts.length) return null;
    return h('p', { class: 'reader-meta', 'data-testid': 'reader-meta' }, withSeparators(parts));
  }

  /**
   * One possible duplicate: the other article (opens it), its similarity, and
   * the side-by-side comparison where the pair is resolved.
   * @param {import('../api.js').NearDuplicatePair} pair
   * @param {number} id  The article shown.
   */
  function duplicateItem(pair, id) {
    const other = pair.article.id === id ? pair.other : pair.article;
    const title = other.title || t('list.untitled');
    const date = formatDate(other.date, 'medium');
    /** @type {Node[]} */
    const meta = [];
    if (other.publication) meta.push(userText('bdi', other.publication));
    if (date) meta.push(h('time', { datetime: other.date }, h('bdi', null, date)));
    meta.push(h('span', { class: 'reader-duplicate-similarity' }, similarityLabel(pair.similarity)));
    return h(
      'li',
      { class: 'reader-duplicate', 'data-testid': 'reader-duplicate', 'data-id': String(other.id) },
      h(
        'button',
        {
          type: 'button',
          class: 'reader-duplicate-open',
          'data-testid': 'reader-duplicate-open',
          on: { click: () => handlers.onOpenArticle(other.id) },
        },
        userText('bdi', title, { class: 'reader-duplicate-title', lang: other.title ? other.language : null }),
        h('span', { class: 'reader-duplicate-meta' }, withSeparators(meta)),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button-quiet button-small',
          'data-testid': 'reader-duplicate-compare',
          'aria-label': t('reader.compareWith', { title }),
          'aria-haspopup': 'dialog',
          on: { click: () => handlers.onCompare(pair) },
        },
        t('reader.compare'),
      ),
    );
  }

  /** The possible-duplicates section, hidden when the article has none. */
  function renderDuplicates() {
    if (!article || !duplicatesBox) return;
    const id = article.id;
    duplicatesBox.hidden = pairs.length === 0;
    replace(
      duplicatesBox,
      pairs.length === 0
        ? []
        : [
            h('h2', { class: 'reader-section-title', id: 'reader-duplicates-title' }, t('reader.duplicatesTitle')),
            h('p', { class: 'reader-duplicates-hint' }, t('reader.duplicatesHint')),
            h('ul', { class: 'reader-duplicates-list' }, pairs.map((pair) => duplicateItem(pair, id))),
          ],
    );
  }

  function renderChips() {
    if (!article || !chipList) return;
    const tags = article.tags;
    replace(
      chipList,
      tags.length === 0
        ? h('li', { class: 'chip-empty' }, t('reader.noTags'))
        : tags.map((tag) =>
            h(
              'li',
              { class: 'chip', 'data-testid': 'tag-chip', 'data-tag': tag.name, 'data-colour': tagColour(tag.colour) },
              tagLabel(tag.name, 'button', {
                type: 'button',
                class: 'chip-label tag-name',
                title: t('reader.searchTag'),
                on: { click: () => handlers.onTagSearch(tag.name) },
              }),
              h(
                'button',
                {
                  type: 'button',
                  class: 'chip-remove',
                  'data-testid': 'tag-remove',
                  'aria-label': t('reader.removeTag', { tag: tag.name }),
                  title: t('reader.removeTag', { tag: tag.name }),
                  on: { click: () => removeTag(tag.name) },
                },
                icon('close'),
              ),
            ),
          ),
    );
  }

  /**
   * @param {import('../api.js').Article} a
   * @returns {HTMLElement}
   */
  function provenance(a) {
    const p = a.provenance;
    /**
     * @param {string} key
     * @param {Node|string|null} value
     */
    const item = (key, value) => (value === null ? null : h('div', { class: 'prov-item' }, h('dt', null, t(key)), h('dd', null, value)));
    const details = h(
      'details',
      { class: 'provenance', 'data-testid': 'provenance', open: provenanceOpen },
      h('summary', { class: 'provenance-summary' }, t('prov.title')),
      p ? null : h('p', { class: 'provenance-none' }, t('prov.none')),
      h(
        'dl',
        { class: 'prov-list' },
        p && item('prov.fileName', userText('bdi', p.file_name, { 'data-testid': 'prov-file-name' })),
        p && item('prov.filePath', userText('bdi', p.file_path, { class: 'mono' })),
        p && item('prov.size', formatSize(p.size)),
        p && item('prov.encoding', h('bdi', { class: 'mono', dir: 'ltr', 'data-testid': 'prov-encoding' }, p.encoding)),
        p && item('prov.importer', h('bdi', { class: 'mono', dir: 'ltr' }, p.importer)),
        p && item('prov.sha256', h('code', { class: 'hash', dir: 'ltr', 'data-testid': 'prov-sha256' }, p.sha256)),
        item('prov.importedAt', formatDateTime(a.imported_at)),
        item('prov.modifiedAt', formatDateTime(a.modified_at)),
        p &&
          item(
            'prov.boilerplate',
            p.boilerplate_removed
              ? userText('pre', p.boilerplate_removed, { class: 'boilerplate', 'data-testid': 'prov-boilerplate' })
              : t('prov.boilerplateNone'),
          ),
      ),
    );
    details.addEventListener('toggle', () => {
      provenanceOpen = /** @type {HTMLDetailsElement} */ (details).open;
    });
    return details;
  }

  /**
   * The smaller and larger text buttons; the size is a setting, kept between sessions.
   * @returns {HTMLElement}
   */
  function textSizeControl() {
    const size = handlers.getTextSize();
    /**
     * @param {-1|1} step
     * @param {string} label  i18n key.
     * @param {string} glyph  Icon name.
     */
    const button = (step, label, glyph) =>
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          'data-testid': step > 0 ? 'text-larger' : 'text-smaller',
          'aria-label': t(label),
          title: t(label),
          disabled: stepTextSize(size, step) === size,
          on: { click: () => changeTextSize(step) },
        },
        icon(glyph),
      );
    return h(
      'div',
      { class: 'reader-text-size', role: 'group', 'aria-label': t('reader.textSize') },
      button(-1, 'reader.textSmaller', 'minus'),
      button(1, 'reader.textLarger', 'plus'),
    );
  }

  /**
   * Moves the text size one step and keeps focus on the button pressed (or on
   * the other one once this one reaches the end of the scale).
   * @param {-1|1} step
   */
  function changeTextSize(step) {
    const next = stepTextSize(handlers.getTextSize(), step);
    handlers.onTextSizeChange(next);
    applyTextSize();
    const control = pane.querySelector('.reader-text-size');
    if (!control) return;
    const fresh = textSizeControl();
    control.replaceWith(fresh);
    const [smaller, larger] = /** @type {HTMLButtonElement[]} */ ([...fresh.children]);
    const wanted = step > 0 ? larger : smaller;
    (wanted.disabled ? (step > 0 ? smaller : larger) : wanted).focus();
  }

  /** Puts the saved text size on the pane, where app.css reads it. */
  function applyTextSize() {
    const size = handlers.getTextSize();
    pane.setAttribute('data-text-size', TEXT_SIZES.includes(size) ? size : 'm');
  }

  function renderArticle() {
    if (!article) return;
    const a = article;
    tagInput = /** @type {HTMLInputElement} */ (
      h('input', {
        class: 'tag-input',
        type: 'text',
        dir: 'auto',
        autocomplete: 'off',
        'data-testid': 'tag-input',
        'aria-label': t('reader.addTag'),
        placeholder: t('reader.addTagPlaceholder'),
        enterkeyhint: 'done',
      })
    );
    const tagWrap = h('span', { class: 'combobox tag-input-wrap' }, tagInput);
    // Before the Enter handler, so that Enter on a suggestion adds that tag.
    const input = tagInput;
    tagCombobox(input, { onPick: (name) => addTag(name, input) });
    tagInput.addEventListener('keydown', onTagKey);
    chipList = h('ul', { class: 'chip-list', 'data-testid': 'reader-tags', 'aria-label': t('reader.tags') });
    duplicatesBox = h('section', {
      class: 'reader-duplicates',
      'data-testid': 'reader-duplicates',
      'aria-labelledby': 'reader-duplicates-title',
      hidden: true,
    });
    const notes = a.notes && a.notes.trim();
    const editing = editForm !== null;
    replace(
      pane,
      h(
        'article',
        { class: 'reader-article', 'data-id': a.id, 'aria-labelledby': 'reader-title' },
        editForm
          ? editForm.element
          : h(
          'header',
          { class: 'reader-header' },
          userText('h1', a.title || t('list.untitled'), {
            class: 'reader-title',
            id: 'reader-title',
            'data-testid': 'reader-title',
            lang: a.title ? a.language : null,
          }),
          // The metadata and the tools share a row: the tools cost no line of their own.
          h(
            'div',
            { class: 'reader-byline' },
            metaLine(a),
            h(
              'div',
              { class: 'reader-tools' },
              textSizeControl(),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button button-quiet button-small',
                  'data-testid': 'edit-button',
                  'aria-keyshortcuts': 'E F2',
                  title: t('edit.buttonTitle'),
                  on: { click: () => startEdit() },
                },
                h('span', { class: 'button-icon' }, icon('edit')),
                h('span', null, t('edit.button')),
              ),
            ),
          ),
          a.url
            ? h('p', { class: 'reader-url' }, h('span', { class: 'reader-url-label' }, t('reader.source')), ' ', h('bdi', { dir: 'ltr', class: 'mono' }, a.url))
            : null,
        ),
        h(
          'section',
          { class: 'reader-tags', 'aria-label': t('reader.tags'), hidden: editing },
          h('span', { class: 'reader-tags-icon' }, icon('tag')),
          chipList,
          tagWrap,
        ),
        duplicatesBox,
        h(
          'div',
          { class: 'reader-body', 'data-testid': 'reader-body', 'aria-label': t('reader.body'), lang: a.language },
          paragraphs(a.body).map((text) => userText('p', text)),
        ),
        notes && !editing
          ? h(
              'section',
              { class: 'reader-notes', 'aria-labelledby': 'reader-notes-title' },
              h('h2', { class: 'reader-section-title', id: 'reader-notes-title' }, t('reader.notes')),
              userText('p', notes, { class: 'notes-text', 'data-testid': 'reader-notes' }),
            )
          : null,
        provenance(a),
        h(
          'footer',
          { class: 'reader-footer' },
          h(
            'button',
            {
              type: 'button',
              class: 'button button-quiet button-danger-quiet',
              'data-testid': 'delete-button',
              on: { click: askDelete },
            },
            h('span', { class: 'button-icon' }, icon('trash')),
            h('span', null, t('reader.delete')),
          ),
        ),
      ),
    );
    renderChips();
    renderDuplicates();
  }

  function render() {
    pane.removeAttribute('aria-busy');
    if (loading) renderLoading();
    else if (loadError) renderError();
    else if (article) renderArticle();
    else renderPlaceholder();
  }

  /**
   * Opens an article by id.
   * @param {number} id
   * @returns {Promise<void>}
   */
  async function show(id) {
    if (editForm) {
      // Opening the article being edited again (a refresh after a change
      // elsewhere) would throw the form away: it stays as it is.
      if (id === currentId && article) return;
      if (editForm.isDirty() && !(await askDiscard())) {
        if (currentId !== null) handlers.onStay(currentId);
        return;
      }
      editForm = null;
    }
    const mine = ++generation;
    const switching = currentId !== id;
    currentId = id;
    loadError = null;
    // Busy from the request to its answer, also while the article shown refreshes in
    // place: a screen reader (and a test) then knows the pane is about to change.
    pane.setAttribute('aria-busy', 'true');
    // Re-opening the article already shown refreshes it in place.
    if (switching || !article) {
      loading = true;
      article = null;
      render();
    }
    try {
      const [next, near] = await Promise.all([api.getArticle(id), nearDuplicates(id)]);
      if (mine !== generation) return;
      article = next;
      pairs = near;
    } catch (error) {
      if (mine !== generation) return;
      console.error(error);
      article = null;
      pairs = [];
      loadError = error;
    }
    loading = false;
    render();
    if (switching) pane.scrollTop = 0;
  }

  function clear() {
    editForm = null;
    generation++;
    currentId = null;
    article = null;
    loadError = null;
    loading = false;
    render();
  }

  /** Turns the header, tags and notes into the edit form. */
  function startEdit() {
    if (!article || editForm || loading) return;
    editForm = createEditForm(article, { onSave: saveEdit, onCancel: cancelEdit });
    render();
    editForm.focus();
  }

  /** Leaves the form for the article as shown, moving focus back to the Edit button. */
  function closeEdit() {
    editForm = null;
    render();
    const button = /** @type {HTMLElement|null} */ (pane.querySelector('[data-testid="edit-button"]'));
    if (button) button.focus();
  }

  async function saveEdit() {
    const form = editForm;
    if (!form || !article) return;
    const update = form.value();
    if (!update.title.trim()) {
      form.showError(() => t('edit.titleRequired'));
      return;
    }
    const id = article.id;
    form.setBusy(true);
    try {
      const fresh = await api.updateArticle(id, update);
      if (editForm !== form) return;
      article = fresh;
      closeEdit();
      announce(t('announce.edited'));
      handlers.onEdited(fresh);
    } catch (error) {
      form.setBusy(false);
      form.showError(() => errorText(error));
    }
  }

  async function cancelEdit() {
    const form = editForm;
    if (!form) return;
    if (form.isDirty() && !(await askDiscard())) return;
    if (editForm === form) closeEdit();
  }

  /**
   * Asks whether to throw away the form's unsaved changes: true to discard
   * them, false to keep editing.
   * @returns {Promise<boolean>}
   */
  function askDiscard() {
    return confirm(() => ({
      title: t('discard.title'),
      text: t('discard.text'),
      confirmLabel: t('discard.confirm'),
      cancelLabel: t('discard.keep'),
    }));
  }

  /** @param {KeyboardEvent} event */
  function onTagKey(event) {
    if (event.isComposing || event.defaultPrevented) return;
    const field = /** @type {HTMLInputElement} */ (event.currentTarget);
    if (event.key === 'Escape' && field.value) {
      event.preventDefault();
      field.value = '';
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (event.currentTarget);
    const name = cleanTagName(input.value);
    if (!name) return;
    if (article && article.tags.some((tag) => tag.name === name)) {
      input.value = '';
      return;
    }
    addTag(name, input);
  }

  /**
   * @param {string} name
   * @param {HTMLInputElement} input
   */
  async function addTag(name, input) {
    if (!article) return;
    const id = article.id;
    input.disabled = true;
    try {
      const { tag } = await api.tagArticles(name, [id]);
      input.value = '';
      await afterTagChange(id);
      announce(t('announce.tagAdded', { tag }));
    } catch (error) {
      showError(error);
    } finally {
      input.disabled = false;
      if (tagInput) tagInput.focus();
    }
  }

  /** @param {string} name */
  async function removeTag(name) {
    if (!article) return;
    const id = article.id;
    try {
      await api.untagArticles(name, [id]);
      await afterTagChange(id);
      announce(t('announce.tagRemoved', { tag: name }));
      if (tagInput) tagInput.focus();
    } catch (error) {
      showError(error);
    }
  }

  /**
   * Reloads the article's tags after a change and tells the app.
   * @param {number} id
   */
  async function afterTagChange(id) {
    const fresh = await api.getArticle(id);
    if (!article || article.id !== id) return;
    article = fresh;
    renderChips();
    handlers.onTagsChanged(fresh);
  }

  async function askDelete() {
    if (!article) return;
    const { id, title } = article;
    const sure = await confirm(() => ({
      title: t('confirm.title'),
      text: tNodes('confirm.text', { title: userText('bdi', title || t('list.untitled'), { class: 'confirm-title' }) }),
      confirmLabel: t('confirm.delete'),
    }));
    if (!sure) return;
    try {
      await api.deleteArticles([id]);
      if (currentId === id) clear();
      announce(t('announce.deleted'));
      handlers.onDeleted(id);
    } catch (error) {
      showError(error);
    }
  }

  // In the reader, as in the list, the horizontal arrows go to the next or
  // previous article in reading direction; text fields keep them for the caret.
  pane.addEventListener('keydown', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    const step = articleStep(event);
    if (step === 0) return;
    event.preventDefault();
    handlers.onStep(step);
  });

  applyTextSize();
  render();

  return {
    show,
    clear,
    /** @returns {number|null} */
    get currentId() {
      return currentId;
    },
    /** Opens the edit form for the article shown (E, F2). */
    edit() {
      startEdit();
    },
    /** @returns {boolean} Whether the edit form holds changes not saved. */
    get unsaved() {
      return editForm !== null && editForm.isDirty();
    },
    askDiscard,
    /** Re-renders after a language or digits change, keeping what was typed. */
    refresh() {
      const typed = tagInput ? tagInput.value : '';
      // The open form is translated in place and put back as it is, with what
      // was typed and the focus it had.
      const focused = editForm && editForm.element.contains(document.activeElement) ? document.activeElement : null;
      if (editForm) editForm.relabel();
      render();
      if (tagInput) tagInput.value = typed;
      if (focused instanceof HTMLElement) focused.focus();
    },
    /** Reloads the shown article's possible duplicates (after one was resolved). */
    async refreshDuplicates() {
      if (!article) return;
      const id = article.id;
      const near = await nearDuplicates(id);
      if (!article || article.id !== id) return;
      pairs = near;
      renderDuplicates();
    },
    /** Moves focus to the reader. */
    focus() {
      pane.focus();
    },
  };
}
