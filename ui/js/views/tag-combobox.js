// The tag name input's suggestions: an ARIA combobox (the input) with a
// listbox of options below it. The matching is the engine's (`suggest_tags`,
// the analyzer's normal form), so "ميزانيه" offers "ميزانية"; a browser
// <datalist> would only match the exact letters typed.
//
// Keys: ↓/↑ move through the options (opening the list), Enter takes the
// active option into the input and lets the owner's Enter handler go on with
// it, Escape closes the list (and stops there, so an enclosing dialog or form
// does not close too). The list follows the page's direction by itself: it is
// laid out with logical properties and each option has `dir="auto"`.

import * as api from '../api.js';
import { h, replace } from '../dom.js';

/** How many tags are offered. */
const LIMIT = 8;
/** Milliseconds of quiet typing before the engine is asked. */
const DELAY = 120;

let instances = 0;

/**
 * A typed tag name as every tag input cleans it: inner spaces belong to
 * the name, the slashes' surrounding spaces do not.
 * @param {string} typed
 * @returns {string}
 */
export function cleanTagName(typed) {
  return typed.trim().replace(/\s*\/\s*/g, '/');
}

/**
 * Turns a text input into a tag combobox. Call it before adding the owner's
 * own keydown listener, so an Enter on an option fills the input first.
 * @param {HTMLInputElement} input  Must sit in an element with the class `combobox`.
 * @param {{ onPick?: (name: string) => void }} [options]  Called when an option is clicked.
 * @returns {{ close: () => void }}
 */
export function tagCombobox(input, options = {}) {
  const id = `tag-options-${++instances}`;
  const list = h('ul', { class: 'combobox-list', role: 'listbox', id, 'data-testid': 'tag-options', hidden: true });
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', id);
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('list');

  /** @type {string[]} */
  let names = [];
  let active = -1;
  let asked = 0;
  /** @type {number|undefined} */
  let timer;

  function render() {
    const open = names.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
    replace(
      list,
      names.map((name, i) =>
        h(
          'li',
          {
            class: 'combobox-option',
            role: 'option',
            id: `${id}-${i}`,
            dir: 'auto',
            'data-testid': 'tag-option',
            'aria-selected': String(i === active),
            on: {
              // Keeps the focus (and the caret) in the input.
              mousedown: (/** @type {Event} */ event) => event.preventDefault(),
              click: () => pick(name),
            },
          },
          name,
        ),
      ),
    );
    const current = active >= 0 ? list.children[active] : null;
    if (current) current.scrollIntoView({ block: 'nearest' });
  }

  function close() {
    window.clearTimeout(timer);
    asked++;
    names = [];
    active = -1;
    render();
  }

  /** @param {string} name */
  function pick(name) {
    input.value = name;
    close();
    if (options.onPick) options.onPick(name);
  }

  async function ask() {
    const typed = input.value.trim();
    const mine = ++asked;
    if (!typed) {
      close();
      return;
    }
    try {
      const tags = await api.suggestTags(typed, LIMIT);
      if (mine !== asked || document.activeElement !== input) return;
      // The name typed exactly is no suggestion.
      names = tags.map((tag) => tag.name).filter((name) => name !== typed);
      active = -1;
      render();
    } catch (error) {
      // Suggestions are a help: typing a tag works without them.
      console.warn(error);
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, DELAY);
  });
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!names.length) {
        if (event.key === 'ArrowDown') ask();
        return;
      }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + names.length + 1) % (names.length + 1);
      // One step past either end leaves the options for what was typed.
      if (active === names.length) active = -1;
      render();
    } else if (event.key === 'Enter' && active >= 0 && !event.ctrlKey && !event.metaKey) {
      input.value = names[active];
      close();
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  return { close };
}
