// The reader's edit form: title, publication (offering the archive's
// publications), date (an ISO date field with the date as the interface
// writes it, and as the source printed it, beside it), authors (several),
// notes and tags (chips and the tag combobox). The form only gathers what the
// archivist typed: the engine validates it, and sets the ids and timestamps.
// After a language change `relabel()` translates the words again in place
// (the fixed ones carry `data-i18n*` attributes; dates, a tag's remove button
// and the error are made again), so nothing typed is lost.

import * as api from '../api.js';
import { h, replace, userText } from '../dom.js';
import { formatDate } from '../format.js';
import { icon } from '../icons.js';
import { applyStatic, t, tNodes } from '../i18n.js';
import { tagLabel } from './sidebar.js';
import { cleanTagName, tagCombobox } from './tag-combobox.js';

/**
 * What the form would save, from an article as stored.
 * @param {import('../api.js').Article} a
 * @returns {import('../api.js').ArticleUpdate}
 */
function fromArticle(a) {
  return {
    title: a.title,
    publication: a.publication ?? '',
    authors: a.authors.slice(),
    date: a.date ?? '',
    notes: a.notes ?? '',
    tags: a.tags.map((tag) => tag.name),
  };
}

/**
 * The same values compared as the engine will store them (trimmed, empty
 * authors dropped), so that a space typed and removed is no change.
 * @param {import('../api.js').ArticleUpdate} u
 * @returns {string}
 */
function comparable(u) {
  return JSON.stringify([
    u.title.trim(),
    u.publication.trim(),
    u.authors.map((a) => a.trim()).filter(Boolean),
    u.date,
    u.notes,
    u.tags,
  ]);
}

/**
 * Builds the form for one article.
 * @param {import('../api.js').Article} article
 * @param {{ onSave: () => void, onCancel: () => void }} handlers
 * @returns {{ element: HTMLElement, value: () => import('../api.js').ArticleUpdate, isDirty: () => boolean,
 *   setBusy: (busy: boolean) => void, showError: (message: (() => Node|string)|null) => void,
 *   relabel: () => void, focus: () => void }}
 */
export function createEditForm(article, handlers) {
  const initial = fromArticle(article);
  /** @type {string[]} */
  let tags = initial.tags.slice();

  /**
   * @param {string} name
   * @param {Object<string, unknown>} attrs
   */
  const field = (name, attrs) =>
    /** @type {HTMLInputElement} */ (h('input', { class: 'text-input', type: 'text', dir: 'auto', id: `edit-${name}`, 'data-testid': `edit-${name}`, ...attrs }));
  /**
   * @param {string} name
   * @param {string} key  i18n key of the label.
   * @param {...Node|null} controls
   */
  const row = (name, key, ...controls) =>
    h('div', { class: 'edit-row' }, h('label', { class: 'edit-label', for: `edit-${name}`, 'data-i18n': key }, t(key)), ...controls);

  const title = field('title', { value: initial.title, required: true, 'aria-required': 'true' });
  const publicationList = h('datalist', { id: 'edit-publications' });
  const publication = field('publication', { value: initial.publication, list: 'edit-publications', autocomplete: 'off' });
  api
    .listPublications()
    .then((names) => replace(publicationList, names.map((name) => h('option', { value: name }))))
    .catch((error) => console.warn(error));

  const date = /** @type {HTMLInputElement} */ (h('input', { class: 'text-input', type: 'date', id: 'edit-date', 'data-testid': 'edit-date', dir: 'ltr', value: initial.date }));
  const dateShown = h('span', { class: 'edit-date-shown', 'data-testid': 'edit-date-shown', 'aria-live': 'polite' });
  const showDate = () => replace(dateShown, h('bdi', null, formatDate(date.value, 'long') ?? ''));
  date.addEventListener('input', showDate);
  showDate();
  const printed = article.date_text ? h('span', { class: 'edit-date-printed' }) : null;
  const showPrinted = () => {
    if (printed && article.date_text) replace(printed, tNodes('edit.datePrinted', { date: userText('bdi', article.date_text) }));
  };
  showPrinted();

  const authorList = h('ul', { class: 'edit-authors', 'data-testid': 'edit-authors' });
  /** @param {string} name */
  function addAuthorRow(name) {
    const input = field('author', { value: name, id: null, 'aria-label': t('edit.author'), 'data-i18n-aria-label': 'edit.author' });
    const item = h(
      'li',
      { class: 'edit-author' },
      input,
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          'aria-label': t('edit.removeAuthor'),
          title: t('edit.removeAuthor'),
          'data-i18n-aria-label': 'edit.removeAuthor',
          'data-i18n-title': 'edit.removeAuthor',
          on: {
            click: () => {
              item.remove();
              const first = /** @type {HTMLInputElement|null} */ (authorList.querySelector('input'));
              (first ?? addAuthor).focus();
            },
          },
        },
        icon('close'),
      ),
    );
    authorList.append(item);
    return input;
  }
  for (const name of initial.authors) addAuthorRow(name);
  const addAuthor = h(
    'button',
    {
      type: 'button',
      class: 'button button-quiet button-small',
      'data-testid': 'edit-add-author',
      'data-i18n': 'edit.addAuthor',
      on: { click: () => addAuthorRow('').focus() },
    },
    t('edit.addAuthor'),
  );

  const notes = /** @type {HTMLTextAreaElement} */ (h('textarea', { class: 'text-input edit-notes', id: 'edit-notes', 'data-testid': 'edit-notes', dir: 'auto', rows: 4 }));
  notes.value = initial.notes;

  const chips = h('ul', { class: 'chip-list', 'data-testid': 'edit-tags', 'aria-label': t('reader.tags'), 'data-i18n-aria-label': 'reader.tags' });
  function renderChips() {
    replace(
      chips,
      tags.map((name) =>
        h(
          'li',
          { class: 'chip', 'data-testid': 'edit-tag-chip', 'data-tag': name },
          tagLabel(name, 'span', { class: 'chip-label tag-name' }),
          h(
            'button',
            {
              type: 'button',
              class: 'chip-remove',
              'aria-label': t('reader.removeTag', { tag: name }),
              title: t('reader.removeTag', { tag: name }),
              on: {
                click: () => {
                  tags = tags.filter((tag) => tag !== name);
                  renderChips();
                  tagInput.focus();
                },
              },
            },
            icon('close'),
          ),
        ),
      ),
    );
  }
  const tagInput = field('tag', {
    id: 'edit-tag',
    autocomplete: 'off',
    enterkeyhint: 'done',
    placeholder: t('reader.addTagPlaceholder'),
    'data-i18n-placeholder': 'reader.addTagPlaceholder',
  });
  /** @param {string} typed */
  function addDraftTag(typed) {
    const name = cleanTagName(typed);
    tagInput.value = '';
    if (name && !tags.includes(name)) {
      tags = [...tags, name];
      renderChips();
    }
  }
  tagCombobox(tagInput, { onPick: addDraftTag });
  tagInput.addEventListener('keydown', (event) => {
    if (event.isComposing || event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    addDraftTag(tagInput.value);
  });
  renderChips();

  const error = h('p', { class: 'edit-error', role: 'alert', 'data-testid': 'edit-error', hidden: true });
  /** @type {(() => Node|string)|null} The error shown, made again after a language change. */
  let errorMessage = null;
  const showError = () => {
    error.hidden = errorMessage === null;
    replace(error, errorMessage ? errorMessage() : null);
  };
  const save = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'edit-save', 'data-i18n': 'edit.save' }, t('edit.save'))
  );
  const cancel = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      { type: 'button', class: 'button button-quiet', 'data-testid': 'edit-cancel', 'data-i18n': 'edit.cancel', on: { click: () => handlers.onCancel() } },
      t('edit.cancel'),
    )
  );

  const element = h(
    'form',
    {
      class: 'edit-form',
      'data-testid': 'edit-form',
      'aria-labelledby': 'edit-form-title',
      novalidate: true,
      on: {
        submit: (/** @type {Event} */ event) => {
          event.preventDefault();
          handlers.onSave();
        },
        keydown: (/** @type {KeyboardEvent} */ event) => {
          if (event.isComposing || event.defaultPrevented) return;
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            handlers.onSave();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            handlers.onCancel();
          }
        },
      },
    },
    h('h2', { class: 'reader-section-title', id: 'edit-form-title', 'data-i18n': 'edit.title' }, t('edit.title')),
    row('title', 'edit.fieldTitle', title),
    row('publication', 'edit.fieldPublication', publication, publicationList),
    row('date', 'edit.fieldDate', h('span', { class: 'edit-date' }, date, dateShown, printed)),
    h(
      'fieldset',
      { class: 'edit-row edit-fieldset' },
      h('legend', { class: 'edit-label', 'data-i18n': 'edit.fieldAuthors' }, t('edit.fieldAuthors')),
      authorList,
      addAuthor,
    ),
    row('tag', 'reader.tags', h('div', { class: 'edit-tags' }, chips, h('span', { class: 'combobox tag-input-wrap' }, tagInput))),
    row('notes', 'reader.notes', notes),
    error,
    h('div', { class: 'edit-actions' }, save, cancel, h('span', { class: 'edit-keys', dir: 'ltr' }, h('kbd', null, 'Ctrl'), '+', h('kbd', null, 'Enter'))),
  );

  /** @returns {import('../api.js').ArticleUpdate} */
  function value() {
    const authors = [...authorList.querySelectorAll('input')].map((input) => /** @type {HTMLInputElement} */ (input).value);
    // A tag typed but not yet confirmed with Enter is meant too.
    const pending = cleanTagName(tagInput.value);
    return {
      title: title.value,
      publication: publication.value,
      authors,
      date: date.value,
      notes: notes.value,
      tags: pending && !tags.includes(pending) ? [...tags, pending] : tags.slice(),
    };
  }

  return {
    element,
    value,
    isDirty: () => comparable(value()) !== comparable(initial),
    setBusy(busy) {
      save.disabled = busy;
      cancel.disabled = busy;
      element.setAttribute('aria-busy', String(busy));
    },
    showError(message) {
      errorMessage = message;
      showError();
    },
    relabel() {
      applyStatic(element);
      showDate();
      showPrinted();
      renderChips();
      showError();
    },
    focus() {
      title.focus();
      title.select();
    },
  };
}
