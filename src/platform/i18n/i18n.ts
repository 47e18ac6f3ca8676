import i18next, { type i18n } from 'i18next';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One i18next instance for the whole service, loaded from `locales/<lang>.json` at start-up
 * (synchronously: the files are small and must all be there before the first request).
 * Fallbacks are explicit: Traditional Chinese falls back to Simplified, everything to English, then Italian.
 */
export async function createI18n(localesDir: string): Promise<i18n> {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const file of readdirSync(localesDir)) {
    if (!file.endsWith('.json')) continue;
    resources[file.slice(0, -'.json'.length)] = { translation: JSON.parse(readFileSync(join(localesDir, file), 'utf8')) as Record<string, unknown> };
  }
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'it',
    fallbackLng: { 'zh-Hant': ['zh-Hans', 'en', 'it'], default: ['en', 'it'] },
    supportedLngs: Object.keys(resources),
    nonExplicitSupportedLngs: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/**
 * A translator that answers only in the language asked for (undefined when it has no such text: callers choose
 * their own fallback, as the inbox sends Italian and English together), with i18next's interpolation of `values`.
 */
export function exactLanguageTranslator(instance: i18n): (key: string, language: string, values?: Record<string, string | number>) => string | undefined {
  return (key, language, values) => {
    // `exists` with the values: a plural (`count`) is found under its `_one`/`_other` keys.
    const options = { lng: language, fallbackLng: false as const, ...values };
    return instance.exists(key, options) ? instance.t(key, options) : undefined;
  };
}
