// The query-syntax help: a "?" button in the search box opens a small dialog
// with a table of examples in the interface language (Arabic field names in
// the Arabic interface, the English ones otherwise; the backend reads both).
// Clicking an example adds it to the search box and runs the search.

import { $, h, replace } from '../dom.js';
import { lang, locale, t, tNodes } from '../i18n.js';

/**
 * @typedef {Object} Example
 * @property {string} ar  The example as written in the Arabic interface.
 * @property {string} latin  As written in the French and English interfaces.
 * @property {string} meaning  i18n key.
 */

/** @type {Example[]} */
const EXAMPLES = [
  { ar: 'الأمن الوطني', latin: 'الأمن الوطني', meaning: 'help.and' },
  { ar: 'المغرب أو الجزائر', latin: 'المغرب OR الجزائر', meaning: 'help.or' },
  { ar: 'الأمن (المغرب أو إسبانيا)', latin: 'الأمن (المغرب OR إسبانيا)', meaning: 'help.group' },
  { ar: 'الأمن -إسبانيا', latin: 'الأمن -إسبانيا', meaning: 'help.not' },
  { ar: '"الأمن الوطني"', latin: '"الأمن الوطني"', meaning: 'help.phrase' },
  { ar: 'تعاو*', latin: 'تعاو*', meaning: 'help.prefix' },
  { ar: '="المغرب"', latin: '="المغرب"', meaning: 'help.exact' },
  { ar: 'وسم:"أمن/تعاون دولي"', latin: 'tag:"أمن/تعاون دولي"', meaning: 'help.tag' },
  { ar: 'جريدة:هسبريس', latin: 'publication:هسبريس', meaning: 'help.publication' },
  { ar: 'لغة:fr', latin: 'lang:fr', meaning: 'help.lang' },
  { ar: 'من:2022 إلى:2022-08', latin: 'from:2022 to:2022-08', meaning: 'help.dates' },
  // A two-word month name finds the month under its other regional names too.
  { ar: 'كانون الثاني 2022', latin: 'كانون الثاني 2022', meaning: 'help.month' },
];

/** The field names in the other spelling than the examples use. */
const OTHER_FIELDS = {
  ar: ['tag:', 'publication:', 'lang:', 'from:', 'to:'],
  latin: ['وسم:', 'جريدة:', 'لغة:', 'من:', 'إلى:'],
};

/**
 * An example as shown: a date with hyphens (2022-08) sits in a left-to-right
 * isolate, or the bidi algorithm shows it as 08-2022 after an Arabic word.
 * The text inserted into the search box stays as written.
 * @param {string} text
 * @returns {(Node|string)[]}
 */
function exampleNodes(text) {
  return text.split(/(\d+(?:-\d+)+)/).map((part, index) => (index % 2 ? h('bdi', { dir: 'ltr' }, part) : part));
}

/**
 * @param {{ onInsert: (example: string) => void }} handlers
 */
export function createHelp(handlers) {
  const button = $('[data-testid="syntax-help-button"]');
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="syntax-help"]'));
  const rows = $('[data-role="help-rows"]', dialog);
  const fields = $('[data-role="help-fields"]', dialog);

  function render() {
    const arabic = lang() === 'ar';
    const names = arabic ? OTHER_FIELDS.ar : OTHER_FIELDS.latin;
    const list = new Intl.ListFormat(locale(), { type: 'conjunction' })
      .formatToParts(names)
      .map((part) =>
        part.type === 'element'
          ? h('code', { class: 'operator', dir: 'auto' }, part.value)
          : document.createTextNode(part.value),
      );
    replace(fields, tNodes('help.fields', { fields: h('span', null, list) }));
    replace(
      rows,
      EXAMPLES.map((example) => {
        const text = arabic ? example.ar : example.latin;
        return h(
          'tr',
          null,
          h(
            'td',
            { class: 'help-example-cell' },
            h(
              'button',
              {
                type: 'button',
                class: 'help-example',
                'data-testid': 'syntax-example',
                'data-example': text,
                title: t('help.insert'),
                on: {
                  click: () => {
                    dialog.close('insert');
                    handlers.onInsert(text);
                  },
                },
              },
              // Query text mixes Arabic words, Latin field names and digits:
              // each example takes the direction of its first strong letter.
              h('code', { class: 'help-code', dir: 'auto' }, exampleNodes(text)),
            ),
          ),
          h('td', { class: 'help-meaning' }, t(example.meaning)),
        );
      }),
    );
  }

  button.addEventListener('click', () => {
    render();
    dialog.returnValue = '';
    dialog.showModal();
    const first = dialog.querySelector('.help-example');
    if (first instanceof HTMLElement) first.focus();
  });

  for (const close of dialog.querySelectorAll('[data-action="close-help"]')) {
    close.addEventListener('click', () => dialog.close('close'));
  }

  // A click on the backdrop (the dialog box itself, outside its content) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close('close');
  });

  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'insert') button.focus();
  });

  render();

  return {
    /** Re-renders after a language change. */
    refresh() {
      render();
    },
  };
}
