// The settings dialog: interface language, theme, digits, and where the
// archive lives (read-only, from app_info). Every change applies at once.

import * as api from '../api.js';
import { $, h, replace } from '../dom.js';
import { LANGUAGES, t } from '../i18n.js';

/**
 * @param {{
 *   getPrefs: () => import('../prefs.js').Prefs,
 *   onChange: (changes: Partial<import('../prefs.js').Prefs>) => void,
 * }} handlers
 */
export function createSettings(handlers) {
  const dialog = /** @type {HTMLDialogElement} */ ($('[data-testid="settings-dialog"]'));
  const language = /** @type {HTMLSelectElement} */ ($('[data-testid="language-select"]', dialog));
  const theme = /** @type {HTMLSelectElement} */ ($('[data-testid="theme-select"]', dialog));
  const digits = /** @type {HTMLSelectElement} */ ($('[data-testid="digits-select"]', dialog));
  const location = $('[data-testid="archive-location"]', dialog);
  const version = $('[data-testid="app-version"]', dialog);
  /** @type {import('../api.js').AppInfo|null} */
  let info = null;

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
  }

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
