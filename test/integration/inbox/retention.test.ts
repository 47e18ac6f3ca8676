import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
import { publishAnnouncement, settled, waitForSummary } from '../dispatch/dispatch-api.js';
import { citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

/** RETENTION_MESSAGE_DAYS as a fraction: 0.00003 days is about 2.6 s, within reach of the engine's 1 s TTL sweep. */
const RETENTION_DAYS = '0.00003';

describe('inbox retention of message texts (TTL index)', () => {
  let ctx: InboxStack;

  before(async () => {
    // Notices go into citizens' chats at any hour here: the test may run at night.
    ctx = await startInboxStack({ RETENTION_MESSAGE_DAYS: RETENTION_DAYS, CITIZEN_QUIET_HOURS: 'off' });
  });

  after(() => ctx.stack.stop());

  it('a citizen silent for RETENTION_MESSAGE_DAYS, is forgotten by the database: texts, conversation and contact', async () => {
    const question = buildQuestion();
    await citizenWrites(ctx, citizenChat(1), question);
    await waitForOurMessages(ctx, citizenChat(1), (m) => m.length === 1);
    const stored = await conversationWith(ctx, question);
    const expireAt = new Date(stored.messages[0].expireAt as string).getTime();
    expect(expireAt - new Date(stored.messages[0].receivedAt as string).getTime()).to.be.within(2500, 2700);

    let status = 200;
    const deadline = Date.now() + 10_000;
    while (status === 200 && Date.now() < deadline) {
      await sleep(250);
      status = (await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${stored.id}`, { headers: ctx.admin.headers })).status;
    }

    expect(status).to.equal(404);
    const exported = await call(ctx.stack, 'GET', `/api/v1/inbox/contacts/${stored.contactId as string}/export`, { headers: ctx.admin.headers });
    expect(exported.status).to.equal(404);
    const listed = await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?limit=200', { headers: ctx.admin.headers });
    expect((listed.body.items as Array<{ id: string }>).map((c) => c.id)).to.not.include(stored.id);
  });

  it('a citizen who writes again, is kept: each message pushes the day back', async () => {
    const first = buildQuestion();
    const firstAt = Date.now();
    await citizenWrites(ctx, citizenChat(2), first);
    await waitForOurMessages(ctx, citizenChat(2), (m) => m.length === 1);
    const stored = await conversationWith(ctx, first);
    await sleep(Math.max(0, firstAt + 2000 - Date.now()));
    const second = buildQuestion();
    await citizenWrites(ctx, citizenChat(2), second);

    // Once the first message is swept (2.6 s after it), the conversation would be gone without the second one.
    let texts = [first];
    const deadline = Date.now() + 10_000;
    while (texts.some((t) => t === first) && Date.now() < deadline) {
      await sleep(200);
      const response = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${stored.id}`, { headers: ctx.admin.headers });
      expect(response.status).to.equal(200);
      texts = (response.body.messages as Array<{ text: string }>).map((m) => m.text);
    }

    expect(texts).to.deep.equal([second]);
  });

  it('a citizen receiving the notices is kept while subscribed; what was sent into their chat, and they once they stop, are forgotten', async () => {
    const chat = citizenChat(3);
    await citizenWrites(ctx, chat, 'ISCRIVIMI');
    await waitForOurMessages(ctx, chat, (m) => m.length === 1);
    const dispatch = { stack: ctx.stack, admin: ctx.admin, editor: ctx.admin, mediator: ctx.admin };
    const id = await publishAnnouncement(dispatch, { approved: ['ar'] });
    await waitForSummary(dispatch, id, (s) => settled(s) && s.byState.sent === 2);
    const contactId = async (): Promise<string | undefined> => {
      const deliveries = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=100`, { headers: ctx.admin.headers });
      return (deliveries.body.items as Array<{ target: string }>).map((d) => d.target).find((t) => t.startsWith('citizen:'))?.slice('citizen:'.length);
    };
    const contact = await contactId();
    expect(contact).to.be.a('string');

    // Past the retention: the delivery into the citizen's chat is gone, the group's stays, the contact stays.
    const deadline = Date.now() + 10_000;
    while ((await contactId()) && Date.now() < deadline) await sleep(250);
    expect(await contactId()).to.equal(undefined);
    const remaining = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=100`, { headers: ctx.admin.headers });
    expect((remaining.body.items as Array<{ kind: string }>).map((d) => d.kind)).to.deep.equal(['group']);
    // A citizen who writes now and is not subscribed: once they are forgotten, the sweep has passed the subscriber's day too.
    const witness = buildQuestion();
    await citizenWrites(ctx, citizenChat(4), witness);
    const witnessed = await conversationWith(ctx, witness);
    await waitForAsync(
      async () => ((await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${String(witnessed.id)}`, { headers: ctx.admin.headers })).status === 404 ? true : undefined),
      'the witness to be forgotten',
      10_000,
      250,
    );
    const kept = await call(ctx.stack, 'GET', `/api/v1/inbox/contacts/${contact!}/export`, { headers: ctx.admin.headers });
    expect(kept.status, 'subscribed: kept beyond the retention').to.equal(200);
    expect(kept.body.contact.subscription.chatId).to.equal(chat);

    await citizenWrites(ctx, chat, 'UNSUBSCRIBE');

    let status = 200;
    const forgotten = Date.now() + 10_000;
    while (status === 200 && Date.now() < forgotten) {
      await sleep(250);
      status = (await call(ctx.stack, 'GET', `/api/v1/inbox/contacts/${contact!}/export`, { headers: ctx.admin.headers })).status;
    }
    expect(status).to.equal(404);
  });
});
