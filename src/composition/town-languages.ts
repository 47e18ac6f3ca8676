import type { i18n } from 'i18next';
import { isSupportedLanguage, listSupportedLanguages } from '../languages/index.js';
import { ConfigError } from '../platform/config.js';
import type { Logger } from '../platform/logging/logger.js';

/**
 * TOWN_LANGUAGES checked against the catalogue (a tag Sportello does not know stops the start, as a bad
 * setting does), or the whole catalogue when unset. A town language without its locale file still works:
 * its citizens are acknowledged in Italian and English, and the log says which file to add.
 */
export function townLanguagesOf(configured: readonly string[] | undefined, i18nInstance: i18n, log: Logger): readonly string[] {
  if (!configured) return listSupportedLanguages().map((language) => language.code);
  const unknown = configured.filter((code) => !isSupportedLanguage(code));
  if (unknown.length > 0) throw new ConfigError([`TOWN_LANGUAGES: ${unknown.join(', ')} not in the catalogue (GET /api/v1/languages)`]);
  const untranslated = configured.filter((code) => typeof i18nInstance.getResource(code, 'translation', 'inbox.ack') !== 'string');
  if (untranslated.length > 0) log.warn({ languages: untranslated }, 'town languages without locales/<code>.json: their citizens are acknowledged in Italian and English');
  return configured;
}
