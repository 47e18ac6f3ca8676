import { expect } from 'chai';
import { DateTime } from 'luxon';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../../support/http.js';
import { citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

/** The office opens only on the day after tomorrow (town time), an hour in the morning: now it is closed. */
const opensOn = DateTime.now().setZone('Europe/Rome').startOf('day').plus({ days: 2 });
const DAY = opensOn.toFormat('ccc');

/**
 * A citizen who writes while the Immigration Service is closed (INBOX_OPENING_HOURS, INBOX_CLOSED_DATES) learns,
 * in the acknowledgement, when mediators will be there to answer: on the real stack, through the simulator's chat.
 */
describe('a question outside office hours', () => {
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack({ INBOX_OPENING_HOURS: `${DAY} 09:00-10:00`, INBOX_CLOSED_DATES: '', TIME_ZONE: 'Europe/Rome' });
  });
  after(() => ctx.stack.stop());

  it('is acknowledged with when the office opens again, in the citizen’s language and the town’s time', async () => {
    const chat = citizenChat(1);
    await citizenWrites(ctx, chat, 'LANG ar');
    await citizenWrites(ctx, chat, buildQuestion('مرحبا، متى يمكنني تجديد الإقامة؟'));

    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.length === 2);

    const when = new Intl.DateTimeFormat('ar', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome', calendar: 'gregory' }).format(
      opensOn.set({ hour: 9 }).toJSDate(),
    );
    expect(ours.at(-1)!.text).to.contain(`المكتب مغلق الآن. سيرد عليك أحد الوسطاء عند إعادة فتحه: ${when}.`);
  });

  it('a keyword is no question: its confirmation promises nothing', async () => {
    const chat = citizenChat(2);
    await citizenWrites(ctx, chat, 'LANG en');

    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.length === 1);

    expect(ours[0]!.text).not.to.contain('closed');
  });

  it('answered while the office is closed: the wait counts no time in the statistics, which say they count office hours', async () => {
    const chat = citizenChat(3);
    const question = buildQuestion('مرحبا، هل أحتاج إلى موعد؟');
    await citizenWrites(ctx, chat, 'LANG ar');
    await citizenWrites(ctx, chat, question);
    const conversation = await conversationWith(ctx, question);
    // A second of the clock: counted on the clock, this wait would show at least one second.
    await sleep(Math.max(0, Date.parse(conversation.waitingSince) + 1000 - Date.now()));
    const answered = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${String(conversation.id)}/replies`, { headers: ctx.arabicMediator.headers, body: { text: 'Lunedì alle 9.' } });
    expect(answered.status).to.equal(202);

    const stats = await call(ctx.stack, 'GET', '/api/v1/inbox/stats', { headers: ctx.admin.headers });

    expect(stats.body.measuredIn).to.equal('office_hours');
    expect(stats.body.languages.find((l: { language: string }) => l.language === 'ar')).to.include({ answered: 1, averageSeconds: 0, withinTarget: 1 });
  });
});
