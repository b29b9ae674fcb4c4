// The settings dialog: interface language, theme, digits, where the archive
// lives (read-only, from app_info), and backups: back up now, restore from a
// backup (after a confirmation saying the current archive is kept), check the
// archive, and where the automatic daily backups are kept.

import * as api from '../api.js';
import { $, baseName, h, replace, userText } from '../dom.js';
import { backupFileName } from '../filename.js';
import { errorText, formatSize } from '../format.js';
import { LANGUAGES, t, tNodes } from '../i18n.js';

/**
 * A file name in a `<bdi>`, its full path as the tooltip.
 * @param {string} path
 * @returns {HTMLElement}
 */
function fileName(path) {
  return userText('bdi', baseName(path), { class: 'notice-file', title: path });
}

/**
 * The check's report in the interface language, built from its fields (the
 * engine's `summary` is English, for logs).
 * @param {import('../api.js').CheckReport} report
 * @returns {string[]}
 */
export function checkSentences(report) {
  const articles = t('count.articles', { count: report.articles ?? 0 });
  if (report.healthy) return [t('check.healthy', { articles })];
  /** @type {string[]} */
  const sentences = [];
  if (report.integrity_problems.length) {
    sentences.push(t('check.damaged', { problems: t('count.problems', { count: report.integrity_problems.length }) }));
  }
  if (report.broken_links.length) sentences.push(t('count.brokenLinks', { count: report.broken_links.length }));
  if (report.search_index_problem) sentences.push(t('check.index'));
  return sentences;
}

/**
 * @param {{
 *   getPrefs: () => import('../prefs.js').Prefs,
 *   onChange: (changes: Partial<import('../prefs.js').Prefs>) => void,
 *   onRestored: () => Promise<void>,
 * }} handlers
 */
export function createSettings(handlers) {
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="settings-dialog"]'));
  const language = /** @type {HTMLSelectElement} */ ($('[data-testid="language-select"]', dialog));
  const theme = /** @type {HTMLSelectElement} */ ($('[data-testid="theme-select"]', dialog));
  const digits = /** @type {HTMLSelectElement} */ ($('[data-testid="digits-select"]', dialog));
  const location = $('[data-testid="archive-location"]', dialog);
  const version = $('[data-testid="app-version"]', dialog);
  const backupAuto = $('[data-testid="backup-auto"]', dialog);
  const backupLocation = $('[data-testid="backup-location"]', dialog);
  const result = $('[data-testid="backup-result"]', dialog);
  const actions = /** @type {HTMLButtonElement[]} */ ([
    $('[data-testid="backup-now"]', dialog),
    $('[data-testid="backup-restore"]', dialog),
    $('[data-testid="archive-check"]', dialog),
  ]);
  const restoreDialog = /** @type {HTMLDialogElement} */ ($('[data-testid="restore-dialog"]'));
  const restoreConfirm = /** @type {HTMLButtonElement} */ ($('[data-testid="restore-confirm"]', restoreDialog));
  /** @type {import('../api.js').AppInfo|null} */
  let info = null;
  /** @type {(() => (Node|string)[])|null} The last outcome, re-rendered on a language change. */
  let outcome = null;
  /** @type {'ok'|'problem'|'busy'} */
  let outcomeKind = 'ok';
  /** @type {string|null} The backup waiting for the restore confirmation. */
  let pendingRestore = null;

  // Each language is named in itself, so anyone can find their own.
  replace(
    language,
    LANGUAGES.map((lang) => h('option', { value: lang.code, lang: lang.code, dir: lang.code === 'ar' ? 'rtl' : 'ltr' }, lang.name)),
  );

  function sync() {
    const prefs = handlers.getPrefs();
    language.value = prefs.language;
    theme.value = prefs.theme;
    digits.value = prefs.digits;
    digits.disabled = prefs.language !== 'ar';
    location.textContent = info ? info.db_path : t('settings.locationUnknown');
    version.textContent = info ? t('settings.version', { version: info.version }) : '';
    backupAuto.textContent = t('backup.auto', { backups: t('count.backups', { count: info ? info.backups_kept : 7 }) });
    backupLocation.textContent = info ? info.backups_path : t('settings.locationUnknown');
    renderOutcome();
  }

  function renderOutcome() {
    result.hidden = outcome === null;
    result.setAttribute('data-kind', outcomeKind);
    replace(result, outcome ? h('p', null, outcome()) : null);
  }

  /**
   * @param {'ok'|'problem'|'busy'} kind
   * @param {() => (Node|string)[]} content  Rebuilt on a language change.
   */
  function setOutcome(kind, content) {
    outcomeKind = kind;
    outcome = content;
    renderOutcome();
  }

  /** @typedef {{ kind: 'ok'|'problem', content: () => (Node|string)[] }} Outcome */

  /**
   * Runs one backup action with the buttons disabled and its outcome shown.
   * @param {string} busyKey
   * @param {() => Promise<Outcome|null>} work  Null: the user cancelled a dialog.
   */
  async function act(busyKey, work) {
    for (const button of actions) button.disabled = true;
    const before = { outcome, outcomeKind };
    setOutcome('busy', () => [t(busyKey)]);
    try {
      const done = await work();
      if (done) {
        setOutcome(done.kind, done.content);
      } else {
        outcome = before.outcome;
        outcomeKind = before.outcomeKind;
        renderOutcome();
      }
    } catch (error) {
      console.error(error);
      setOutcome('problem', () => [errorText(error)]);
    } finally {
      for (const button of actions) button.disabled = false;
    }
  }

  /** @returns {Promise<string>} */
  async function today() {
    try {
      return await api.exportDate();
    } catch {
      return new Date().toISOString().slice(0, 10);
    }
  }

  actions[0].addEventListener('click', () =>
    act('backup.running', async () => {
      const path = await api.pickSavePath({
        title: t('backup.saveTitle'),
        defaultPath: backupFileName(t('backup.fileWords'), await today()),
        filterName: t('backup.filter'),
        extensions: ['arshif'],
      });
      if (!path) return null;
      const size = await api.backupArchive(path);
      return { kind: 'ok', content: () => tNodes('backup.done', { file: fileName(path), size: formatSize(size) }) };
    }),
  );

  actions[1].addEventListener('click', async () => {
    let path;
    try {
      path = await api.pickBackup({ title: t('backup.openTitle'), backups: t('backup.filter'), allFiles: t('import.allFiles') });
    } catch (error) {
      setOutcome('problem', () => [errorText(error)]);
      return;
    }
    if (!path) return;
    pendingRestore = path;
    replace($('.confirm-text', restoreDialog), tNodes('restore.text', { file: fileName(path) }));
    restoreConfirm.disabled = false;
    restoreDialog.showModal();
  });

  $('[data-action="cancel-restore"]', restoreDialog).addEventListener('click', () => restoreDialog.close('cancel'));
  restoreConfirm.addEventListener('click', () => {
    const path = pendingRestore;
    restoreDialog.close('restore');
    if (!path) return;
    act('restore.running', async () => {
      const report = await api.restoreArchive(path);
      // Everything the window shows came from the archive that was replaced.
      await handlers.onRestored();
      return {
        kind: 'ok',
        content: () => {
          /** @type {(Node|string)[]} */
          const parts = [...tNodes('restore.done', { articles: t('count.articles', { count: report.articles }) })];
          if (report.previous) parts.push(' ', ...tNodes('restore.previous', { file: fileName(report.previous) }));
          return parts;
        },
      };
    });
  });

  actions[2].addEventListener('click', () =>
    act('check.running', async () => {
      const report = await api.checkArchive();
      return { kind: report.healthy ? 'ok' : 'problem', content: () => [checkSentences(report).join(' ')] };
    }),
  );

  language.addEventListener('change', () => {
    handlers.onChange({ language: /** @type {import('../i18n.js').Lang} */ (language.value) });
    sync();
  });
  theme.addEventListener('change', () => {
    handlers.onChange({ theme: /** @type {import('../prefs.js').Theme} */ (theme.value) });
  });
  digits.addEventListener('change', () => {
    handlers.onChange({ digits: digits.value === 'arab' ? 'arab' : 'latn' });
  });
  for (const button of dialog.querySelectorAll('[data-action="close-settings"]')) {
    button.addEventListener('click', () => dialog.close());
  }

  return {
    /** Opens the dialog, fetching the archive location the first time. */
    async open() {
      outcome = null;
      sync();
      dialog.showModal();
      if (!info) {
        try {
          info = await api.appInfo();
        } catch (error) {
          console.error(error);
        }
        sync();
      }
    },
    /** Re-renders after a language change. */
    refresh() {
      sync();
    },
  };
}
