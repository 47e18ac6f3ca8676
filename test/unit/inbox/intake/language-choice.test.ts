import { expect } from 'chai';
import { chooseLanguage, type ChoiceInput } from '../../../../src/inbox/intake/language-choice.js';
import type { LanguageGuess } from '../../../../src/inbox/intake/language-detection.js';

const guess = (language: string | undefined, confidence: number, words = 6, byLetters = false): LanguageGuess => ({
  ...(language ? { language } : {}),
  confidence,
  candidates: language ? [{ language, score: 0.8 }] : [],
  byLetters,
  words,
});
const newContact = { language: 'it', source: 'default' as const };
const choose = (input: Partial<ChoiceInput>) => chooseLanguage({ contact: newContact, threshold: 0.2, ...input });

describe('chooseLanguage (context before text)', () => {
  it('a declared language, beats the group, an earlier correction and the detector', () => {
    const choice = choose({ declared: 'sq', group: 'ar', contact: { language: 'ro', source: 'corrected' }, guess: guess('ro', 1) });
    expect(choice).to.include({ language: 'sq', source: 'declared', unsure: false });
    expect(choice.contact).to.deep.equal({ language: 'sq', source: 'declared' });
  });

  it("a mediator's correction, sticks against the group and a confident guess in another script", () => {
    const choice = choose({ group: 'ar', contact: { language: 'ur', source: 'corrected' }, guess: guess('zh-Hans', 1, 8, true) });
    expect(choice).to.include({ language: 'ur', source: 'corrected', unsure: false });
    expect(choice).not.to.have.property('contact');
  });

  it("a question in a group, takes the group's language over the detector", () => {
    expect(choose({ group: 'ar', guess: guess('en', 1) })).to.include({ language: 'ar', source: 'group', detected: 'en', unsure: false });
  });

  it("the contact's earlier confident language, beats a confident guess in the same script", () => {
    const choice = choose({ contact: { language: 'ro', source: 'detected' }, guess: guess('it', 0.9) });
    expect(choice).to.include({ language: 'ro', source: 'contact', detected: 'it', unsure: false });
  });

  it("a confident guess in another script, switches the contact's earlier guess", () => {
    expect(choose({ contact: { language: 'it', source: 'detected' }, guess: guess('ar', 1, 5, true) })).to.include({ language: 'ar', source: 'detected' });
  });

  it('short messages (ok, grazie, an emoji, a number), never switch the language', () => {
    const contact = { language: 'zh-Hans', source: 'detected' as const };
    for (const short of [guess('it', 0.9, 1), guess('en', 1, 1), guess(undefined, 0, 0)]) {
      expect(choose({ contact, guess: short })).to.include({ language: 'zh-Hans', source: 'contact', unsure: false });
    }
  });

  it('a short message from a new contact, is unsure unless its letters settle it', () => {
    expect(choose({ guess: guess('it', 0.9, 1) })).to.include({ source: 'unsure', unsure: true });
    expect(choose({ guess: guess('zh-Hant', 1, 1, true) })).to.include({ language: 'zh-Hant', source: 'detected', unsure: false });
  });

  it('a guess below the threshold, leaves a new contact unsure with the candidates', () => {
    const choice = choose({ guess: guess('ru', 0.1) });
    expect(choice).to.include({ language: 'ru', source: 'unsure', unsure: true, confidence: 0.1 });
    expect(choice.candidates).to.deep.equal([{ language: 'ru', score: 0.8 }]);
    expect(choice).not.to.have.property('contact');
  });

  it('a confident guess for a new contact, sets the contact language as detected', () => {
    expect(choose({ guess: guess('ro', 0.9) }).contact).to.deep.equal({ language: 'ro', source: 'detected' });
  });
});
