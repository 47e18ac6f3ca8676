import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { composeAutomaticText, type Translate } from '../../../src/inbox/acknowledgement.js';

const LOCALES = new URL('../../../locales/', import.meta.url);
const locales: Record<string, { inbox?: Record<string, string> }> = Object.fromEntries(
  readdirSync(LOCALES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(new URL(f, LOCALES), 'utf8')) as { inbox?: Record<string, string> }]),
);
const translate: Translate = (key, lang) => locales[lang]?.inbox?.[key.replace(/^inbox\./, '')];

describe('composeAutomaticText', () => {
  it('a known language with its own text, gets only that text', () => {
    const text = composeAutomaticText(translate, 'ack', 'zh-Hans', true);

    expect(text).to.equal(locales['zh-Hans']!.inbox!.ack);
  });

  it('a language nobody chose or recognised, gets Italian and English with how to choose a language', () => {
    const text = composeAutomaticText(translate, 'ack', 'it', false);

    expect(text).to.contain(locales.it!.inbox!.ack).and.to.contain(locales.en!.inbox!.ack);
    expect(text).to.contain('LINGUA zh').and.to.contain('LANG zh');
  });

  it('with the subscription hint (a direct chat, not subscribed): how to receive the notices, in the same language(s)', () => {
    expect(composeAutomaticText(translate, 'ack', 'ar', true, { subscribeHint: true })).to.equal(`${locales.ar!.inbox!.ack}\n\n${locales.ar!.inbox!.subscribeHint}`);
    const fallback = composeAutomaticText(translate, 'ack', 'it', false, { subscribeHint: true });
    expect(fallback.endsWith(`${locales.it!.inbox!.subscribeHint}\n\n${locales.en!.inbox!.subscribeHint}`)).to.equal(true);
    expect(composeAutomaticText(translate, 'ack', 'ar', true)).to.equal(locales.ar!.inbox!.ack);
  });

  it('a language without an inbox translation (Tigrinya), falls back to Italian and English explicitly', () => {
    const text = composeAutomaticText(translate, 'languageSet', 'ti', true);

    expect(text).to.equal(`${locales.it!.inbox!.languageSet}\n\n${locales.en!.inbox!.languageSet}`);
  });

  it('every locale with inbox texts has every automatic message and the subscription hint, and Italian and English the language hint', () => {
    for (const [lang, locale] of Object.entries(locales)) {
      if (!locale.inbox) continue;
      expect(Object.keys(locale.inbox), lang).to.include.members(['ack', 'languageSet', 'stopped', 'started', 'subscribed', 'unsubscribed', 'subscribeHint']);
      for (const text of Object.values(locale.inbox)) expect(text, lang).not.to.match(/\{\{/);
    }
    expect(locales.it!.inbox).to.have.property('chooseLanguage');
    expect(locales.en!.inbox).to.have.property('chooseLanguage');
  });
});
