/**
 * Does a translation use a glossary rendering? Nouns inflect in most town languages ("вид на жительство" is
 * "вида на жительство" after "для", "leje qëndrimi" is "lejen e qëndrimit" as an object), so a plain "contains"
 * check would warn about correct texts. The rendering is looked for word by word (`Intl.Segmenter`'s words, as
 * `segmenter.ts` splits sentences), each word matching a text word of the same stem:
 * - languages with a Snowball stemmer (`word-stemmers.ts`): the same stem, or the same word;
 * - the others (Albanian, Persian, Urdu, Bengali, Punjabi, Tigrinya, Tagalog): a hand-written prefix rule,
 *   `sharesStem`, since no maintained stemmer covers them;
 * - Chinese and Japanese (no spaces, no inflection): contained text, as before.
 * The rendering's words must come in order; between two of them the text may insert one short word (an
 * article or a preposition: Albanian "leja e qëndrimit", Romanian "cardul de sănătate"), nothing longer, so an
 * unrelated phrase never counts. Word order changes need their own `|` alternative in the glossary.
 */
import { writesWithoutSpaces } from './segmenter.js';
import { stemmerFor, type Stemmer } from './word-stemmers.js';

/** The longest word the text may insert between two words of a rendering (e, së, të, de, al, ale, da…). */
const MAX_INSERTED_LETTERS = 3;

/**
 * Differences of writing, not of words, that texts show all the time: apostrophes (’ ʼ '), Romanian ş/ș and
 * ţ/ț, Russian ё/е, Arabic-script short vowels and tatweel, the Devanagari and Gurmukhi nukta (ज़/ज, ਸ਼/ਸ),
 * the zero-width non-joiner Persian puts before suffixes (کارت‌ها, typed as often without it), and Persian or
 * Urdu typed on an Arabic keyboard (ي/ی, ك/ک).
 */
function fold(text: string, lang: string): string {
  let folded = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’ʼ‘`´]/g, "'")
    .replace(/ş/g, 'ș')
    .replace(/ţ/g, 'ț')
    .replace(/ё/g, 'е')
    .replace(/\u0640|[\u064B-\u065F]|\u0670/g, '')
    .replace(/\u093C|\u0A3C|\u200C/g, '');
  if (/^(fa|ur)\b/.test(lang)) folded = folded.replace(/[يى]/g, 'ی').replace(/ك/g, 'ک');
  return folded;
}

const wordSegmenters = new Map<string, Intl.Segmenter>();

function wordsOf(text: string, lang: string): string[] {
  let segmenter = wordSegmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    wordSegmenters.set(lang, segmenter);
  }
  return [...segmenter.segment(fold(text, lang))].filter((s) => s.isWordLike).map((s) => s.segment);
}

/**
 * The prefix rule for languages without a stemmer: inflection there changes or adds an ending (leje → lejen,
 * lejes; qëndrimi → qëndrimit; kartë → kartën). The rendering's word and the text's share at least
 * max(3, length − 2) letters, and the text's word goes on at most 3 letters past them, so "kartë" does not
 * match "karburant" nor "leje" (permit) "lejohet" (is allowed). Words of one or two letters must be identical.
 */
export function sharesStem(renderingWord: string, textWord: string): boolean {
  if (renderingWord === textWord) return true;
  if (renderingWord.length < 3) return false;
  let shared = 0;
  while (shared < renderingWord.length && renderingWord[shared] === textWord[shared]) shared++;
  return shared >= Math.max(3, renderingWord.length - 2) && textWord.length - shared <= 3;
}

/** A word of a text with what it is compared by: its stem where the language has a stemmer, else itself. */
interface Word {
  form: string;
  key: string;
}

function wordsWithKeys(text: string, lang: string, stem: Stemmer | undefined): Word[] {
  return wordsOf(text, lang).map((form) => ({ form, key: stem ? stem(form) : form }));
}

/**
 * Prepares one translation for several lookups (a notice is checked against every term it uses): the text is
 * folded, split and stemmed once. The answer tells whether the text uses one rendering (one `|` alternative).
 */
export function renderingFinder(translation: string, lang: string): (rendering: string) => boolean {
  if (writesWithoutSpaces(lang)) {
    const text = fold(translation, lang);
    return (rendering) => text.includes(fold(rendering, lang).trim());
  }
  const stem = stemmerFor(lang);
  const same = (r: Word, t: Word): boolean => (stem ? r.form === t.form || r.key === t.key : sharesStem(r.form, t.form));
  const words = wordsWithKeys(translation, lang, stem);
  const matchesAt = (rendering: readonly Word[], k: number, i: number): boolean => {
    if (k === rendering.length) return true;
    const word = rendering[k]!;
    if (i < words.length && same(word, words[i]!) && matchesAt(rendering, k + 1, i + 1)) return true;
    const inserted = k > 0 && i + 1 < words.length && words[i]!.form.length <= MAX_INSERTED_LETTERS;
    return inserted && same(word, words[i + 1]!) && matchesAt(rendering, k + 1, i + 2);
  };
  return (rendering) => {
    const wanted = wordsWithKeys(rendering, lang, stem);
    if (wanted.length === 0) return fold(translation, lang).includes(fold(rendering, lang).trim());
    return words.some((_, start) => matchesAt(wanted, 0, start));
  };
}
