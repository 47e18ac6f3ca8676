import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const LOCALES = fileURLToPath(new URL('../../../locales/', import.meta.url));

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return inner !== null && typeof inner === 'object' ? Object.entries(flatten(inner as Record<string, unknown>, path)) : [[path, String(inner)]];
    }),
  );
}

const locales = Object.fromEntries(
  readdirSync(LOCALES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file.slice(0, -'.json'.length), flatten(JSON.parse(readFileSync(join(LOCALES, file), 'utf8')) as Record<string, unknown>)]),
);
const italian = locales.it!;
const keysUnder = (section: string) => Object.keys(italian).filter((key) => key.startsWith(`${section}.`));
/** Only for a citizen whose language is unknown, so said in Italian and English alone. */
const ITALIAN_AND_ENGLISH_ONLY = ['inbox.chooseLanguage'];
/** `{{name}}` placeholders, which i18next fills in: a translation must keep every one. */
const placeholdersOf = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('locales: every language has every text it needs', () => {
  for (const [language, texts] of Object.entries(locales)) {
    it(`${language}: every notice text (announcements.*, notice.*), so no part of a notice goes out in another language`, () => {
      const missing = [...keysUnder('announcements'), ...keysUnder('notice')].filter((key) => !(key in texts));

      expect(missing).to.deep.equal([]);
    });

    it(`${language}: the inbox's texts all or none (none: Italian and English go together, by design)`, () => {
      const inbox = keysUnder('inbox').filter((key) => !ITALIAN_AND_ENGLISH_ONLY.includes(key) || ['it', 'en'].includes(language));
      const present = inbox.filter((key) => key in texts);

      expect(present.length === 0 || present.length === inbox.length, `missing: ${inbox.filter((k) => !(k in texts)).join(', ')}`).to.equal(true);
    });

    it(`${language}: every translation keeps the Italian text's placeholders`, () => {
      const broken = Object.keys(texts).filter((key) => key in italian && placeholdersOf(texts[key]!).join() !== placeholdersOf(italian[key]!).join());

      expect(broken).to.deep.equal([]);
    });
  }
});
