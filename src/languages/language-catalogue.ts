import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export type ScriptDirection = 'ltr' | 'rtl';

export interface SupportedLanguage {
  code: string;
  /** English name, for staff. */
  name: string;
  /** Name in the language itself, for citizens choosing a language on a notice page. */
  nativeName: string;
  direction: ScriptDirection;
  /** Tried in order when this language has no approved text, before the source language. */
  fallbacks: readonly string[];
}

/** The `_language` block at the top of `locales/<code>.json`: what Sportello needs to know of the language itself. */
const LanguageBlock = z.strictObject({
  name: z.string().min(1),
  nativeName: z.string().min(1),
  direction: z.enum(['ltr', 'rtl']),
  fallbacks: z.array(z.string()).default([]),
});

const TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?$/;

/**
 * The languages a town can choose from, read from `locales/`: a locale file with a `_language` block is a
 * language of the catalogue. Adding one (Amharic, Wolof, Tamil) is one file — its block, its citizens' texts —
 * and then a setting (TOWN_LANGUAGES); no code changes. A file whose block is malformed, or whose fallbacks name
 * a language the catalogue does not have, stops the start with the file's name: a silent gap here would leave
 * citizens unacknowledged or notices sent in the wrong language.
 */
export function loadLanguageCatalogue(localesDir: string): SupportedLanguage[] {
  const languages: SupportedLanguage[] = [];
  for (const file of readdirSync(localesDir).filter((name) => name.endsWith('.json')).sort()) {
    const code = file.slice(0, -'.json'.length);
    const block = (JSON.parse(readFileSync(join(localesDir, file), 'utf8')) as { _language?: unknown })._language;
    if (block === undefined) continue;
    if (!TAG.test(code)) throw new Error(`locales/${file}: the file name must be a BCP 47 tag such as "am" or "zh-Hant"`);
    const parsed = LanguageBlock.safeParse(block);
    if (!parsed.success) throw new Error(`locales/${file}: _language.${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
    languages.push({ code, ...parsed.data });
  }
  const codes = new Set(languages.map((language) => language.code));
  for (const language of languages) {
    const unknown = language.fallbacks.filter((fallback) => !codes.has(fallback) || fallback === language.code);
    if (unknown.length > 0) throw new Error(`locales/${language.code}.json: _language.fallbacks names ${unknown.join(', ')}, not another language of the catalogue`);
  }
  // Italian first (the office writes in it), then by English name, as staff look them up.
  return languages.sort((a, b) => (a.code === 'it' ? -1 : b.code === 'it' ? 1 : a.name.localeCompare(b.name, 'en')));
}
