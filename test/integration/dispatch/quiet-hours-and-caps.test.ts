import { expect } from 'chai';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { delayedJobs, messagesIn, publishAnnouncement, registerGroups, romeTime, startDispatchStack, waitForMetrics, waitForSummary, type DispatchStack } from './dispatch-api.js';

describe('dispatch: quiet hours postpone, daily caps hold back, nothing is dropped', function () {
  this.timeout(60_000);

  describe('a group in its quiet hours', () => {
    const account = buildCommunityAccount({ id: 'sim-night', languages: ['ro'], groupsPerLanguage: 2 });
    let ctx: DispatchStack;
    before(async () => {
      ctx = await startDispatchStack([account]);
      await registerGroups(ctx, [account], (g) => (g.chatId === 'sim-night-ro-1' ? { ...g, quietHours: { from: romeTime(-60), to: romeTime(60) } } : g));
    });
    after(async () => ctx?.stack.stop());

    it('a normal notice waits until its quiet hours end, still queued; an urgent notice goes at once', async () => {
      const normal = await publishAnnouncement(ctx, { approved: ['ro'] });
      const summary = await waitForSummary(ctx, normal, (s) => s.byState.sent === 1);
      await waitForMetrics(ctx, [delayedJobs(account.id, 1)], 'the quiet group\'s job to wait for the morning');

      const listed = await call(ctx.stack, 'GET', `/api/v1/announcements/${normal}/deliveries?state=queued`, { headers: ctx.editor.headers });
      expect(summary.total).to.equal(2);
      expect(listed.body.items).to.have.length(1);
      const notBefore = Date.parse(listed.body.items[0].notBefore);
      expect(notBefore - Date.now()).to.be.within(55 * 60_000, 61 * 60_000);
      expect(await messagesIn(ctx, account.id, 'sim-night-ro-1')).to.have.length(0);

      const urgent = await publishAnnouncement(ctx, { approved: ['ro'], input: { priority: 'urgent', topics: ['emergency'] } });
      await waitForSummary(ctx, urgent, (s) => s.byState.sent === 2);
      expect(await messagesIn(ctx, account.id, 'sim-night-ro-1')).to.have.length(1);
    });
  });

  describe('an account with a daily cap of 2 messages', () => {
    const account = buildCommunityAccount({ id: 'sim-capped', languages: ['ur'], groupsPerLanguage: 3, rateLimit: { minIntervalMs: 20, dailyCap: 2 } });
    let ctx: DispatchStack;
    before(async () => {
      ctx = await startDispatchStack([account]);
      await registerGroups(ctx, [account]);
    });
    after(async () => ctx?.stack.stop());

    it('three groups: two messages leave today, the third stays queued for tomorrow', async () => {
      const id = await publishAnnouncement(ctx, { approved: ['ur'] });
      await waitForSummary(ctx, id, (s) => s.byState.sent === 2);
      // The third job has run and gone back to the queue for tomorrow: only then is "not sent" a verdict.
      const metrics = await waitForMetrics(ctx, [delayedJobs(account.id, 1)], 'the third job to wait for tomorrow');

      const summary = await waitForSummary(ctx, id, () => true);
      expect(summary.byState).to.include({ sent: 2, queued: 1 });
      let received = 0;
      for (const chat of account.chats) received += (await messagesIn(ctx, account.id, chat.chatId)).length;
      expect(received).to.equal(2);
      expect(metrics).to.match(/^sportello_dispatch_account_sent_today\{account="sim-capped"\} 2$/m);
      expect(metrics).to.match(/^sportello_dispatch_deliveries_total\{account="sim-capped",outcome="sent"\} 2$/m);
      expect(metrics).to.match(/^sportello_dispatch_deliveries_total\{account="sim-capped",outcome="postponed"\} [1-9]\d*$/m);
      // Staff see how much of the day's cap the account has used.
      const connectors = await call(ctx.stack, 'GET', '/api/v1/connectors', { headers: ctx.editor.headers });
      expect((connectors.body as Array<Record<string, unknown>>).find((c) => c.account === account.id)).to.include({ sentToday: 2 });
    });
  });
});
