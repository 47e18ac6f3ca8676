import { expect } from 'chai';
import { createLanguageDetector, type LanguageDetector } from '../../../../src/inbox/intake/language-detection.js';
import { scriptOfLanguage } from '../../../../src/inbox/intake/script-rules.js';
import { listSupportedLanguages } from '../../../../src/languages/index.js';

describe('language detector (eld, franc and the letters, restricted to the town languages)', () => {
  let town: LanguageDetector;

  before(async () => {
    town = await createLanguageDetector(listSupportedLanguages().map((l) => l.code));
  });

  it('Latin-script questions, are told apart (Romanian, Albanian, Tagalog with Italian office words)', () => {
    expect(town.detect('Bună ziua, când expiră permisul de ședere?')).to.include({ language: 'ro' });
    expect(town.detect('pershendetje kur me skadon leja e qendrimit')).to.include({ language: 'sq' });
    expect(town.detect('hello po kailan mag eexpire yung permesso di soggiorno ko')).to.include({ language: 'tl' });
  });

  it('Traditional and Simplified Chinese, are told apart by the characters that differ', () => {
    expect(town.detect('我的居留許可什麼時候到期')).to.include({ language: 'zh-Hant', byLetters: true, confidence: 1 });
    expect(town.detect('我的居留许可什么时候到期')).to.include({ language: 'zh-Hans', byLetters: true, confidence: 1 });
  });

  it('Chinese with only characters common to both forms, is unsure between them', () => {
    const guess = town.detect('收到一封信 看不懂');
    expect(guess.confidence).to.equal(0.5);
    expect(guess.candidates.map((c) => c.language)).to.have.members(['zh-Hans', 'zh-Hant']);
  });

  it('Ukrainian and Russian, are told apart by their own letters', () => {
    expect(town.detect('привіт коли закінчується дозвіл')).to.include({ language: 'uk', byLetters: true });
    expect(town.detect('здравствуйте мне нужен вид на жительство объясните')).to.include({ language: 'ru', byLetters: true });
  });

  it('Urdu, Persian and Arabic, are told apart by their own letters', () => {
    expect(town.detect('مجھے اپنے پرمٹ کے بارے میں پوچھنا ہے')).to.include({ language: 'ur', byLetters: true });
    expect(town.detect('پسرم کارت لازم داره')).to.include({ language: 'fa', byLetters: true });
    expect(town.detect('مرحبا أريد تجديد الإقامة الخاصة بي')).to.include({ language: 'ar', byLetters: true });
  });

  it('Tigrinya, is read by its own letters (ቐ, ኸ), its own words, or by franc, the one library that knows it', () => {
    expect(town.detect('ሰላም መንበሪ ፍቓደይ መዓስ እዩ ዝውዳእ')).to.include({ language: 'ti', byLetters: true });
    expect(town.detect('ካርድ ጥዕና ጠፊኡኒ እንታይ ክገብር 😢')).to.include({ language: 'ti', byLetters: true });
    const byFranc = town.detect('ንመንነት ሰነድ ሰነዳት የብሉን');
    expect(byFranc).to.include({ language: 'ti', byLetters: false });
    expect(byFranc.candidates.map((c) => c.language)).to.include('am');
  });

  it('Amharic, is told from Tigrinya by the words only it writes, where franc reads Tigrinya; in a town without Amharic it is unsure, not Tigrinya', async () => {
    const amharic = ['ሰላም የመኖሪያ ፈቃዴ መቼ ያበቃል', 'እባክዎን የመኖሪያ ፈቃድ ለማደስ ምን ሰነዶች ያስፈልጋሉ', 'ልጄን ትምህርት ቤት ለማስመዝገብ እፈልጋለሁ'];
    const tigrinyaOnly = town;
    for (const text of amharic) {
      const guess = tigrinyaOnly.detect(text);
      expect(guess, text).to.include({ language: 'ti', confidence: 0 });
      expect(guess.candidates.map((c) => c.language), text).to.deep.equal(['am']);
    }
    const both = await createLanguageDetector(['it', 'ti', 'am']);
    for (const text of amharic) expect(both.detect(text), text).to.include({ language: 'am', confidence: 1, byLetters: true });
    expect(both.detect('ናይ questura ቆጸራ ሓገዝ የድልየኒ ኣሎ')).to.include({ language: 'ti', byLetters: true });
    expect(both.detect('ንምሕዳስ ክንደይ ይኸፈል 🙏')).to.include({ language: 'ti', byLetters: true });
  });

  it('emoji and numbers alone, give no language', () => {
    expect(town.detect('👍 123')).to.deep.include({ confidence: 0, candidates: [], words: 0 });
    expect(town.detect('👍').language).to.equal(undefined);
  });

  it('a town without Ukrainian, reads a Cyrillic question as Russian, its only Cyrillic language', async () => {
    const small = await createLanguageDetector(['it', 'en', 'ru']);
    expect(small.detect('привіт коли закінчується дозвіл')).to.include({ language: 'ru' });
    expect(small.detect('Bună ziua, când expiră permisul de ședere?').language).to.be.oneOf(['it', 'en']);
  });
});

describe('the script of a language', () => {
  it('is that of its native name in the catalogue; Latin for a Latin-script name', () => {
    expect(['ar', 'uk', 'zh-Hant', 'hi', 'pa', 'bn', 'ti', 'tl', 'ro'].map(scriptOfLanguage)).to.deep.equal(['Arabic', 'Cyrillic', 'Han', 'Devanagari', 'Gurmukhi', 'Bengali', 'Ethiopic', 'Latin', 'Latin']);
  });
});
