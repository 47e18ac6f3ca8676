import { join } from 'node:path';
import { PROJECT_ROOT } from '../platform/project-root.js';
import { loadLanguageCatalogue, type ScriptDirection, type SupportedLanguage } from './language-catalogue.js';

export type { ScriptDirection, SupportedLanguage };

/**
 * The languages Sportello accepts, as BCP 47 tags, from the `_language` blocks of `locales/` (see
 * `loadLanguageCatalogue`). A tag outside this list is refused everywhere (announcements, groups, mediators),
 * so a typo such as `zh` or `ar-EG` never creates a language nobody is watching. Fallbacks are explicit per
 * language and used only where a caller asks for them (public notice pages); nothing is ever sent in a
 * fallback language silently. Read once, on first use: request schemas ask it synchronously.
 */
let catalogue: { list: readonly SupportedLanguage[]; byCode: ReadonlyMap<string, SupportedLanguage> } | undefined;

function languages(): NonNullable<typeof catalogue> {
  if (!catalogue) {
    const list = loadLanguageCatalogue(join(PROJECT_ROOT, 'locales'));
    catalogue = { list, byCode: new Map(list.map((language) => [language.code, language])) };
  }
  return catalogue;
}

export function listSupportedLanguages(): readonly SupportedLanguage[] {
  return languages().list;
}

export function isSupportedLanguage(code: string): boolean {
  return languages().byCode.has(code);
}

export function findLanguage(code: string): SupportedLanguage | undefined {
  return languages().byCode.get(code);
}

export function scriptDirection(code: string): ScriptDirection {
  return languages().byCode.get(code)?.direction ?? 'ltr';
}

/** The language itself, then its explicit fallbacks, in order; empty for an unsupported code. */
export function fallbackChain(code: string): string[] {
  const language = languages().byCode.get(code);
  return language ? [language.code, ...language.fallbacks] : [];
}
