import { expect } from 'chai';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

/** `9:00–13:00` for 540–780 minutes after midnight: how the demo's texts write a range. */
const range = ({ from, to }: { from: number; to: number }): string => {
  const time = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  return `${time(from)}–${time(to)}`;
};

/** Latin-script words of three letters or more, but for the names of Italian offices and documents a text may quote. */
const foreignWords = (text: string): string[] => (text.replace(/codice fiscale|Sportello Amico|https?:\/\/\S+/g, '').match(/[A-Za-z]{3,}/g) ?? []);

describe('the demo’s sample texts agree with the demo’s office hours and are written in their own languages', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let headers: Record<string, string>;

  before(async () => {
    stack = await startTestStack({ SPORTELLO_MODE: 'demo', BOOTSTRAP_ADMIN_EMAIL: undefined, BOOTSTRAP_ADMIN_PASSWORD: undefined });
    headers = { authorization: `Bearer ${stack.running.demoCredentials!.token}` };
  });
  after(() => stack.stop());

  const hoursOfTheDemo = (): string[] => {
    const weekly = stack.running.config.inbox.openingHours!.weekly;
    return [...new Set([...weekly.values()].flat().map(range))];
  };

  it('the published notice about the hours states INBOX_OPENING_HOURS in Italian, English, Chinese and Arabic', async () => {
    const listed = await call(stack, 'GET', '/api/v1/announcements?limit=50', { headers });
    const notice = (listed.body.items as Array<{ topics: string[]; translations: Record<string, { title: string; body: string }> }>).find((a) => a.topics.includes('desk'))!;
    const hours = hoursOfTheDemo();

    expect(hours).to.deep.equal(['9:00–13:00', '14:30–17:00']);
    for (const lang of ['it', 'en', 'zh-Hans', 'ar']) {
      const body = notice.translations[lang]!.body;
      for (const hour of hours) expect(body, `${lang}: ${body}`).to.contain(hour);
      if (lang !== 'en' && lang !== 'it') expect(foreignWords(body), `${lang}: ${body}`).to.deep.equal([]);
    }
    expect(notice.translations.it!.body).not.to.match(/\b(Mon|Tue|Wed|Thu|Fri|Monday|Friday)\b/);
  });

  it('the saved replies about the hours say the same hours, and the Chinese and Arabic ones hold no English', async () => {
    const replies = await call(stack, 'GET', '/api/v1/inbox/saved-replies', { headers });
    const hours = hoursOfTheDemo();
    const aboutHours = (replies.body.items as Array<{ language: string; title: string; text: string }>).filter((r) => r.title === 'Orari dello sportello');

    expect(aboutHours.map((r) => r.language).sort()).to.deep.equal(['ar', 'en', 'zh-Hans']);
    for (const reply of aboutHours) for (const hour of hours) expect(reply.text, reply.language).to.contain(hour);
    for (const reply of (replies.body.items as Array<{ language: string; text: string }>).filter((r) => r.language !== 'en')) {
      expect(foreignWords(reply.text), reply.text).to.deep.equal([]);
    }
  });
});
