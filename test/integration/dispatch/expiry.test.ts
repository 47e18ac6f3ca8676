import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { messagesIn, publishAnnouncement, registerGroups, romeTime, startDispatchStack, summaryOf, waitForSummary, type DispatchStack } from './dispatch-api.js';

/** The first group sleeps for the next hour: a normal notice waits for it, queued. */
const inQuietHours = (chatId: string) => (g: Record<string, unknown>) => (g.chatId === chatId ? { ...g, quietHours: { from: romeTime(-60), to: romeTime(60) } } : g);

async function announcementOf(ctx: DispatchStack, id: string) {
  const response = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });
  expect(response.status).to.equal(200);
  return response.body;
}

async function lastHistoryEntry(ctx: DispatchStack, id: string) {
  const response = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/history`, { headers: ctx.editor.headers });
  expect(response.status).to.equal(200);
  return response.body.items.at(-1);
}

async function waitForStatus(ctx: DispatchStack, id: string, status: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const announcement = await announcementOf(ctx, id);
    if (announcement.status === status) return announcement;
    if (Date.now() > deadline) throw new Error(`announcement still ${announcement.status}, not ${status}`);
    await sleep(100);
  }
}

describe('dispatch: an announcement ends at its validUntil', function () {
  this.timeout(60_000);

  describe('one group sent at once, one in its quiet hours until after validUntil', () => {
    const account = buildCommunityAccount({ id: 'sim-expiry', languages: ['ar'], groupsPerLanguage: 2 });
    let ctx: DispatchStack;
    before(async () => {
      ctx = await startDispatchStack([account]);
      await registerGroups(ctx, [account], inQuietHours('sim-expiry-ar-1'));
    });
    after(async () => ctx?.stack.stop());

    it('the waiting delivery ends expired and is never sent, the announcement is expired, its page says so in Arabic', async () => {
      const validUntil = new Date(Date.now() + 3000);
      const id = await publishAnnouncement(ctx, { approved: ['ar'], input: { validUntil: validUntil.toISOString() } });
      await waitForSummary(ctx, id, (s) => s.byState.sent === 1 && s.byState.queued === 1);

      const summary = await waitForSummary(ctx, id, (s) => s.byState.expired === 1, 15_000);
      const announcement = await waitForStatus(ctx, id, 'expired');

      expect(summary.byState).to.include({ sent: 1, expired: 1, queued: 0 });
      const expired = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?state=expired`, { headers: ctx.editor.headers });
      expect(expired.body.items[0]).to.include({ chatId: 'sim-expiry-ar-1', partsSent: 0 });
      expect(expired.body.items[0].reason).to.contain('validUntil');
      expect(expired.body.items[0]).not.to.have.property('notBefore');
      expect(await messagesIn(ctx, account.id, 'sim-expiry-ar-1')).to.have.length(0);
      expect(await messagesIn(ctx, account.id, 'sim-expiry-ar-2')).to.have.length(1);
      const last = await lastHistoryEntry(ctx, id);
      expect(last).to.include({ action: 'expired', by: 'system' });
      expect(Date.parse(last.at)).to.be.at.least(validUntil.getTime());
      const page = await fetch(new URL(`/n/${announcement.slug}/ar`, ctx.stack.url));
      expect(page.status).to.equal(200);
      expect(await page.text()).to.contain('هذا الإعلان لم يعد ساريًا');
    });

    it('publishing once validUntil has passed: 409 naming validUntil, nothing planned, still a draft', async () => {
      const created = await call(ctx.stack, 'POST', '/api/v1/announcements', {
        headers: ctx.editor.headers,
        body: buildAnnouncementInput({ validUntil: new Date(Date.now() + 300).toISOString() }),
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      await sleep(400);

      const refused = await call(ctx.stack, 'POST', `/api/v1/announcements/${created.body.id}/publish`, { headers: ctx.editor.headers });

      expect(refused.status).to.equal(409);
      expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(refused.body).to.include({ type: '/problems/announcement.no_longer_valid' });
      expect(refused.body.errors).to.deep.equal([{ field: 'validUntil', message: 'has passed' }]);
      expect((await announcementOf(ctx, created.body.id)).status).to.equal('draft');
      expect((await summaryOf(ctx, created.body.id)).total).to.equal(0);
    });
  });

  describe('across restarts, with the service and the workers stopped while validUntil passes', () => {
    const account = buildCommunityAccount({ id: 'sim-expiry-later', languages: ['ro'], groupsPerLanguage: 2 });
    const awake = buildCommunityAccount({ id: 'sim-expiry-awake', languages: ['sq'], groupsPerLanguage: 2 });
    let infra: SharedInfra;
    let running: DispatchStack | undefined;

    before(async () => (infra = await startSharedInfra()));
    afterEach(async () => {
      await running?.stack.stop();
      running = undefined;
    });
    after(async () => infra?.stop());

    it('the expiry job queued at publication fires after the restart: the group in quiet hours gets nothing', async () => {
      running = await startDispatchStack([account, awake], infra.env);
      await registerGroups(running, [account], inQuietHours('sim-expiry-later-ro-1'));
      const id = await publishAnnouncement(running, { approved: ['ro'], input: { validUntil: new Date(Date.now() + 3000).toISOString() } });
      await waitForSummary(running, id, (s) => s.byState.sent === 1 && s.byState.queued === 1);
      await running.stack.stop();

      running = await startDispatchStack([account, awake], infra.env);
      const summary = await waitForSummary(running, id, (s) => s.byState.expired === 1, 15_000);

      expect(summary.byState).to.include({ sent: 1, expired: 1, queued: 0 });
      expect((await waitForStatus(running, id, 'expired')).status).to.equal('expired');
    });

    it('a send job that runs after validUntil with no expiry job left: refused at send time, nothing reaches the chats', async () => {
      running = await startDispatchStack([account, awake], { ...infra.env, WORKERS_IN_PROCESS: 'false' });
      await registerGroups(running, [awake]);
      const validUntil = new Date(Date.now() + 2000);
      const id = await publishAnnouncement(running, { approved: ['sq'], input: { validUntil: validUntil.toISOString() } });
      expect((await summaryOf(running, id)).byState.queued).to.equal(2);
      const expiryJob = `expire-${id}-${validUntil.getTime()}`;
      const removed = await call(running.stack, 'PUT', `/admin/queues/api/queues/announcement-expiry/${expiryJob}/clean`, { headers: running.admin.headers });
      expect(removed.status, JSON.stringify(removed.body)).to.be.within(200, 204);
      await running.stack.stop();
      await sleep(Math.max(0, validUntil.getTime() - Date.now() + 200));

      running = await startDispatchStack([account, awake], infra.env);
      const summary = await waitForSummary(running, id, (s) => s.byState.expired === 2, 15_000);

      expect(summary.byState).to.include({ sent: 0, expired: 2 });
      for (const chat of awake.chats) expect(await messagesIn(running, awake.id, chat.chatId)).to.have.length(0);
      await waitForStatus(running, id, 'expired');
      expect(await lastHistoryEntry(running, id)).to.include({ action: 'expired', from: 'scheduled', by: 'system' });
    });
  });
});
