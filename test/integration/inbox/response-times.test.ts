import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import type { SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

interface StatsRow {
  language?: string;
  answered: number;
  averageSeconds?: number;
  medianSeconds?: number;
  withinTarget?: number;
  waiting: number;
  oldestWaitingSince?: string;
}

/**
 * How long citizens wait for an answer (the mission's yardstick: Cecina answers in under three hours): a
 * question starts a wait, the first answer from staff ends it and is counted, per language, through
 * `GET /api/v1/inbox/stats` and the metrics.
 */
describe('inbox answer times: how long citizens wait, per language', () => {
  let ctx: InboxStack;

  // Each test on a stack of its own: the statistics add up every conversation of the database.
  beforeEach(async () => {
    ctx = await startInboxStack();
  });
  afterEach(() => ctx.stack.stop());

  const post = (as: SignedInUser, path: string, body?: unknown) => call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${path}`, { headers: as.headers, body });
  const read = async (id: string) => (await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${id}`, { headers: ctx.admin.headers })).body;
  async function stats(as: SignedInUser, query = ''): Promise<{ overall: StatsRow; languages: StatsRow[]; days: number; targetSeconds: number; measuredIn: string }> {
    const response = await call(ctx.stack, 'GET', `/api/v1/inbox/stats${query}`, { headers: as.headers });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body;
  }
  const row = async (language: string, as = ctx.admin) => (await stats(as)).languages.find((r) => r.language === language);

  /** An Arabic citizen's question, waiting for a second (the shortest wait the statistics show); the conversation. */
  const arabicWaiting = async () => {
    const question = buildQuestion('مرحبا، كيف أجدد تصريح الإقامة؟');
    await citizenWrites(ctx, citizenChat(1), question);
    const conversation = await conversationWith(ctx, question);
    expect(conversation.waitingSince).to.be.a('string');
    await sleep(Math.max(0, Date.parse(conversation.waitingSince) + 1000 - Date.now()));
    return conversation;
  };

  it('a question starts the wait; a second message does not restart it; the conversation, the statistics and the metrics show who waits', async () => {
    const chat = citizenChat(1);
    const conversation = await arabicWaiting();
    const arabicId = String(conversation.id);

    await citizenWrites(ctx, chat, buildQuestion('هل يمكنني الحضور غدا؟'));

    expect((await read(arabicId)).waitingSince).to.equal(conversation.waitingSince);
    expect(await row('ar')).to.deep.equal({ language: 'ar', answered: 0, waiting: 1, oldestWaitingSince: conversation.waitingSince });
    const metrics = await (await fetch(`${ctx.stack.url}/metrics`)).text();
    expect(metrics).to.match(/^sportello_inbox_waiting_conversations\{language="ar"\} 1$/m);
    expect(metrics).to.match(/^sportello_inbox_oldest_waiting_seconds\{language="ar"\} [1-9]\d*$/m);
  });

  it('the first answer ends the wait and counts its time; a second answer counts nothing', async () => {
    const arabicId = String((await arabicWaiting()).id);
    await post(ctx.arabicMediator, `${arabicId}/replies`, { text: 'نعم، يجب حجز موعد.' });
    await post(ctx.arabicMediator, `${arabicId}/replies`, { text: 'المكتب مفتوح من الساعة التاسعة.' });

    expect((await read(arabicId)).waitingSince).to.equal(undefined);
    const arabic = await row('ar');
    expect(arabic).to.include({ answered: 1, waiting: 0, withinTarget: 1 });
    expect(arabic!.averageSeconds).to.be.within(1, 30);
    expect(arabic!.medianSeconds).to.equal(arabic!.averageSeconds);
    expect(arabic).not.to.have.property('oldestWaitingSince');
    const metrics = await (await fetch(`${ctx.stack.url}/metrics`)).text();
    expect(metrics).to.match(/^sportello_inbox_response_seconds_count\{language="ar"\} 1$/m);
  });

  it('keywords start no wait; STOP ends one; closing without an answer stops the waiting, reopening resumes it, a new question in a closed conversation starts over', async () => {
    const chinese = citizenChat(2);
    await citizenWrites(ctx, chinese, 'LANG zh-Hans');
    await waitForOurMessages(ctx, chinese, (m) => m.length === 1);
    const question = buildQuestion('你好，我想续签居留许可');
    await citizenWrites(ctx, chinese, question);
    const id = String((await conversationWith(ctx, question)).id);
    expect(await row('zh-Hans')).to.include({ waiting: 1, answered: 0 });

    await citizenWrites(ctx, chinese, 'STOP');
    expect((await read(id)).waitingSince).to.equal(undefined);
    // Nobody waits and nobody was answered: the language has no row, except for its own mediators.
    expect(await row('zh-Hans')).to.equal(undefined);
    expect(await row('zh-Hans', ctx.chineseMediator)).to.deep.equal({ language: 'zh-Hans', answered: 0, waiting: 0 });

    const other = buildQuestion('请问办公室几点开门？');
    await citizenWrites(ctx, citizenChat(3), other);
    const otherId = String((await conversationWith(ctx, other)).id);
    expect(await row('zh-Hans')).to.include({ waiting: 1 });
    const waitStarted = (await read(otherId)).waitingSince as string;
    expect((await post(ctx.chineseMediator, `${otherId}/close`)).status).to.equal(200);
    expect(await row('zh-Hans')).to.equal(undefined);
    expect((await read(otherId)).waitingSince).to.equal(undefined);

    // Closed by mistake and reopened: the citizen has been waiting since their question all along.
    expect((await post(ctx.chineseMediator, `${otherId}/reopen`)).status).to.equal(200);
    expect((await read(otherId)).waitingSince).to.equal(waitStarted);
    expect(await row('zh-Hans')).to.deep.equal({ language: 'zh-Hans', answered: 0, waiting: 1, oldestWaitingSince: waitStarted });

    // Closed again, and the citizen asks something new later: the wait starts over from the new question.
    await post(ctx.chineseMediator, `${otherId}/close`);
    await sleep(20);
    await citizenWrites(ctx, citizenChat(3), buildQuestion('还有一个问题'));
    const restarted = (await read(otherId)).waitingSince as string;
    expect(Date.parse(restarted)).to.be.above(Date.parse(waitStarted));
    await post(ctx.chineseMediator, `${otherId}/close`);
    expect(await row('zh-Hans')).to.equal(undefined);
  });

  it('mediators see their own languages; the overall figures add up; erasing a citizen keeps the anonymous answer times', async () => {
    const arabicId = String((await arabicWaiting()).id);
    expect((await post(ctx.arabicMediator, `${arabicId}/replies`, { text: 'نعم، يجب حجز موعد.' })).status).to.equal(202);

    const chineseView = await stats(ctx.chineseMediator);
    expect(chineseView.languages.map((r) => r.language)).to.deep.equal(['zh-Hans']);
    const everyone = await stats(ctx.viewer);
    expect(everyone.languages.map((r) => r.language)).to.deep.equal(['ar']);
    expect(everyone.overall).to.include({ answered: 1, waiting: 0 });
    expect(everyone).to.include({ days: 30, targetSeconds: 10_800, measuredIn: 'clock' });

    const contactId = String((await read(arabicId)).contactId);
    expect((await call(ctx.stack, 'DELETE', `/api/v1/inbox/contacts/${contactId}`, { headers: ctx.admin.headers })).status).to.equal(204);
    expect(await row('ar')).to.include({ answered: 1 });
  });

  it('the queue of those waiting lists the longest wait first, page by page; an answered citizen who asks again waits anew', async () => {
    const ids: string[] = [];
    for (const n of [4, 5, 6]) {
      const question = buildQuestion('متى يفتح المكتب؟');
      await citizenWrites(ctx, citizenChat(n), question);
      ids.push(String((await conversationWith(ctx, question)).id));
      await sleep(20);
    }
    // The first citizen writes again: their wait still counts from the first question.
    await citizenWrites(ctx, citizenChat(4), buildQuestion('هل من جديد؟'));
    // The second is answered, then asks again: created before the third, it now waits after it.
    await post(ctx.arabicMediator, `${ids[1]}/replies`, { text: 'نعم.' });
    await sleep(20);
    await citizenWrites(ctx, citizenChat(5), buildQuestion('وماذا عن الوثائق؟'));

    const waitingPage = async (after?: string) => {
      const response = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations?waiting=true&limit=1${after ? `&after=${after}` : ''}`, { headers: ctx.arabicMediator.headers });
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body as { items: Array<{ id: string; waitingSince: string }>; next?: string };
    };
    const pages = [await waitingPage()];
    while (pages.length < 4 && pages[pages.length - 1]!.next) pages.push(await waitingPage(pages[pages.length - 1]!.next));
    const listed = pages.flatMap((p) => p.items);
    expect(listed.map((c) => c.id)).to.deep.equal([ids[0], ids[2], ids[1]]);
    expect(listed.map((c) => Date.parse(c.waitingSince))).to.deep.equal(listed.map((c) => Date.parse(c.waitingSince)).sort((a, b) => a - b));
    expect(pages[pages.length - 1]!.items).to.deep.equal([]);
    expect((await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?waiting=true', { headers: ctx.chineseMediator.headers })).body.items).to.deep.equal([]);
    expect((await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?waiting=maybe', { headers: ctx.admin.headers })).status).to.equal(400);
  });

  it('a period out of range is refused naming `days`', async () => {
    for (const days of ['0', '401', 'a month']) {
      const response = await call(ctx.stack, 'GET', `/api/v1/inbox/stats?days=${encodeURIComponent(days)}`, { headers: ctx.admin.headers });
      expect(response.status, days).to.equal(400);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(JSON.stringify(response.body)).to.contain('days');
    }
    expect((await stats(ctx.admin, '?days=400')).days).to.equal(400);
  });
});
