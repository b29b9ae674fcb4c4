// The settings dialog: interface language, theme, digits, the archive's place
// (archive-place.js: open another archive, a new one, the default), and
// backups: back up now, restore from a backup (after a confirmation saying the
// current archive is kept), check the archive, and where the automatic daily
// backups are kept; and the way into the tag manager.

import * as api from '../api.js';
import { $, baseName, h, replace, userText } from '../dom.js';
import { backupFileName } from '../filename.js';
import { errorText, formatSize } from '../format.js';
import { LANGUAGES, t, tNodes } from '../i18n.js';
import { createArchivePlace } from './archive-place.js';
import { confirm } from './confirm.js';
import { createOutcome } from './outcome.js';

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
 *   onArchiveChanged: () => Promise<void>,
 *   onManageTags: () => void,
 * }} handlers  `onArchiveChanged`: a restore or a switch replaced the archive;
 *   `onManageTags`: the tags section's button (settings closes first).
 */
export function createSettings(handlers) {
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="settings-dialog"]'));
  const language = /** @type {HTMLSelectElement} */ ($('[data-testid="language-select"]', dialog));
  const theme = /** @type {HTMLSelectElement} */ ($('[data-testid="theme-select"]', dialog));
  const digits = /** @type {HTMLSelectElement} */ ($('[data-testid="digits-select"]', dialog));
  const version = $('[data-testid="app-version"]', dialog);
  const backupAuto = $('[data-testid="backup-auto"]', dialog);
  const backupLocation = $('[data-testid="backup-location"]', dialog);
  const actions = /** @type {HTMLButtonElement[]} */ ([
    $('[data-testid="backup-now"]', dialog),
    $('[data-testid="backup-restore"]', dialog),
    $('[data-testid="archive-check"]', dialog),
  ]);
  // One action at a time across the dialog: a backup and a switch never overlap.
  const allActions = /** @type {HTMLButtonElement[]} */ ([
    ...actions,
    ...dialog.querySelectorAll('[data-testid="archive-place"] .backup-actions button'),
  ]);
  const backups = createOutcome($('[data-testid="backup-result"]', dialog), allActions);
  /** @type {import('../api.js').AppInfo|null} */
  let info = null;

  /** Reads where the archive is now (after opening the dialog, a switch or a restore). */
  async function loadInfo() {
    try {
      info = await api.appInfo();
    } catch (error) {
      console.error(error);
    }
    sync();
  }

  const placeOutcome = createOutcome($('[data-testid="archive-result"]', dialog), allActions);
  const place = createArchivePlace({
    root: $('[data-testid="archive-place"]', dialog),
    outcome: placeOutcome,
    fileName,
    getInfo: () => info,
    onSwitched: async () => {
      await Promise.all([handlers.onArchiveChanged(), loadInfo()]);
    },
  });

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
    version.textContent = info ? t('settings.version', { version: info.version }) : '';
    backupAuto.textContent = t('backup.auto', { backups: t('count.backups', { count: info ? info.backups_kept : 7 }) });
    backupLocation.textContent = info ? info.backups_path : t('settings.locationUnknown');
    place.sync();
    backups.render();
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
    backups.run('backup.running', async () => {
      const picked = await api.pickBackupDestination(
        { title: t('backup.saveTitle'), filter: t('backup.filter') },
        backupFileName(t('backup.fileWords'), await today()),
      );
      if (!picked) return null;
      const size = await api.backupArchive(picked.grant);
      const path = picked.paths[0] ?? '';
      return { kind: 'ok', content: () => tNodes('backup.done', { file: fileName(path), size: formatSize(size) }) };
    }),
  );

  actions[1].addEventListener('click', async () => {
    let picked;
    try {
      picked = await api.pickBackupToRestore({
        title: t('backup.openTitle'),
        filter: t('backup.filter'),
        allFiles: t('import.allFiles'),
      });
    } catch (error) {
      backups.set('problem', () => [errorText(error)]);
      return;
    }
    if (!picked) return;
    const { grant } = picked;
    const path = picked.paths[0] ?? '';
    const sure = await confirm(() => ({
      title: t('restore.title'),
      text: tNodes('restore.text', { file: fileName(path) }),
      confirmLabel: t('restore.confirm'),
      // The archive replaced is kept beside it (restore.text says where), so nothing is lost.
      danger: false,
    }));
    if (!sure) return;
    backups.run('restore.running', async () => {
      const report = await api.restoreArchive(grant);
      // Everything the window shows came from the archive that was replaced.
      await handlers.onArchiveChanged();
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
    backups.run('check.running', async () => {
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
  $('[data-testid="settings-manage-tags"]', dialog).addEventListener('click', () => {
    // One modal at a time: the manager takes the settings' place.
    dialog.close();
    handlers.onManageTags();
  });
  for (const button of dialog.querySelectorAll('[data-action="close-settings"]')) {
    button.addEventListener('click', () => dialog.close());
  }

  return {
    /** Opens the dialog and reads where the archive is now. */
    async open() {
      backups.clear();
      placeOutcome.clear();
      sync();
      dialog.showModal();
      await loadInfo();
    },
    /** Re-renders after a language change. */
    refresh() {
      sync();
    },
  };
}
