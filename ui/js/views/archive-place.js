// The archive's place, in settings: where it is (copy the path, show the
// folder), why it is that one (default, chosen here, ARSHIF_DB), and the
// switch to another archive without a restart: open one, create one, or go
// back to the default. After a switch the whole window reloads its data.

import * as api from '../api.js';
import { $ } from '../dom.js';
import { errorText } from '../format.js';
import { t, tNodes } from '../i18n.js';

/** @type {Record<string, string>} */
const SOURCE_KEYS = {
  default: 'archive.sourceDefault',
  chosen: 'archive.sourceChosen',
  environment: 'archive.sourceEnvironment',
};

/**
 * @param {{
 *   root: HTMLElement,
 *   outcome: ReturnType<typeof import('./outcome.js').createOutcome>,
 *   fileName: (path: string) => HTMLElement,
 *   getInfo: () => import('../api.js').AppInfo|null,
 *   onSwitched: () => Promise<void>,
 * }} options  `onSwitched` reloads the window's data and the settings' info.
 */
export function createArchivePlace({ root, outcome, fileName, getInfo, onSwitched }) {
  const location = $('[data-testid="archive-location"]', root);
  const source = $('[data-testid="archive-source"]', root);
  const useDefault = /** @type {HTMLButtonElement} */ ($('[data-testid="archive-default"]', root));

  /** Shows the current path and where it comes from. */
  function sync() {
    const info = getInfo();
    location.textContent = info ? info.db_path : t('settings.locationUnknown');
    source.textContent = info ? t(SOURCE_KEYS[info.archive_source] ?? SOURCE_KEYS.chosen) : '';
    useDefault.hidden = !info || info.db_path === info.default_path;
    outcome.render();
  }

  /**
   * Runs one switch and says what it did.
   * @param {() => Promise<import('../api.js').ArchiveSwitch|null>} open  Null if the user
   *   cancelled the dialog.
   * @param {string} doneKey
   */
  function switchTo(open, doneKey) {
    outcome.run('archive.opening', async () => {
      const switched = await open();
      if (!switched) return null;
      // Everything the window shows came from the archive that was open before.
      await onSwitched();
      return {
        kind: 'ok',
        content: () => {
          const articles = t('count.articles', { count: switched.articles });
          /** @type {(Node|string)[]} */
          const parts = [...tNodes(doneKey, { file: fileName(switched.path), articles })];
          if (!switched.remembered) parts.push(' ', t('archive.notRemembered'));
          return parts;
        },
      };
    });
  }

  $('[data-testid="archive-open"]', root).addEventListener('click', () =>
    switchTo(async () => {
      const picked = await api.pickArchiveToOpen({
        title: t('archive.openTitle'),
        filter: t('backup.filter'),
        allFiles: t('import.allFiles'),
      });
      return picked && api.openArchive(picked.grant);
    }, 'archive.opened'),
  );
  $('[data-testid="archive-new"]', root).addEventListener('click', () =>
    switchTo(async () => {
      const picked = await api.pickArchiveToCreate(
        { title: t('archive.newTitle'), filter: t('backup.filter') },
        `${t('archive.newFileWords')}.arshif`,
      );
      return picked && api.createArchive(picked.grant);
    }, 'archive.created'),
  );
  useDefault.addEventListener('click', () =>
    switchTo(() => api.openDefaultArchive(), 'archive.opened'),
  );

  $('[data-testid="archive-copy-path"]', root).addEventListener('click', async () => {
    const path = getInfo()?.db_path;
    if (!path) return;
    try {
      await navigator.clipboard.writeText(path);
      outcome.set('ok', () => [t('archive.copied')]);
    } catch {
      // No clipboard access: select the path so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(location);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
    }
  });
  $('[data-testid="archive-show-folder"]', root).addEventListener('click', async () => {
    try {
      await api.showArchiveFolder();
    } catch (error) {
      outcome.set('problem', () => [errorText(error)]);
    }
  });

  return { sync };
}
