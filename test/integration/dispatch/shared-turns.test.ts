import { expect } from 'chai';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { delayedJobs, messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, waitForMetrics, waitForSummary, type DispatchStack } from './dispatch-api.js';

interface ListedDelivery {
  chatId: string;
  state: string;
  attempts: number;
  interruptions: number;
  messageIds: string[];
}

async function deliveriesOf(ctx: DispatchStack, id: string): Promise<ListedDelivery[]> {
  const response = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=1000`, { headers: ctx.editor.headers });
  expect(response.status).to.equal(200);
  return response.body.items;
}

describe('dispatch: an account without a gap between messages, whose running jobs share a turn', function () {
  this.timeout(60_000);

  describe('60 groups, two transient failures armed', () => {
    const account = buildCommunityAccount({ id: 'sim-unspaced', languages: ['ur'], groupsPerLanguage: 60, rateLimit: { minIntervalMs: 0, dailyCap: 10_000 } });
    let ctx: DispatchStack;
    before(async () => {
      ctx = await startDispatchStack([account]);
      await registerGroups(ctx, [account]);
    });
    after(async () => ctx?.stack.stop());

    it('every delivery is sent and recorded once, the two that failed after a retry; each chat holds exactly its message', async () => {
      const faults = await call(ctx.stack, 'POST', `/api/v1/simulator/${account.id}/faults`, { headers: ctx.admin.headers, body: { failNext: { count: 2, kind: 'transient' } } });
      expect(faults.status).to.be.within(200, 204);

      const id = await publishAnnouncement(ctx, { approved: ['ur'] });
      const summary = await waitForSummary(ctx, id, settled, 30_000);

      expect(summary.byState).to.include({ sent: 60 });
      const deliveries = await deliveriesOf(ctx, id);
      expect(deliveries.filter((d) => d.attempts === 1)).to.have.length(2);
      for (const delivery of deliveries) {
        expect(delivery.interruptions, delivery.chatId).to.equal(0);
        const received = await messagesIn(ctx, account.id, delivery.chatId);
        expect(received.map((m) => m.id), delivery.chatId).to.deep.equal(delivery.messageIds);
        expect(received, delivery.chatId).to.have.length(1);
      }
    });
  });

  describe('8 groups and a daily cap of 5 messages', () => {
    const account = buildCommunityAccount({ id: 'sim-unspaced-cap', languages: ['ur'], groupsPerLanguage: 8, rateLimit: { minIntervalMs: 0, dailyCap: 5 } });
    let ctx: DispatchStack;
    before(async () => {
      ctx = await startDispatchStack([account]);
      await registerGroups(ctx, [account]);
    });
    after(async () => ctx?.stack.stop());

    it('a shared turn too large for the cap: five messages leave one by one, the other three stay queued for tomorrow', async () => {
      const id = await publishAnnouncement(ctx, { approved: ['ur'] });
      await waitForSummary(ctx, id, (s) => s.byState.sent === 5);
      await waitForMetrics(ctx, [delayedJobs(account.id, 3)], 'the three jobs past the cap to wait for tomorrow');

      const summary = await waitForSummary(ctx, id, () => true);
      expect(summary.byState).to.include({ sent: 5, queued: 3 });
      let received = 0;
      for (const chat of account.chats) received += (await messagesIn(ctx, account.id, chat.chatId)).length;
      expect(received).to.equal(5);
    });
  });
});
