import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { ACCOUNT, citizenWrites, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';
import { messagesIn } from '../dispatch/dispatch-api.js';

/**
 * A platform that keeps answering "too fast" gets the account paused (the dispatch rule, 3 times in 10 minutes):
 * the inbox's answers count toward it and wait while it lasts, as announcements do; an admin's resume lets them go.
 */
describe('inbox: an account paused after repeated rate limits', function () {
  this.timeout(60_000);
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack();
  });

  after(() => ctx.stack.stop());

  it('rate-limited acknowledgements pause the account; nothing leaves it until an admin resumes it, then the acknowledgement goes', async () => {
    const chat = citizenChat(4);
    await call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/faults`, {
      headers: ctx.admin.headers,
      body: { failNext: { count: 3, kind: 'rate_limited', retryAfterSeconds: 0.1 } },
    });

    await citizenWrites(ctx, chat, buildQuestion());
    let account: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !account?.paused; i += 1) {
      await sleep(100);
      const listed = await call(ctx.stack, 'GET', '/api/v1/connectors', { headers: ctx.admin.headers });
      account = (listed.body as Array<Record<string, unknown>>).find((c) => c.account === ACCOUNT);
    }
    expect(account).to.include({ paused: true });
    expect(account?.pausedReason).to.contain('rate-limited 3 times');
    await sleep(1500);
    expect((await messagesIn(ctx, ACCOUNT, chat)).filter((m) => m.fromUs)).to.have.length(0);

    const resumed = await call(ctx.stack, 'POST', `/api/v1/connectors/${ACCOUNT}/resume`, { headers: ctx.admin.headers });
    expect(resumed.body).to.include({ paused: false, wasPaused: true });

    const ours = await waitForOurMessages(ctx, chat, (m) => m.length >= 1, 20_000);
    expect(ours).to.have.length(1);
  });
});
