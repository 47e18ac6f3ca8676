import { SHORT_WORDS, type LanguageGuess } from './language-detection.js';
import type { LanguageSource } from '../inbox.types.js';
import { scriptOfLanguage } from './script-rules.js';

/**
 * Where a conversation's language came from, for one message: the citizen's own choice (`declared`, LANG or
 * the menu), a mediator's (`corrected`), the group the question was asked in, the contact's earlier language
 * kept (`contact`), the detector on this message (`detected`), or nothing sure enough (`unsure`).
 */
export type ChoiceSource = 'declared' | 'corrected' | 'group' | 'contact' | 'detected' | 'unsure';

export interface LanguageChoice {
  language: string;
  source: ChoiceSource;
  /** The detector's confidence on this message (0 when it was not asked: a keyword). */
  confidence: number;
  /** What the detector read in this message, if anything. */
  detected?: string;
  candidates: LanguageGuess['candidates'];
  /** Nobody can tell yet: the conversation waits in the unsure queue, the acknowledgement goes in Italian and English. */
  unsure: boolean;
  /** The contact's language from now on, when it changes. */
  contact?: { language: string; source: LanguageSource };
}

export interface ChoiceInput {
  /** LANG xx in this message. */
  declared?: string;
  /** The group's language, for a question asked in a registered group. */
  group?: string;
  contact: { language: string; source: LanguageSource };
  /** The detector on this message; absent for a keyword. */
  guess?: LanguageGuess;
  /** LANGUAGE_UNSURE_BELOW: a guess less confident than this decides nothing. */
  threshold: number;
}

const NO_GUESS: LanguageGuess = { confidence: 0, candidates: [], byLetters: false, words: 0 };

/**
 * Context before text: a declared language beats everything, then a mediator's correction, then the group's
 * language, then the contact's earlier confident language, then the detector. A short message ("ok", "grazie",
 * "👍", "3") never switches a conversation's language; a confident one switches a contact's earlier guess only
 * when it is written in another script (an Italian guess cannot be right for a message in Arabic letters).
 */
export function chooseLanguage(input: ChoiceInput): LanguageChoice {
  const guess = input.guess ?? NO_GUESS;
  const read = { confidence: guess.confidence, ...(guess.language ? { detected: guess.language } : {}), candidates: guess.candidates };
  const { contact } = input;
  const keep = (source: ChoiceSource): LanguageChoice => ({ language: contact.language, source, ...read, unsure: false });
  const set = (language: string, source: ChoiceSource & LanguageSource): LanguageChoice => ({
    language,
    source,
    ...read,
    unsure: false,
    ...(language !== contact.language || source !== contact.source ? { contact: { language, source } } : {}),
  });

  if (input.declared) return set(input.declared, 'declared');
  if (contact.source === 'declared' || contact.source === 'corrected') return keep(contact.source);
  if (input.group) return set(input.group, 'group');

  const confident = guess.language !== undefined && guess.confidence >= input.threshold;
  const short = guess.words < SHORT_WORDS && !guess.byLetters;
  if (contact.source !== 'default') {
    const otherScript = confident && guess.words >= SHORT_WORDS && scriptOfLanguage(guess.language!) !== scriptOfLanguage(contact.language);
    return otherScript ? set(guess.language!, 'detected') : keep('contact');
  }
  if (confident && !short) return set(guess.language!, 'detected');
  return { language: guess.language ?? contact.language, source: 'unsure', ...read, unsure: true };
}
