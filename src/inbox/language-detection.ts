/**
 * A guess at the citizen's language from the script they write in, for routing until they choose one
 * (`LANG xx`). Only scripts that point to one language of ours count: Latin script could be any of eight,
 * so it yields nothing. Arabic script is read as Arabic, and Cyrillic as Russian: the most frequent in town;
 * a mediator who sees otherwise changes the conversation's language.
 */
const SCRIPTS: ReadonlyArray<[RegExp, string]> = [
  [/\p{Script=Han}/u, 'zh-Hans'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Gurmukhi}/u, 'pa'],
  [/\p{Script=Ethiopic}/u, 'ti'],
];

/** Urdu letters Arabic does not use (ٹ ڈ ڑ ں ے ھ), and Persian ones (پ چ ژ گ) without them. */
const URDU = /[\u0679\u0688\u0691\u06BA\u06D2\u06BE]/u;
const PERSIAN = /[\u067E\u0686\u0698\u06AF]/u;

export function detectLanguage(text: string): string | undefined {
  for (const [script, language] of SCRIPTS) {
    if (!script.test(text)) continue;
    if (language === 'ar' && URDU.test(text)) return 'ur';
    if (language === 'ar' && PERSIAN.test(text)) return 'fa';
    return language;
  }
  return undefined;
}
