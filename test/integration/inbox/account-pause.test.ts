import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
import { ACCOUNT, citizenWrites, inboxSendJobs, startInboxStack, waitForOurMessages, waitForOutboundSettled, type InboxStack } from './inbox-api.js';
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
    // The acknowledgement's job comes due again (its fourth run) and is taken while the account is paused:
    // from then on it had its chance to send.
    const pausedSince = Date.parse(String(account?.pausedSince));
    const takenWhilePaused = async (): Promise<true | undefined> => {
      if ((await inboxSendJobs(ctx, 'active')).some((job) => (job.processedOn ?? 0) > pausedSince)) return true;
      // A pause that did not hold sends at once, and the job leaves the queue: the assertion below says so.
      return (await messagesIn(ctx, ACCOUNT, chat)).some((m) => m.fromUs) ? true : undefined;
    };
    await waitForAsync(takenWhilePaused, 'the acknowledgement taken while paused', 30_000, 100);
    expect((await messagesIn(ctx, ACCOUNT, chat)).filter((m) => m.fromUs)).to.have.length(0);

    const resumedAt = Date.now();
    const resumed = await call(ctx.stack, 'POST', `/api/v1/connectors/${ACCOUNT}/resume`, { headers: ctx.admin.headers });
    expect(resumed.body).to.include({ paused: false, wasPaused: true });

    const ours = await waitForOurMessages(ctx, chat, (m) => m.length >= 1, 20_000);
    await waitForOutboundSettled(ctx);
    expect((await messagesIn(ctx, ACCOUNT, chat)).filter((m) => m.fromUs)).to.have.length(1);
    // Sent after the resume, not merely seen after it: a pause that let it go would show an earlier time.
    expect(Date.parse(ours[0]!.at)).to.be.at.least(resumedAt);
  });
});
