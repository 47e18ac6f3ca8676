/**
 * Snowball stemmers for the town languages that inflect and that `@orama/stemmers` covers (maintained, no
 * dependencies, the Snowball algorithms compiled to plain JS). Albanian, Persian, Urdu, Bengali, Punjabi,
 * Tigrinya and Tagalog have none there, and the ones `@nlpjs/lang-*` offers do not help: its Persian stemmer
 * is empty, its Bengali one is inconsistent (অনুমতি → অনুম but অনুমতির → অনুমতি, so a noun and its genitive
 * differ) and its Tagalog one cuts Italian and English words too (pamilya → ilya), which the Tagalog
 * glossary is mostly made of. `rendering-match.ts` falls back to a prefix rule for those languages.
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as hindi } from '@orama/stemmers/indian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';

export type Stemmer = (word: string) => string;

const STEMMERS: Record<string, Stemmer> = { ar: arabic, en: english, es: spanish, fr: french, hi: hindi, pt: portuguese, ro: romanian, ru: russian, uk: ukrainian };

/** The stemmer of a BCP 47 tag's language (`pt-BR` → Portuguese), if there is one. */
export function stemmerFor(lang: string): Stemmer | undefined {
  return STEMMERS[lang.split('-')[0]!.toLowerCase()];
}
