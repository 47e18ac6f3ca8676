import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadLanguageCatalogue, listSupportedLanguages } from '../../../src/languages/index.js';
import { townLanguagesOf } from '../../../src/composition/town-languages.js';
import { createI18n } from '../../../src/platform/i18n/i18n.js';
import { createLogger } from '../../../src/platform/logging/logger.js';

function localesWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-locales-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const ITALIAN = { _language: { name: 'Italian', nativeName: 'Italiano', direction: 'ltr', fallbacks: ['en'] }, inbox: { ack: 'Ciao' } };
const ENGLISH = { _language: { name: 'English', nativeName: 'English', direction: 'ltr', fallbacks: ['it'] }, inbox: { ack: 'Hello' } };
const AMHARIC = { _language: { name: 'Amharic', nativeName: 'አማርኛ', direction: 'ltr', fallbacks: ['en'] }, inbox: { ack: 'ሰላም' } };

describe('language catalogue (the _language blocks of locales/)', () => {
  it('the project’s catalogue: Italian first, then by English name, each with the direction and fallbacks of its file', () => {
    const languages = listSupportedLanguages();
    expect(languages[0]?.code).to.equal('it');
    const names = languages.slice(1).map((language) => language.name);
    expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(languages.map((language) => language.code)).to.include.members(['ar', 'ur', 'uk', 'ru', 'zh-Hans', 'zh-Hant', 'ro', 'sq', 'tl', 'bn', 'ti']);
    expect(languages.find((language) => language.code === 'ar')).to.deep.include({ nativeName: 'العربية', direction: 'rtl', fallbacks: ['fr', 'en'] });
  });

  it('a new language is one file: Amharic’s locale file adds it, and TOWN_LANGUAGES may then name it (no warning: its texts are there)', async () => {
    const dir = localesWith({ 'it.json': ITALIAN, 'en.json': ENGLISH, 'am.json': AMHARIC });
    const catalogue = loadLanguageCatalogue(dir);
    expect(catalogue.map((language) => language.code)).to.deep.equal(['it', 'am', 'en']);
    const warnings: string[] = [];
    const log = createLogger({ level: 'warn', destination: new Writable({ write: (chunk: Buffer, _e, done) => (warnings.push(chunk.toString()), done()) }) });
    expect(townLanguagesOf(['it', 'am'], await createI18n(dir), log, catalogue)).to.deep.equal(['it', 'am']);
    expect(warnings).to.deep.equal([]);
  });

  it('a locale file without a _language block (a console’s texts, say) is not a language', () => {
    const dir = localesWith({ 'it.json': ITALIAN, 'en.json': ENGLISH, 'de.json': { inbox: { ack: 'Hallo' } } });
    expect(loadLanguageCatalogue(dir).map((language) => language.code)).to.deep.equal(['it', 'en']);
  });

  it('a malformed block stops the start naming the file and the field', () => {
    const dir = localesWith({ 'it.json': ITALIAN, 'en.json': ENGLISH, 'am.json': { _language: { ...AMHARIC._language, direction: 'down' } } });
    expect(() => loadLanguageCatalogue(dir)).to.throw(/locales\/am\.json: _language\.direction/);
  });

  it('a fallback the catalogue does not have, or the language itself, stops the start', () => {
    const unknown = localesWith({ 'it.json': ITALIAN, 'en.json': ENGLISH, 'am.json': { _language: { ...AMHARIC._language, fallbacks: ['ti', 'en'] } } });
    expect(() => loadLanguageCatalogue(unknown)).to.throw(/locales\/am\.json: _language\.fallbacks names ti/);
    const itself = localesWith({ 'it.json': ITALIAN, 'en.json': ENGLISH, 'am.json': { _language: { ...AMHARIC._language, fallbacks: ['am'] } } });
    expect(() => loadLanguageCatalogue(itself)).to.throw(/fallbacks names am/);
  });

  it('a file name that is not a language tag stops the start', () => {
    const dir = localesWith({ 'it.json': ITALIAN, 'en.json': ENGLISH, 'amharic.json': AMHARIC });
    expect(() => loadLanguageCatalogue(dir)).to.throw(/locales\/amharic\.json: the file name must be a BCP 47 tag/);
  });
});
