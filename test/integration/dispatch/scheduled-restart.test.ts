import { expect } from 'chai';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, summaryOf, waitForSummary, type DispatchStack } from './dispatch-api.js';

describe('dispatch: scheduled announcements across a restart of the service', function () {
  this.timeout(60_000);
  let infra: SharedInfra;
  const running = new Set<DispatchStack>();
  const start = async (account: ReturnType<typeof buildCommunityAccount>): Promise<DispatchStack> => {
    const ctx = await startDispatchStack([account], infra.env);
    running.add(ctx);
    return ctx;
  };
  const stop = async (ctx: DispatchStack): Promise<void> => {
    running.delete(ctx);
    await ctx.stack.stop();
  };

  before(async () => (infra = await startSharedInfra()));
  after(async () => {
    for (const ctx of running) await ctx.stack.stop();
    await infra?.stop();
  });

  it('scheduled 4 s ahead, service stopped before then and started again: the messages leave after the time, once', async () => {
    const account = buildCommunityAccount({ id: 'sim-later', languages: ['ro'], groupsPerLanguage: 2 });
    const first = await start(account);
    await registerGroups(first, [account]);
    const scheduledAt = new Date(Date.now() + 4000);
    const id = await publishAnnouncement(first, { approved: ['ro'], scheduledAt });
    expect((await summaryOf(first, id)).byState.queued).to.equal(2);
    await stop(first);
    await sleep(500);

    const second = await start(account);
    const summary = await waitForSummary(second, id, settled, 20_000);

    expect(summary.byState.sent).to.equal(2);
    for (const chat of account.chats) {
      const messages = await messagesIn(second, account.id, chat.chatId);
      expect(messages).to.have.length(1);
      expect(Date.parse(messages[0]?.at ?? '')).to.be.at.least(scheduledAt.getTime());
    }
  });

  it('deliveries written queued whose jobs are gone from Redis (a crash between the write and the enqueue), service started again: each group gets the message once', async () => {
    const account = buildCommunityAccount({ id: 'sim-lost', languages: ['sq'], groupsPerLanguage: 3 });
    const first = await start(account);
    await registerGroups(first, [account]);
    const id = await publishAnnouncement(first, { approved: ['sq'], scheduledAt: new Date(Date.now() + 4000) });
    expect((await summaryOf(first, id)).byState.queued).to.equal(3);
    await stop(first);
    const redis = new Redis(infra.env.REDIS_URL!);
    await redis.flushdb();
    redis.disconnect();

    const second = await start(account);
    const summary = await waitForSummary(second, id, settled, 20_000);

    expect(summary.byState.sent).to.equal(3);
    for (const chat of account.chats) expect(await messagesIn(second, account.id, chat.chatId)).to.have.length(1);
  });
});
