import { expect } from 'chai';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, summaryOf, waitForSummary, type DispatchStack } from './dispatch-api.js';

async function injectFaults(ctx: DispatchStack, account: string, failNext: Record<string, unknown>): Promise<void> {
  const response = await call(ctx.stack, 'POST', `/api/v1/simulator/${account}/faults`, { headers: ctx.admin.headers, body: { failNext } });
  expect(response.status, JSON.stringify(response.body)).to.be.within(200, 204);
}

/** The ids of every message in the account's chats. */
async function messageIds(ctx: DispatchStack, account: { id: string; chats: Array<{ chatId: string }> }): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const chat of account.chats) for (const m of await messagesIn(ctx, account.id, chat.chatId)) ids.add(m.id);
  return ids;
}

async function deliveriesOf(ctx: DispatchStack, id: string, query = ''): Promise<Array<Record<string, unknown>>> {
  const response = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=1000${query}`, { headers: ctx.editor.headers });
  expect(response.status).to.equal(200);
  return response.body.items;
}

describe('dispatch reliability: retries, failures, pacing, pauses and cancellation', function () {
  this.timeout(90_000);

  describe('one group', () => {
    const account = buildCommunityAccount({ id: 'sim-one', languages: ['ar'], groupsPerLanguage: 1 });
    let ctx: DispatchStack;
    before(async () => {
      ctx = await startDispatchStack([account]);
      await registerGroups(ctx, [account]);
    });
    after(async () => ctx?.stack.stop());

    it('two transient failures: the delivery is retried with backoff and sent once, after 3 attempts', async () => {
      // The other tests send into the same group: only what appears after this publication is its message.
      const before = await messageIds(ctx, account);
      await injectFaults(ctx, 'sim-one', { count: 2, kind: 'transient' });

      const id = await publishAnnouncement(ctx, { approved: ['ar'] });
      await waitForSummary(ctx, id, settled, 30_000);

      const [delivery] = await deliveriesOf(ctx, id);
      expect(delivery).to.include({ state: 'sent', attempts: 2 });
      expect((await messagesIn(ctx, 'sim-one', 'sim-one-ar-1')).filter((m) => !before.has(m.id))).to.have.length(1);
    });

    it('a group the account is not a member of: the delivery fails at once with the platform reason', async () => {
      const created = await call(ctx.stack, 'POST', '/api/v1/groups', {
        headers: ctx.editor.headers,
        body: { account: 'sim-one', chatId: 'left-this-group', name: 'Old group', language: 'ar', topics: ['work'], enabled: true },
      });
      expect(created.status).to.equal(201);

      const id = await publishAnnouncement(ctx, { approved: ['ar'], input: { topics: ['work'] } });
      const summary = await waitForSummary(ctx, id, settled);

      expect(summary.byState).to.include({ sent: 1, failed: 1 });
      const [failed] = await deliveriesOf(ctx, id, '&state=failed');
      expect(failed).to.include({ chatId: 'left-this-group', attempts: 1, reason: 'not a member of this chat' });
    });

    it('retry after a permanent failure the platform got over: the failed delivery is queued again and sent', async () => {
      await injectFaults(ctx, 'sim-one', { count: 1, kind: 'permanent' });
      const id = await publishAnnouncement(ctx, { approved: ['ar'], input: { topics: ['events'] } });
      await waitForSummary(ctx, id, (s) => s.byState.failed === 1);

      const retried = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/deliveries/retry`, { headers: ctx.editor.headers });
      expect(retried.status).to.equal(202);
      expect(retried.body.requeued).to.equal(1);

      const summary = await waitForSummary(ctx, id, (s) => s.byState.sent === 1);
      expect(summary.byState.failed).to.equal(0);
    });
  });

  describe('eight groups on a slow account', () => {
    const account = buildCommunityAccount({ id: 'sim-paced', languages: ['sq'], groupsPerLanguage: 8, rateLimit: { minIntervalMs: 250, dailyCap: 1000 } });
    let ctx: DispatchStack;
    before(async () => {
      ctx = await startDispatchStack([account]);
      await registerGroups(ctx, [account]);
    });
    after(async () => ctx?.stack.stop());

    it('sends are never closer than the account interval, across all its chats', async () => {
      // The other tests send into the same groups: only what appears after this publication is this fan-out.
      const before = await messageIds(ctx, account);
      const id = await publishAnnouncement(ctx, { approved: ['sq'] });
      await waitForSummary(ctx, id, settled, 30_000);

      const times: number[] = [];
      for (const chat of account.chats) for (const m of await messagesIn(ctx, account.id, chat.chatId)) if (!before.has(m.id)) times.push(Date.parse(m.at));
      times.sort((a, b) => a - b);
      expect(times).to.have.length(8);
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
      expect(Math.min(...gaps), `gaps ${gaps.join(', ')}`).to.be.at.least(250 - 1);
    });

    it('cancel in the middle of a fan-out: what was sent stays listed, the rest is cancelled and never sent', async () => {
      const before = await messageIds(ctx, account);
      const id = await publishAnnouncement(ctx, { approved: ['sq'], input: { topics: ['housing'] } });
      await waitForSummary(ctx, id, (s) => (s.byState.sent ?? 0) >= 2);

      const cancelled = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/cancel`, { headers: ctx.editor.headers });
      expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
      const summary = await waitForSummary(ctx, id, settled);
      // The account's queue takes jobs in order: once a later announcement reached every group, the cancelled
      // deliveries' jobs have had their turn.
      const later = await publishAnnouncement(ctx, { approved: ['sq'], input: { topics: ['health'] } });
      expect((await waitForSummary(ctx, later, settled, 30_000)).byState.sent).to.equal(8);

      expect(summary.byState.sent).to.be.within(2, 4);
      expect(summary.byState.cancelled).to.equal(8 - (summary.byState.sent ?? 0));
      expect(await summaryOf(ctx, id)).to.deep.equal(summary);
      const fresh = [...(await messageIds(ctx, account))].filter((messageId) => !before.has(messageId));
      expect(fresh).to.have.length(8 + (summary.byState.sent ?? 0));
    });

    it('three rate limits in the window pause the account with a reason; nothing is dropped; resume sends the rest', async () => {
      await injectFaults(ctx, 'sim-paced', { count: 3, kind: 'rate_limited', retryAfterSeconds: 0.2 });

      const id = await publishAnnouncement(ctx, { approved: ['sq'], input: { topics: ['family'] } });
      const listed = await waitForAsync(async () => {
        const connectors = (await call(ctx.stack, 'GET', '/api/v1/connectors', { headers: ctx.editor.headers })).body as Array<Record<string, unknown>>;
        return connectors.some((c) => c.paused) ? connectors : undefined;
      }, 'the account to pause');
      expect(listed.find((c) => c.account === 'sim-paced')).to.include({ paused: true }).and.have.property('pausedReason').that.contains('rate-limited 3 times');
      // Every job has had its go and waits behind the pause: none running, none delayed, all eight parked.
      await waitForAsync(async () => {
        const metrics = await (await fetch(new URL('/metrics', ctx.stack.url))).text();
        const jobs = (state: string) => Number(new RegExp(`sportello_dispatch_queue_jobs\\{account="sim-paced",state="${state}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
        return jobs('active') === 0 && jobs('delayed') === 0 && jobs('waiting') + jobs('paused') === 8 ? true : undefined;
      }, 'the account\'s jobs to wait behind the pause');
      const paused = await summaryOf(ctx, id);
      expect(paused.byState.sent ?? 0).to.equal(0);
      expect(paused.byState.queued).to.equal(8);
      const metrics = await (await fetch(new URL('/metrics', ctx.stack.url))).text();
      expect(metrics).to.match(/sportello_dispatch_account_paused\{account="sim-paced",reason="rate-limited 3 times[^"]*"\} 1/);

      const resumed = await call(ctx.stack, 'POST', '/api/v1/connectors/sim-paced/resume', { headers: ctx.admin.headers });
      expect(resumed.status).to.equal(200);

      const summary = await waitForSummary(ctx, id, settled, 30_000);
      expect(summary.byState.sent).to.equal(8);
    });

    it('one rate-limited answer with a retry-after of 1 s: no message leaves the account for that second', async () => {
      const before = await messageIds(ctx, account);
      await injectFaults(ctx, 'sim-paced', { count: 1, kind: 'rate_limited', retryAfterSeconds: 1 });
      const publishedAt = Date.now();

      const id = await publishAnnouncement(ctx, { approved: ['sq'], input: { topics: ['work'] } });
      await waitForSummary(ctx, id, settled, 30_000);

      const fresh: number[] = [];
      for (const chat of account.chats) for (const m of await messagesIn(ctx, account.id, chat.chatId)) if (!before.has(m.id)) fresh.push(Date.parse(m.at));
      expect(fresh).to.have.length(8);
      expect(Math.min(...fresh) - publishedAt).to.be.at.least(1000);
    });
  });
});
