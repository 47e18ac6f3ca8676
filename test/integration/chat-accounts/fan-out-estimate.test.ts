import { expect } from 'chai';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { approveTranslation, messagesIn, registerGroups, settled, startDispatchStack, waitForSummary, type DispatchStack } from '../dispatch/dispatch-api.js';

const GAP_MS = 3000;
const GROUPS = 6;

/** Issue #18: staff are told before publishing when the last group on each account gets the notice. */
describe('chat accounts: the estimate of a fan-out', function () {
  this.timeout(90_000);
  const account = buildCommunityAccount({ id: 'sim-estimate', languages: ['ar'], groupsPerLanguage: GROUPS, rateLimit: { minIntervalMs: GAP_MS, maxIntervalMs: GAP_MS, dailyCap: 1000 } });
  const idle = buildCommunityAccount({ id: 'sim-idle', languages: ['sq'], groupsPerLanguage: 1 });
  // The test of the estimate during a fan-out sends on an account of its own, in another language: its fan-out,
  // still going when it ends, would otherwise be ahead of the next test's on the same account.
  const progressing = buildCommunityAccount({
    id: 'sim-progress',
    languages: ['zh-Hans'],
    groupsPerLanguage: GROUPS,
    rateLimit: { minIntervalMs: GAP_MS, maxIntervalMs: GAP_MS, dailyCap: 1000 },
  });
  let ctx: DispatchStack;

  before(async () => {
    ctx = await startDispatchStack([account, idle, progressing]);
    await registerGroups(ctx, [account, idle, progressing]);
  });
  after(() => ctx.stack.stop());

  // How close the estimate comes to the fan-out depends on the machine's load (a timing, for a benchmark): the test
  // holds what does not, that the estimate counts the account's gaps and the fan-out cannot beat them.
  it('given before publishing, per account, counts a gap per group after the first; the simulator reaches the last group no sooner', async () => {
    const created = await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.editor.headers, body: buildAnnouncementInput({ targetLanguages: ['ar'] }) });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id = String(created.body.id);
    await approveTranslation(ctx, id, 'ar');

    const asked = Date.now();
    const estimate = await call(ctx.stack, 'GET', '/api/v1/groups/estimate?topics=permits&languages=ar', { headers: ctx.editor.headers });
    expect(estimate.status, JSON.stringify(estimate.body)).to.equal(200);
    const published = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: ctx.editor.headers });
    expect(published.status).to.equal(202);

    expect(estimate.body.items).to.have.length(1);
    expect(estimate.body.items[0]).to.include({ account: 'sim-estimate', deliveries: GROUPS, ahead: 0 });
    await waitForSummary(ctx, id, settled, 60_000);
    let lastAt = 0;
    for (const chat of account.chats) for (const m of await messagesIn(ctx, account.id, chat.chatId)) if (m.fromUs) lastAt = Math.max(lastAt, Date.parse(m.at));
    const estimated = Date.parse(estimate.body.items[0].lastSendAt as string) - asked;
    const actual = lastAt - asked;
    const gaps = (GROUPS - 1) * GAP_MS;
    expect(estimated, 'five gaps, and what sends lately took on top of them (under a gap)').to.be.within(gaps, gaps + GAP_MS);
    expect(actual, `estimated ${estimated} ms, took ${actual} ms`).to.be.at.least(gaps);
  });

  it('while it sends, shows per account what went, what is left and when the last should go', async () => {
    const created = await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.editor.headers, body: buildAnnouncementInput({ targetLanguages: ['zh-Hans'] }) });
    const id = String(created.body.id);
    await approveTranslation(ctx, id, 'zh-Hans');
    await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: ctx.editor.headers });
    await waitForSummary(ctx, id, (s) => (s.byState.sent ?? 0) >= 1 && (s.byState.sent ?? 0) < GROUPS);

    const during = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries/estimate`, { headers: ctx.editor.headers });

    expect(during.status).to.equal(200);
    const [progress] = during.body.items as Array<{ account: string; sent: number; remaining: number; lastSendAt: string }>;
    expect(progress).to.include({ account: 'sim-progress' });
    expect(progress!.sent + progress!.remaining).to.equal(GROUPS);
    expect(Date.parse(progress!.lastSendAt)).to.be.above(Date.now());
  });

  it('with a field that is not a list of topics, is refused naming it', async () => {
    const response = await call(ctx.stack, 'GET', '/api/v1/groups/estimate?topics=&priority=soon', { headers: ctx.editor.headers });
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.contain('application/problem+json');
    expect(JSON.stringify(response.body)).to.contain('topics').and.to.contain('priority');
  });
});
