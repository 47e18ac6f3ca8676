import { expect } from 'chai';
import { renderForChannel, CHANNEL_MAX_LENGTH, type Channel } from '../../../src/announcements/channel-rendering.js';
import { buildAnnouncement } from '../../factories/domain-announcement.factory.js';

const deps = {
  t: (key: string, lang: string) => `${key}@${lang}`,
  noticeUrl: (slug: string, lang: string) => `https://sportello.example/n/${slug}/${lang}`,
};
const graphemes = (text: string, locale: string) => [...new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const withoutNumbering = (part: string) => part.replace(/^\(\d+\/\d+\) /, '');

/** Every part fits, is numbered, and the parts put back together lose no grapheme of the original. */
function expectCleanSplit(parts: string[], channel: Channel, original: string, locale: string): void {
  expect(parts.length).to.be.greaterThan(1);
  parts.forEach((part, i) => {
    expect(part.length, `part ${i + 1}`).to.be.at.most(CHANNEL_MAX_LENGTH[channel]);
    expect(part.startsWith(`(${i + 1}/${parts.length}) `)).to.equal(true);
    expect(LONE_SURROGATE.test(part), `part ${i + 1} has a lone surrogate`).to.equal(false);
  });
  const joined = parts.map(withoutNumbering).join('');
  const squash = (s: string) => graphemes(s.replace(/\s+/g, ''), locale);
  expect(squash(joined).join('')).to.contain(squash(original).join(''));
}

describe('renderForChannel', () => {
  it('WhatsApp, short Italian notice: one part, bold title, notice link, no numbering', () => {
    const parts = renderForChannel(buildAnnouncement(), 'it', 'whatsapp', deps);
    expect(parts).to.have.length(1);
    expect(parts[0]).to.match(/^\*Avviso\*\n\nTesto/);
    expect(parts[0]).to.contain('announcements.readOnline@it: https://sportello.example/n/avviso-0a1b2c3d4e/it');
  });

  it('a subscribed citizen’s own chat: the same notice, ending with why they receive it and how to stop; groups never get that line', () => {
    const citizen = renderForChannel(buildAnnouncement(), 'it', 'whatsapp', deps, 'citizen');
    const group = renderForChannel(buildAnnouncement(), 'it', 'whatsapp', deps, 'group');

    expect(citizen[0]!.endsWith('\n\n— announcements.subscriberFooter@it')).to.equal(true);
    expect(citizen[0]!.startsWith(group[0]!)).to.equal(true);
    expect(group[0]).not.to.contain('subscriberFooter');
    expect(renderForChannel(buildAnnouncement(), 'it', 'whatsapp', deps)).to.deep.equal(group);
  });

  it('WeChat: plain title without asterisks, even when the title contains some', () => {
    const parts = renderForChannel(buildAnnouncement({ texts: { it: { title: '*Nuovo* orario', body: 'Testo.' } } }), 'it', 'wechat', deps);
    expect(parts[0]).to.match(/^\*Nuovo\* orario\n/);
    const whatsapp = renderForChannel(buildAnnouncement({ texts: { it: { title: '*Nuovo* orario', body: 'Testo.' } } }), 'it', 'whatsapp', deps);
    expect(whatsapp[0]).to.match(/^\*Nuovo orario\*\n/);
  });

  it('long Chinese text on WeChat: numbered parts within 2000 units, cut between words, nothing lost', () => {
    const sentence = '请在居留许可到期前至少六十天到移民服务窗口办理续签手续，并携带护照和税号。';
    const body = sentence.repeat(120);
    const announcement = buildAnnouncement({ texts: { it: { title: 'Avviso', body: 'x' }, 'zh-Hans': { title: '居留许可续签', body } } });
    const parts = renderForChannel(announcement, 'zh-Hans', 'wechat', deps);
    expectCleanSplit(parts, 'wechat', body, 'zh-Hans');
    for (let i = 1; i < parts.length; i++) {
      const tail = withoutNumbering(parts[i - 1]!).slice(-30);
      const head = withoutNumbering(parts[i]!).slice(0, 30);
      const boundaries = [...new Intl.Segmenter('zh-Hans', { granularity: 'word' }).segment(tail + head)].map((s) => s.index);
      expect(boundaries, `cut between parts ${i} and ${i + 1} is inside a word`).to.include(tail.length);
    }
  });

  it('long Arabic text on WhatsApp: parts within 4096 units, each ends at a word or sentence end', () => {
    const body = 'يجب تجديد تصريح الإقامة قبل ستين يومًا على الأقل من تاريخ انتهاء صلاحيته، مع إحضار جواز السفر والرمز الضريبي. '.repeat(80);
    const announcement = buildAnnouncement({ texts: { it: { title: 'Avviso', body: 'x' }, ar: { title: 'تجديد تصريح الإقامة', body } } });
    const parts = renderForChannel(announcement, 'ar', 'whatsapp', deps);
    expectCleanSplit(parts, 'whatsapp', body, 'ar');
    for (const part of parts.slice(0, -1)) expect(part).to.match(/[\u0600-\u06FF.،]$/u);
    for (const part of parts.slice(1)) expect(withoutNumbering(part)).to.match(/^[\u0600-\u06FF]/u);
  });

  it('emoji without spaces (ZWJ families, flags, skin tones): never split inside a grapheme', () => {
    const body = '👨‍👩‍👧‍👦🇮🇹👍🏽🧕🏿'.repeat(400);
    const announcement = buildAnnouncement({ texts: { it: { title: 'Emoji', body } } });
    const parts = renderForChannel(announcement, 'it', 'wechat', deps);
    expectCleanSplit(parts, 'wechat', body, 'it');
    const unit = graphemes('👨‍👩‍👧‍👦🇮🇹👍🏽🧕🏿', 'it');
    for (const part of parts) {
      for (const g of graphemes(withoutNumbering(part), 'it')) {
        if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(g)) expect(unit, `broken grapheme ${JSON.stringify(g)}`).to.include(g);
      }
    }
  });

  it('a normal notice without an approved text in the language: throws, never falls back', () => {
    expect(() => renderForChannel(buildAnnouncement(), 'ar', 'whatsapp', deps)).to.throw(/not approved/);
  });

  it('an urgent notice without an approved Arabic text: note in Arabic, then Italian, then English', () => {
    const announcement = buildAnnouncement({
      priority: 'urgent',
      texts: { it: { title: 'Allerta meteo', body: 'Scuole chiuse.' }, en: { title: 'Weather alert', body: 'Schools closed.' } },
    });
    const [text] = renderForChannel(announcement, 'ar', 'whatsapp', deps);
    expect(text).to.match(/^\*‼️ announcements\.urgentLabel@ar\*\n\nannouncements\.translationFollows@ar\n\n\*Allerta meteo\*\n\nScuole chiuse\.\n\n\*Weather alert\*/);
  });
});
