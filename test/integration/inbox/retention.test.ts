import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

/** RETENTION_MESSAGE_DAYS as a fraction: 0.00003 days is about 2.6 s, within reach of the engine's 1 s TTL sweep. */
const RETENTION_DAYS = '0.00003';

describe('inbox retention of message texts (TTL index)', () => {
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack({ RETENTION_MESSAGE_DAYS: RETENTION_DAYS });
  });

  after(() => ctx.stack.stop());

  it('a message past RETENTION_MESSAGE_DAYS, is deleted by the database; the conversation stays', async () => {
    const question = buildQuestion();
    await citizenWrites(ctx, citizenChat(1), question);
    await waitForOurMessages(ctx, citizenChat(1), (m) => m.length === 1);
    const stored = await conversationWith(ctx, question);
    const expireAt = new Date(stored.messages[0].expireAt as string).getTime();
    expect(expireAt - new Date(stored.messages[0].receivedAt as string).getTime()).to.be.within(2500, 2700);

    let remaining = stored.messages.length as number;
    const deadline = Date.now() + 10_000;
    while (remaining > 0 && Date.now() < deadline) {
      await sleep(250);
      const response = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${stored.id}`, { headers: ctx.admin.headers });
      remaining = response.body.messages.length + response.body.outbound.length;
    }

    expect(remaining).to.equal(0);
    const after = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${stored.id}`, { headers: ctx.admin.headers });
    expect(after.status).to.equal(200);
    expect(after.body).to.include({ id: stored.id, state: 'open' });
  });
});
