import { expect } from 'chai';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { publishAnnouncement, registerGroups, settled, startDispatchStack, waitForSummary, type DispatchStack } from './dispatch-api.js';

/**
 * The reach table ("who will receive it") and publishing follow one rule for the languages of a notice: what the
 * table says of a notice being written is what publishing then does, for normal and urgent notices.
 */
describe('one rule for who receives a notice: the reach of a draft is what publishing plans', function () {
  this.timeout(90_000);
  const account = buildCommunityAccount({ id: 'sim-rule', languages: ['ar', 'zh-Hans', 'ro', 'sq', 'ur'], groupsPerLanguage: 1 });
  let ctx: DispatchStack;

  before(async () => {
    ctx = await startDispatchStack([account]);
    await registerGroups(ctx, [account]);
  });
  after(() => ctx.stack.stop());

  const reachOf = async (query: string) => {
    const response = await call(ctx.stack, 'GET', `/api/v1/groups/reach?topics=permits&${query}`, { headers: ctx.editor.headers });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return Object.fromEntries((response.body.items as Array<{ language: string; receives: string }>).map((row) => [row.language, row.receives]));
  };
  const deliveredLanguages = async (id: string) => {
    const summary = await waitForSummary(ctx, id, settled);
    const byState = Object.fromEntries(Object.entries(summary.byState).filter(([, count]) => count > 0));
    return { byState, languages: [...new Set(summary.breakdown.map((row) => row.language))].sort() };
  };

  it('a normal notice in Chinese and Arabic: Romanian, Albanian and Urdu groups get nothing, before and after publishing', async () => {
    const draft = await reachOf('languages=it,zh-Hans,ar&approved=it');
    expect(draft).to.deep.equal({ ar: 'after_translation', it: 'translation', ro: 'not_chosen', sq: 'not_chosen', ur: 'not_chosen', 'zh-Hans': 'after_translation' });

    const id = await publishAnnouncement(ctx, { approved: ['zh-Hans', 'ar'], input: { topics: ['permits'] } });
    const reachAfter = await reachOf('languages=it,zh-Hans,ar&approved=it,zh-Hans,ar');
    const delivered = await deliveredLanguages(id);

    expect(reachAfter).to.deep.equal({ ar: 'translation', it: 'translation', ro: 'not_chosen', sq: 'not_chosen', ur: 'not_chosen', 'zh-Hans': 'translation' });
    expect(delivered.languages).to.deep.equal(['ar', 'zh-Hans']);
    expect(delivered.byState).to.deep.equal({ sent: 2 });
    const notice = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });
    expect(notice.body.status).to.be.oneOf(['sending', 'sent']);
  });

  it('an urgent notice in Chinese only: every other language gets the urgent fallback, as the draft’s reach says', async () => {
    const draft = await reachOf('languages=it,zh-Hans&approved=it&priority=urgent');
    expect(draft).to.deep.equal({ ar: 'urgent_fallback', it: 'translation', ro: 'urgent_fallback', sq: 'urgent_fallback', ur: 'urgent_fallback', 'zh-Hans': 'urgent_fallback' });

    const id = await publishAnnouncement(ctx, { approved: [], pending: ['zh-Hans'], input: { topics: ['permits'], priority: 'urgent' } });
    const delivered = await deliveredLanguages(id);

    expect(delivered.languages).to.deep.equal(['ar', 'ro', 'sq', 'ur', 'zh-Hans']);
    expect(delivered.byState).to.deep.equal({ sent: 5 });
    const fallbacks = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?language=ro`, { headers: ctx.editor.headers });
    expect(fallbacks.body.items.map((d: { fallback: boolean }) => d.fallback)).to.deep.equal([true]);
  });

  it('the draft reach names a chosen language nobody follows, and refuses a language code it does not know', async () => {
    const draft = await reachOf('languages=it,uk&approved=it');
    const bad = await call(ctx.stack, 'GET', '/api/v1/groups/reach?topics=permits&languages=klingon!', { headers: ctx.editor.headers });

    expect(draft.uk).to.equal('after_translation');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.match(/^query\.languages/);
  });
});
