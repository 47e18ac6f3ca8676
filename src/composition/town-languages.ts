import type { i18n } from 'i18next';
import { listSupportedLanguages, type SupportedLanguage } from '../languages/index.js';
import { ConfigError } from '../platform/config.js';
import type { Logger } from '../platform/logging/logger.js';

/**
 * TOWN_LANGUAGES checked against the catalogue (the `_language` blocks of `locales/`: a tag without one stops the
 * start, as a bad setting does), or the whole catalogue when unset. A town language whose locale file lacks the
 * inbox's texts still works: its citizens are acknowledged in Italian and English, and the log says which to add.
 */
export function townLanguagesOf(
  configured: readonly string[] | undefined,
  i18nInstance: i18n,
  log: Logger,
  catalogue: readonly SupportedLanguage[] = listSupportedLanguages(),
): readonly string[] {
  if (!configured) return catalogue.map((language) => language.code);
  const unknown = configured.filter((code) => !catalogue.some((language) => language.code === code));
  if (unknown.length > 0) throw new ConfigError([`TOWN_LANGUAGES: ${unknown.join(', ')} not in the catalogue (GET /api/v1/languages)`]);
  const untranslated = configured.filter((code) => typeof i18nInstance.getResource(code, 'translation', 'inbox.ack') !== 'string');
  if (untranslated.length > 0) log.warn({ languages: untranslated }, 'town languages without locales/<code>.json: their citizens are acknowledged in Italian and English');
  return configured;
}
