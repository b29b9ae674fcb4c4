// The status line under a group of settings actions (backups, the archive's
// place): the last outcome, rebuilt on a language change, and the run of one
// action with every action button disabled meanwhile.

import { h, replace } from '../dom.js';
import { errorText } from '../format.js';
import { t } from '../i18n.js';

/** @typedef {'ok'|'problem'|'busy'} OutcomeKind */
/** @typedef {{ kind: 'ok'|'problem', content: () => (Node|string)[] }} Outcome */

/**
 * @param {HTMLElement} element  The status region (`role="status"`).
 * @param {HTMLButtonElement[]} buttons  Disabled while an action runs.
 */
export function createOutcome(element, buttons) {
  /** @type {(() => (Node|string)[])|null} Rebuilt on a language change. */
  let content = null;
  /** @type {OutcomeKind} */
  let kind = 'ok';

  function render() {
    element.hidden = content === null;
    element.setAttribute('data-kind', kind);
    replace(element, content ? h('p', null, content()) : null);
  }

  /**
   * @param {OutcomeKind} nextKind
   * @param {(() => (Node|string)[])|null} nextContent  Null hides the line.
   */
  function set(nextKind, nextContent) {
    kind = nextKind;
    content = nextContent;
    render();
  }

  /**
   * Runs one action with the buttons disabled and its outcome shown.
   * @param {string} busyKey
   * @param {() => Promise<Outcome|null>} work  Null: the user cancelled a dialog.
   */
  async function run(busyKey, work) {
    for (const button of buttons) button.disabled = true;
    const before = { kind, content };
    set('busy', () => [t(busyKey)]);
    try {
      const done = await work();
      if (done) set(done.kind, done.content);
      else set(before.kind, before.content);
    } catch (error) {
      console.error(error);
      set('problem', () => [errorText(error)]);
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  }

  return { render, set, run, clear: () => set('ok', null) };
}
