import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { townLanguagesOf } from '../../../src/composition/town-languages.js';
import { createI18n } from '../../../src/platform/i18n/i18n.js';
import { ConfigError, loadConfig } from '../../../src/platform/config.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { listSupportedLanguages } from '../../../src/languages/index.js';

function recordingLog(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'warn', destination }), lines };
}

describe('town languages (TOWN_LANGUAGES)', () => {
  it('unset, are the whole catalogue', async () => {
    const i18n = await createI18n(new URL('../../../locales', import.meta.url).pathname);
    expect(townLanguagesOf(loadConfig({ SPORTELLO_MODE: 'demo' }).inbox.townLanguages, i18n, recordingLog().log)).to.deep.equal(listSupportedLanguages().map((l) => l.code));
  });

  it('set, are the languages the town named, in its order, without repeats', async () => {
    const i18n = await createI18n(new URL('../../../locales', import.meta.url).pathname);
    const configured = loadConfig({ SPORTELLO_MODE: 'demo', TOWN_LANGUAGES: 'it, en,bn,tl,bn' }).inbox.townLanguages;
    expect(townLanguagesOf(configured, i18n, recordingLog().log)).to.deep.equal(['it', 'en', 'bn', 'tl']);
  });

  it('a tag outside the catalogue, stops the start naming the setting', async () => {
    const i18n = await createI18n(new URL('../../../locales', import.meta.url).pathname);
    const configured = loadConfig({ SPORTELLO_MODE: 'demo', TOWN_LANGUAGES: 'it,de' }).inbox.townLanguages;
    expect(() => townLanguagesOf(configured, i18n, recordingLog().log))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['TOWN_LANGUAGES: de not in the catalogue (GET /api/v1/languages)']);
  });

  it('a malformed list, is refused by the configuration', () => {
    expect(() => loadConfig({ SPORTELLO_MODE: 'demo', TOWN_LANGUAGES: 'it;en' })).to.throw(ConfigError, /TOWN_LANGUAGES/);
  });

  it('a town language without its locale file, is accepted and named in a warning', async () => {
    const locales = mkdtempSync(join(tmpdir(), 'sportello-locales-'));
    writeFileSync(join(locales, 'it.json'), JSON.stringify({ inbox: { ack: 'Grazie' } }));
    const { log, lines } = recordingLog();

    expect(townLanguagesOf(['it', 'tl'], await createI18n(locales), log)).to.deep.equal(['it', 'tl']);
    expect(lines.join('')).to.contain('"tl"').and.to.contain('locales');
  });
});
