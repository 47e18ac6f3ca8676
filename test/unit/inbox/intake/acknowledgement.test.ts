import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { TOPICS } from '../../../../src/announcements/announcement.types.js';
import { fileURLToPath } from 'node:url';
import { composeAutomaticText, type Translate } from '../../../../src/inbox/intake/acknowledgement.js';
import { createI18n, exactLanguageTranslator } from '../../../../src/platform/i18n/i18n.js';

const LOCALES = new URL('../../../../locales/', import.meta.url);
type InboxTexts = Record<string, string> & { topics?: Record<string, string> };
const locales: Record<string, { inbox?: InboxTexts }> = Object.fromEntries(
  readdirSync(LOCALES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(new URL(f, LOCALES), 'utf8')) as { inbox?: InboxTexts }]),
);
/** The service's own translator: i18next on the locales, without falling back to another language. */
const translate: Translate = exactLanguageTranslator(await createI18n(fileURLToPath(LOCALES)));

const PLACEHOLDERS: Record<string, string> = { subscribedTopics: '{{topics}}', closedUntil: '{{when}}' };
/** Monday 7 December 2026, 09:00 in Rome. */
const opensAt = { at: new Date('2026-12-07T08:00:00Z'), timeZone: 'Europe/Rome' };

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
      expect(Object.keys(locale.inbox), lang).to.include.members(['ack', 'closedUntil', 'languageSet', 'stopped', 'started', 'subscribed', 'subscribedTopics', 'topicsMenu', 'unsubscribed', 'subscribeHint', 'topics']);
      expect(Object.keys(locale.inbox.topics ?? {}), lang).to.have.members([...TOPICS]);
      for (const [key, text] of Object.entries(locale.inbox)) {
        if (typeof text !== 'string') continue;
        // Only our own words are ever put into a text: the topics' names, and when the office opens.
        const placeholder = PLACEHOLDERS[key];
        if (placeholder) expect(text.match(/\{\{\w+\}\}/g), `${lang} ${key}`).to.deep.equal([placeholder]);
        else expect(text, `${lang} ${key}`).not.to.match(/\{\{/);
      }
    }
    expect(locales.it!.inbox).to.have.property('chooseLanguage');
    expect(locales.en!.inbox).to.have.property('chooseLanguage');
  });

  it('a subscription to every topic is followed by the numbered topics to choose from, in the citizen’s language', () => {
    const text = composeAutomaticText(translate, 'subscribed', 'zh-Hans', true, { topicsMenu: true });

    const lines = text.split('\n');
    expect(text.startsWith(`${locales['zh-Hans']!.inbox!.subscribed}\n\n${locales['zh-Hans']!.inbox!.topicsMenu}\n`)).to.equal(true);
    expect(lines).to.include.members(['1 居留许可', '3 学校', '9 活动']);
    expect(lines.filter((line) => /^\d /.test(line))).to.have.length(9);
    expect(text, 'emergencies are not a choice').not.to.contain('紧急');
  });

  it('without a known language, the menu names each topic in Italian and English on one line', () => {
    const text = composeAutomaticText(translate, 'subscribed', 'it', false, { topicsMenu: true });

    expect(text).to.contain(locales.it!.inbox!.topicsMenu).and.to.contain(locales.en!.inbox!.topicsMenu);
    expect(text.split('\n')).to.include('3 Scuola / School');
  });

  it('a subscription to some topics names them as the language lists things', () => {
    expect(composeAutomaticText(translate, 'subscribedTopics', 'en', true, { topics: ['school', 'health', 'emergency'] })).to.contain(
      'notices about: School, Health, and Emergencies and weather alerts.',
    );
    expect(composeAutomaticText(translate, 'subscribedTopics', 'zh-Hans', true, { topics: ['school', 'emergency'] })).to.contain('：学校和紧急情况和天气预警。');
    expect(composeAutomaticText(translate, 'subscribedTopics', 'ar', true, { topics: ['school'] })).to.contain('حول: المدرسة.');
  });

  it('outside office hours, the acknowledgement says when the office opens again, in the citizen’s language and the town’s time', () => {
    const chinese = composeAutomaticText(translate, 'ack', 'zh-Hans', true, { opensAt, subscribeHint: true });
    expect(chinese.split('\n\n')).to.deep.equal([locales['zh-Hans']!.inbox!.ack, '办公室目前已关闭，文化调解员将在重新开放后回复您。重新开放时间：12月7日星期一 09:00。', locales['zh-Hans']!.inbox!.subscribeHint]);
    expect(composeAutomaticText(translate, 'ack', 'fa', true, { opensAt }), 'Gregorian, as the office dates things').to.contain('۷ دسامبر');
    const unknown = composeAutomaticText(translate, 'ack', 'it', false, { opensAt }).split('\n\n');
    expect(unknown.slice(0, 4)).to.deep.equal([
      locales.it!.inbox!.ack,
      locales.en!.inbox!.ack,
      'In questo momento l’ufficio è chiuso. Un mediatore le risponderà alla riapertura: lunedì 7 dicembre alle ore 09:00.'.replace('’', "'"),
      'The office is closed right now. A mediator will answer you when it opens again: Monday, December 7 at 09:00 AM.',
    ]);
  });
});
