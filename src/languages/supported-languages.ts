/**
 * The languages Sportello accepts, as BCP 47 tags. A tag outside this list is refused everywhere
 * (announcements, groups, mediators), so a typo such as `zh` or `ar-EG` never creates a language
 * nobody is watching. Fallbacks are explicit per language and used only where a caller asks for
 * them (public notice pages); nothing is ever sent in a fallback language silently.
 */
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

const LANGUAGES: readonly SupportedLanguage[] = [
  { code: 'it', name: 'Italian', nativeName: 'Italiano', direction: 'ltr', fallbacks: ['en'] },
  { code: 'en', name: 'English', nativeName: 'English', direction: 'ltr', fallbacks: ['it'] },
  { code: 'fr', name: 'French', nativeName: 'Français', direction: 'ltr', fallbacks: ['en'] },
  { code: 'es', name: 'Spanish', nativeName: 'Español', direction: 'ltr', fallbacks: ['en'] },
  { code: 'pt', name: 'Portuguese', nativeName: 'Português', direction: 'ltr', fallbacks: ['es', 'en'] },
  { code: 'ro', name: 'Romanian', nativeName: 'Română', direction: 'ltr', fallbacks: ['it', 'en'] },
  { code: 'sq', name: 'Albanian', nativeName: 'Shqip', direction: 'ltr', fallbacks: ['it', 'en'] },
  { code: 'uk', name: 'Ukrainian', nativeName: 'Українська', direction: 'ltr', fallbacks: ['en'] },
  { code: 'ru', name: 'Russian', nativeName: 'Русский', direction: 'ltr', fallbacks: ['en'] },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', direction: 'rtl', fallbacks: ['fr', 'en'] },
  { code: 'fa', name: 'Persian', nativeName: 'فارسی', direction: 'rtl', fallbacks: ['en'] },
  { code: 'ur', name: 'Urdu', nativeName: 'اردو', direction: 'rtl', fallbacks: ['en'] },
  { code: 'pa', name: 'Punjabi', nativeName: 'ਪੰਜਾਬੀ', direction: 'ltr', fallbacks: ['en'] },
  { code: 'hi', name: 'Hindi', nativeName: 'हिन्दी', direction: 'ltr', fallbacks: ['en'] },
  { code: 'bn', name: 'Bengali', nativeName: 'বাংলা', direction: 'ltr', fallbacks: ['en'] },
  { code: 'zh-Hans', name: 'Chinese (Simplified)', nativeName: '简体中文', direction: 'ltr', fallbacks: ['en'] },
  { code: 'zh-Hant', name: 'Chinese (Traditional)', nativeName: '繁體中文', direction: 'ltr', fallbacks: ['zh-Hans', 'en'] },
  { code: 'ti', name: 'Tigrinya', nativeName: 'ትግርኛ', direction: 'ltr', fallbacks: ['en'] },
  { code: 'tl', name: 'Tagalog', nativeName: 'Tagalog', direction: 'ltr', fallbacks: ['en'] },
];

const BY_CODE = new Map(LANGUAGES.map((language) => [language.code, language]));

export function listSupportedLanguages(): readonly SupportedLanguage[] {
  return LANGUAGES;
}

export function isSupportedLanguage(code: string): boolean {
  return BY_CODE.has(code);
}

export function findLanguage(code: string): SupportedLanguage | undefined {
  return BY_CODE.get(code);
}

export function scriptDirection(code: string): ScriptDirection {
  return BY_CODE.get(code)?.direction ?? 'ltr';
}

/** The language itself, then its explicit fallbacks, in order; empty for an unsupported code. */
export function fallbackChain(code: string): string[] {
  const language = BY_CODE.get(code);
  return language ? [language.code, ...language.fallbacks] : [];
}
