import { eld } from 'eld';
import { francAll } from 'franc';
import { arabicScriptByLetters, chineseForm, cyrillicByLetters, ethiopicByLetters, scriptOf, scriptOfLanguage, type Script } from './script-rules.js';

/**
 * A guess at the language of one citizen's message, among the town's languages only. Measured on short
 * citizens' questions (see `npm run bench:language` and the README's table): eld (small database), restricted
 * with `setLanguageSubset` to the town's languages of the message's script, reads Latin, Cyrillic and Arabic
 * script best; franc is the only one that knows Tigrinya; the letters themselves (`script-rules.ts`) settle
 * what both blur.
 */
export interface LanguageGuess {
  /** The most likely of the town's languages; absent when the message holds no letters (👍, 3) or a script none of them uses. */
  language?: string;
  /** 0 to 1: how far the guess stands above the next candidate; 1 when the letters settle it. */
  confidence: number;
  /** The likeliest languages, best first, with the detector's score (0 to 1). */
  candidates: Array<{ language: string; score: number }>;
  /** The letters settled it: a script only one town language uses, or letters only one of them writes. */
  byLetters: boolean;
  /** Words with letters in them (a Han character counts half): below `SHORT_WORDS` the message is short. */
  words: number;
}

export interface LanguageDetector {
  /** The town's languages, as configured (TOWN_LANGUAGES). */
  readonly languages: readonly string[];
  detect(text: string): LanguageGuess;
}

/** "ok", "grazie mille", "谢谢": fewer words than this never say which language a conversation is in. */
export const SHORT_WORDS = 3;

/**
 * eld's small database: on the citizens' messages of `npm run bench:language` it reads exactly as the large one
 * (0.997 on three words or more, the same three unsure), in 46 MB of heap instead of 139 (66 MB of RSS instead
 * of 367), which a service with a memory budget (bench:fanout's 256 MB old space) can afford.
 */
const ELD_DATABASE = 'small';
/** eld names Chinese once; franc names Ethiopic languages in ISO 639-3. */
const ELD_CODES: Record<string, string> = { 'zh-Hans': 'zh', 'zh-Hant': 'zh' };
const FRANC_CODES: Record<string, string> = { ti: 'tir', am: 'amh' };
/**
 * A margin of this much between the best two of eld's scores counts as certain: Ukrainian and Russian score
 * close together even when eld is right (0.84 against 0.82), Latin-script languages further apart.
 */
const CERTAIN_MARGIN: Partial<Record<Script, number>> = { Cyrillic: 0.03, Arabic: 0.1 };
const LATIN_CERTAIN_MARGIN = 0.2;
/** franc knows Tigrinya from Amharic, but scores both 0 when no trigram of its table turns up (short messages). */
const FRANC_UNDECIDED = 0.5;
const MAX_CANDIDATES = 3;
/**
 * The office's own Italian words, which citizens write as they see them on the forms whatever language they
 * write in ("kailan mag expire yung permesso di soggiorno ko"): left out before weighing a Latin-script message,
 * unless nothing else is left.
 */
const OFFICE_TERMS = /\b(?:permesso(?: di soggiorno)?|questura|codice fiscale|comune|residenza|carta d ?identit[aà]|tessera sanitaria|ricevuta|bollettino)\b/giu;

type Eld = Awaited<ReturnType<typeof loadEld>>;

async function loadEld(languages: readonly string[]) {
  const instance = eld.newInstance() as typeof eld & { load(size: string): Promise<unknown> };
  await instance.load(ELD_DATABASE);
  instance.setLanguageSubset(languages.map((l) => ELD_CODES[l] ?? l));
  return instance;
}

/**
 * One detector for the town's languages: one eld instance per script those languages use (so that a
 * Cyrillic message is weighed between Ukrainian and Russian only); every instance shares the database,
 * which Node loads once.
 */
export async function createLanguageDetector(languages: readonly string[]): Promise<LanguageDetector> {
  const byScript = new Map<Script, string[]>();
  for (const language of languages) byScript.set(scriptOfLanguage(language), [...(byScript.get(scriptOfLanguage(language)) ?? []), language]);
  const detectors = new Map<Script, Eld>();
  for (const [script, ofScript] of byScript) {
    if (ofScript.length > 1 && script !== 'Han' && script !== 'Ethiopic') detectors.set(script, await loadEld(ofScript));
  }
  return {
    languages,
    detect(text) {
      const found = scriptOf(text);
      if (!found) return { confidence: 0, candidates: [], byLetters: false, words: 0 };
      const words = wordsIn(text, found.script);
      const ofScript = byScript.get(found.script) ?? [];
      const guess = guessIn(found.script, ofScript, text, found.letters, detectors.get(found.script));
      return { ...guess, words };
    },
  };
}

function guessIn(script: Script, ofScript: readonly string[], text: string, letters: string, detector: Eld | undefined): Omit<LanguageGuess, 'words'> {
  if (ofScript.length === 0) return { confidence: 0, candidates: [], byLetters: false };
  const byLetters = lettersRule(script, text);
  if (byLetters && ofScript.includes(byLetters)) return certain(byLetters);
  // An Amharic question in a town with Tigrinya mediators only (or the reverse) is unsure, not theirs: see `ethiopic`.
  if (script === 'Ethiopic' && byLetters) return { ...(ofScript[0] ? { language: ofScript[0] } : {}), confidence: 0, candidates: [{ language: byLetters, score: 1 }], byLetters: false };
  if (ofScript.length === 1 && script !== 'Ethiopic') return certain(ofScript[0]!);
  if (script === 'Han') return { language: 'zh-Hans', confidence: 0.5, candidates: ofScript.map((language) => ({ language, score: 0.5 })), byLetters: false };
  if (script === 'Ethiopic') return ethiopic(text, ofScript);
  const weighed = script === 'Latin' ? withoutOfficeTerms(text) : text;
  return fromScores(detector!.detect(weighed).getScores(), ofScript, CERTAIN_MARGIN[script] ?? LATIN_CERTAIN_MARGIN);
}

function withoutOfficeTerms(text: string): string {
  const rest = text.replace(OFFICE_TERMS, ' ');
  return /\p{L}{2}/u.test(rest) ? rest : text;
}

function lettersRule(script: Script, text: string): string | undefined {
  if (script === 'Han') return chineseForm(text);
  if (script === 'Cyrillic') return cyrillicByLetters(text);
  if (script === 'Arabic') return arabicScriptByLetters(text);
  if (script === 'Ethiopic') return ethiopicByLetters(text);
  return undefined;
}

function certain(language: string): Omit<LanguageGuess, 'words'> {
  return { language, confidence: 1, candidates: [{ language, score: 1 }], byLetters: true };
}

/** eld's scores, back in the town's codes: confidence is the margin between the best two, scaled. */
function fromScores(scores: Record<string, number>, ofScript: readonly string[], certainMargin: number): Omit<LanguageGuess, 'words'> {
  const candidates = ofScript
    .map((language) => ({ language, score: round(scores[ELD_CODES[language] ?? language] ?? 0) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  const [best, next] = candidates;
  if (!best) return { confidence: 0, candidates: [], byLetters: false };
  return { language: best.language, confidence: round(Math.min(1, (best.score - (next?.score ?? 0)) / certainMargin)), candidates: candidates.slice(0, MAX_CANDIDATES), byLetters: false };
}

/**
 * Tigrinya or Amharic, by franc (the only library here that knows Tigrinya), weighed between the two even when
 * the town has one: an Amharic question in a town without Amharic mediators is unsure, not Tigrinya.
 */
function ethiopic(text: string, ofScript: readonly string[]): Omit<LanguageGuess, 'words'> {
  const codes = Object.entries(FRANC_CODES);
  const scores = francAll(text, { only: codes.map(([, franc]) => franc), minLength: 1 });
  const candidates = scores
    .map(([franc, score]) => ({ language: codes.find(([, f]) => f === franc)?.[0] ?? franc, score: round(score) }))
    .filter((c) => c.score > 0);
  const best = candidates[0];
  if (!best || best.score === candidates[1]?.score) {
    const only = ofScript.length === 1 ? ofScript[0]! : undefined;
    return { ...(only ? { language: only } : {}), confidence: only ? FRANC_UNDECIDED : 0, candidates: ofScript.map((language) => ({ language, score: FRANC_UNDECIDED })), byLetters: false };
  }
  if (!ofScript.includes(best.language)) return { ...(ofScript[0] ? { language: ofScript[0] } : {}), confidence: 0, candidates, byLetters: false };
  return { language: best.language, confidence: round(Math.min(1, (best.score - (candidates[1]?.score ?? 0)) / LATIN_CERTAIN_MARGIN)), candidates, byLetters: false };
}

function wordsIn(text: string, script: Script): number {
  if (script === 'Han') return Math.floor([...text].filter((c) => /\p{Script=Han}/u.test(c)).length / 2);
  return text.split(/\s+/u).filter((token) => /\p{L}/u.test(token)).length;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
