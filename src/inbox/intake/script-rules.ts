import * as OpenCC from 'opencc-js';
import { findLanguage } from '../../languages/index.js';

/**
 * What the letters alone say, where the statistical detectors blur languages that share a script: they read
 * "Chinese" without its two written forms, and mix up Ukrainian and Russian, or Arabic, Persian and Urdu,
 * on a short message. Each rule answers only when the letters settle it, and says nothing otherwise.
 */

export type Script = 'Latin' | 'Cyrillic' | 'Arabic' | 'Han' | 'Devanagari' | 'Gurmukhi' | 'Bengali' | 'Ethiopic' | 'Other';

const SCRIPTS: ReadonlyArray<[Script, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Gurmukhi', /\p{Script=Gurmukhi}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Ethiopic', /\p{Script=Ethiopic}/u],
];

/**
 * Scripts of languages the chats are known to carry, for a language whose catalogue entry (`locales/<tag>.json`)
 * does not settle it; otherwise a language is written in the script of its native name (`scriptOfLanguage`).
 */
const LANGUAGE_SCRIPTS: Record<string, Script> = {
  ar: 'Arabic',
  fa: 'Arabic',
  ur: 'Arabic',
  ps: 'Arabic',
  ru: 'Cyrillic',
  uk: 'Cyrillic',
  bg: 'Cyrillic',
  'zh-Hans': 'Han',
  'zh-Hant': 'Han',
  hi: 'Devanagari',
  ne: 'Devanagari',
  mr: 'Devanagari',
  pa: 'Gurmukhi',
  bn: 'Bengali',
  ti: 'Ethiopic',
  am: 'Ethiopic',
};

/**
 * The script citizens write a language in: that of its native name in the catalogue (ትግርኛ, 简体中文, தமிழ் as
 * 'Other'), so a language added by a locale file is weighed with its own script; Latin when nothing says.
 */
export function scriptOfLanguage(language: string): Script {
  const native = findLanguage(language)?.nativeName;
  const ofNative = native ? scriptOf(native)?.script : undefined;
  return ofNative ?? LANGUAGE_SCRIPTS[language] ?? 'Latin';
}

/**
 * The script the message is written in. Citizens drop Italian office words ("permesso", "questura") into
 * messages in their own script, and hardly ever the reverse: any other script with two letters (one Han
 * character, a word of its own) wins over Latin.
 */
export function scriptOf(text: string): { script: Script; letters: string } | undefined {
  const counts = new Map<Script, string[]>();
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    const script = SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other';
    const chars = counts.get(script);
    if (chars) chars.push(char);
    else counts.set(script, [char]);
  }
  const others = [...counts.entries()].filter(([script, chars]) => script !== 'Latin' && chars.length >= (script === 'Han' ? 1 : 2));
  others.sort((a, b) => b[1].length - a[1].length);
  const [script, chars] = others[0] ?? ['Latin', counts.get('Latin') ?? []];
  return chars.length > 0 ? { script, letters: chars.join('') } : undefined;
}

/** Letters only one of the two uses: і ї є ґ are Ukrainian, ы э ъ ё Russian. */
const UKRAINIAN = /[іїєґІЇЄҐ]/u;
const RUSSIAN = /[ыэъёЫЭЪЁ]/u;

export function cyrillicByLetters(text: string): 'uk' | 'ru' | undefined {
  const uk = UKRAINIAN.test(text);
  const ru = RUSSIAN.test(text);
  if (uk === ru) return undefined;
  return uk ? 'uk' : 'ru';
}

/** Urdu's own letters (ٹ ڈ ڑ ں ے ہ ھ); Persian and Urdu share پ چ ژ گ ک ی, which Arabic does not use; Arabic alone writes ة ي ك ى. */
const URDU = /[\u0679\u0688\u0691\u06BA\u06D2\u06C1\u06BE]/u;
const PERSIAN_OR_URDU = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u;
const ARABIC_ONLY = /[\u0629\u064A\u0643\u0649]/u;

export function arabicScriptByLetters(text: string): 'ur' | 'fa' | 'ar' | undefined {
  if (URDU.test(text)) return 'ur';
  const persian = PERSIAN_OR_URDU.test(text);
  const arabic = ARABIC_ONLY.test(text);
  if (persian && !arabic) return 'fa';
  if (arabic && !persian) return 'ar';
  return undefined;
}

/** Tigrinya writes ቐ and ኸ (with their vowel forms), which Amharic does not use. */
const TIGRINYA = /[\u1250-\u125D\u12B8-\u12C5]/u;
/**
 * Words of everyday questions that only one of the two writes: Amharic's መቼ (when), ምን (what), እንዴት (how), ነው /
 * ናቸው (is / are), እባክ… (please), ያስፈልግ… / ያስፈልጋ… (is needed) and its first person in -ለሁ (እፈልጋለሁ, I want);
 * Tigrinya's መዓስ, እንታይ, ከመይ, እዩ, ናይ, ኣሎ, የድሊ / የድልየ…, and the glottal ኣ that starts its words where Amharic
 * writes አ. franc alone reads many Amharic questions as Tigrinya with full confidence (it scored
 * "እባክዎን የመኖሪያ ፈቃድ ለማደስ ምን ሰነዶች ያስፈልጋሉ" Tigrinya 1, Amharic 0.48), so these words decide first.
 */
const AMHARIC_WORD = /^(?:መቼ|ምን|ምንድን|እንዴት|ነው|ናቸው|እባክ\p{L}*|ያስፈልግ\p{L}*|ያስፈልጋ\p{L}*|\p{L}+ለሁ)$/u;
const TIGRINYA_WORD = /^(?:መዓስ|እንታይ|ከመይ|እዩ|እየ|ናይ|ኣሎ|ድዩ|ዶ|የድሊ|የድል\p{L}*|ኣ\p{L}*)$/u;

/** Tigrinya or Amharic by their letters, then by the words only one of them writes; undefined when neither settles it. */
export function ethiopicByLetters(text: string): 'ti' | 'am' | undefined {
  if (TIGRINYA.test(text)) return 'ti';
  const words = text.split(/[\s\p{P}]+/u).filter((word) => /\p{Script=Ethiopic}/u.test(word));
  const amharic = words.filter((word) => AMHARIC_WORD.test(word)).length;
  const tigrinya = words.filter((word) => TIGRINYA_WORD.test(word)).length;
  if (amharic > tigrinya) return 'am';
  if (tigrinya > amharic) return 'ti';
  return undefined;
}

// OpenCC's tables, character for character ('t' is OpenCC's standard Traditional, without Taiwan's or
// Hong Kong's word choices): a character the conversion changes belongs to one written form only.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });

/**
 * Traditional or Simplified, by the characters that differ; undefined when every character is common to
 * both (好的, 看不懂) or the message mixes them evenly.
 */
export function chineseForm(text: string): 'zh-Hant' | 'zh-Hans' | undefined {
  let traditional = 0;
  let simplified = 0;
  for (const char of text) {
    if (!/\p{Script=Han}/u.test(char)) continue;
    if (toSimplified(char) !== char) traditional += 1;
    if (toTraditional(char) !== char) simplified += 1;
  }
  if (traditional === simplified) return undefined;
  return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
}
