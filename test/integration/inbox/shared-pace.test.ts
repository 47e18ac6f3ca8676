import { expect } from 'chai';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { messagesIn, publishAnnouncement, settled, summaryOf, waitForSummary, type DispatchStack } from '../dispatch/dispatch-api.js';
import { ACCOUNT, ARABIC_GROUP, citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

const CHINESE_GROUP = '120363000000000009@g.us';
const MIN_INTERVAL_MS = 400;

/** The inbox stack with an editor and a mediator to publish, and the Chinese group registered too. */
async function withDispatch(ctx: InboxStack): Promise<DispatchStack> {
  const dispatch = {
    stack: ctx.stack,
    admin: ctx.admin,
    editor: await signInAs(ctx.stack, 'editor'),
    mediator: await signInAs(ctx.stack, 'mediator', { languages: ['ar', 'zh-Hans'] }),
  };
  const group = await call(ctx.stack, 'POST', '/api/v1/groups', {
    headers: dispatch.editor.headers,
    body: { account: ACCOUNT, chatId: CHINESE_GROUP, name: 'Comunità cinese', language: 'zh-Hans', topics: [], enabled: true },
  });
  expect(group.status, JSON.stringify(group.body)).to.equal(201);
  return dispatch;
}

describe('one pace per chat account, for announcements and inbox answers together', function () {
  this.timeout(60_000);
  let ctx: InboxStack;
  let dispatch: DispatchStack;

  before(async () => {
    ctx = await startInboxStack({}, { account: { rateLimit: { minIntervalMs: MIN_INTERVAL_MS, dailyCap: 1000 } } });
    dispatch = await withDispatch(ctx);
  });

  after(() => ctx.stack.stop());

  it('a fan-out to two groups, four replies and two new questions at once, are sent never closer than minIntervalMs on the account', async () => {
    const citizens = [1, 2, 3, 4].map(citizenChat);
    const questions = citizens.map(() => buildQuestion());
    for (const [i, chat] of citizens.entries()) await citizenWrites(ctx, chat, questions[i]!);
    for (const chat of citizens) await waitForOurMessages(ctx, chat, (m) => m.length === 1);
    const conversations = await Promise.all(questions.map((q) => conversationWith(ctx, q)));
    const latecomers = [5, 6].map(citizenChat);

    const [announcementId] = await Promise.all([
      publishAnnouncement(dispatch, { approved: ['ar', 'zh-Hans'] }),
      ...conversations.map(async ({ id }) => {
        const replied = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${id}/replies`, { headers: ctx.admin.headers, body: { text: 'Risposta' } });
        expect(replied.status, JSON.stringify(replied.body)).to.equal(202);
      }),
      ...latecomers.map((chat) => citizenWrites(ctx, chat, buildQuestion())),
    ]);

    await waitForSummary(dispatch, announcementId, settled, 30_000);
    for (const chat of citizens) await waitForOurMessages(ctx, chat, (m) => m.length === 2, 30_000);
    for (const chat of latecomers) await waitForOurMessages(ctx, chat, (m) => m.length === 1, 30_000);
    const sentAt: number[] = [];
    for (const chat of [ARABIC_GROUP, CHINESE_GROUP, ...citizens, ...latecomers]) {
      for (const message of await messagesIn(ctx, ACCOUNT, chat)) if (message.fromUs) sentAt.push(Date.parse(message.at));
    }
    sentAt.sort((a, b) => a - b);
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]!);
    expect(sentAt.length).to.be.at.least(4 + 4 + 2 + 2);
    // The pace runs on Redis' clock and the chat's timestamps on ours, both in whole milliseconds.
    expect(Math.min(...gaps), JSON.stringify(gaps)).to.be.at.least(MIN_INTERVAL_MS - 2);
  });
});

describe('an account whose daily cap announcements have used up', function () {
  this.timeout(60_000);
  let ctx: InboxStack;
  let dispatch: DispatchStack;

  before(async () => {
    ctx = await startInboxStack({}, { account: { rateLimit: { minIntervalMs: 50, dailyCap: 2 } } });
    dispatch = await withDispatch(ctx);
  });

  after(() => ctx.stack.stop());

  it('a citizen writing, is still acknowledged, while the next announcement waits for tomorrow', async () => {
    const first = await publishAnnouncement(dispatch, { approved: ['ar', 'zh-Hans'] });
    expect((await waitForSummary(dispatch, first, settled, 20_000)).byState).to.include({ sent: 2 });
    const second = await publishAnnouncement(dispatch, { approved: ['ar', 'zh-Hans'] });

    await citizenWrites(ctx, citizenChat(1), buildQuestion());

    expect(await waitForOurMessages(ctx, citizenChat(1), (m) => m.length === 1)).to.have.length(1);
    expect((await summaryOf(dispatch, second)).byState.sent ?? 0).to.equal(0);
  });
});
