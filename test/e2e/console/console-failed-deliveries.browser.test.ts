import { expect } from 'chai';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import {
  messagesIn,
  publishAnnouncement,
  registerGroups,
  settled,
  startDispatchStack,
  waitForSummary,
  type DispatchStack,
} from '../../integration/dispatch/dispatch-api.js';

const GROUPS = 3;
const REFUSED = 2;

/**
 * Deliveries a platform refused, in real Chromium: staff see which groups and why (the platform's reason),
 * a viewer only reads, an editor queues them again once the groups are fixed, and they reach the chats.
 */
describe('staff console in a browser: failed deliveries and their retry', function () {
  this.timeout(120_000);
  const account = buildCommunityAccount({ id: 'sim-refusing', languages: ['ar'], groupsPerLanguage: GROUPS, rateLimit: { minIntervalMs: 0, dailyCap: 10_000 } });
  let ctx: DispatchStack;
  let viewer: SignedInUser;
  let chrome: ConsoleBrowser;

  /** How many messages from us each group holds, by group number. */
  const oursPerGroup = async (): Promise<number[]> => {
    const counts: number[] = [];
    for (let n = 1; n <= GROUPS; n += 1) counts.push((await messagesIn(ctx, account.id, `${account.id}-ar-${n}`)).filter((m) => m.fromUs).length);
    return counts;
  };

  /** Each test's own notice: the platform refuses its first two sends for good (the number was removed from those groups). */
  const publishWithRefusals = async (): Promise<string> => {
    const faults = await call(ctx.stack, 'POST', `/api/v1/simulator/${account.id}/faults`, { headers: ctx.admin.headers, body: { failNext: { count: REFUSED, kind: 'permanent' } } });
    expect(faults.status, JSON.stringify(faults.body)).to.equal(202);
    const id = await publishAnnouncement(ctx, { approved: ['ar'] });
    await waitForSummary(ctx, id, settled, 30_000);
    return id;
  };

  before(async () => {
    ctx = await startDispatchStack([account]);
    await registerGroups(ctx, [account]);
    viewer = await signInAs(ctx.stack, 'viewer');
    chrome = await openConsoleBrowser(ctx.stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await ctx?.stack.stop();
  });
  const page = () => chrome.page;

  it('a viewer sees the refused groups by name with the platform\'s reason and the states in Italian, without a retry button', async () => {
    const announcementId = await publishWithRefusals();
    await chrome.signIn(viewer);
    await chrome.open(`#/announcements/${announcementId}`);
    await page().waitForSelector('#failed-deliveries');

    const rows = await page().$$eval('#failed-deliveries tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).to.have.length(REFUSED);
    for (const [group, channel, language, attempts, reason] of rows) {
      expect(group).to.match(/^Group ar [1-3]$/);
      expect(channel).to.equal(account.id);
      expect(language).to.contain('(ar)');
      expect(attempts).to.equal('1');
      expect(reason).to.contain('not a member of this chat');
    }
    expect(await page().textContent('#deliveries')).to.contain('non riuscita: 2').and.contain('inviata: 1');
    expect(await page().$('#failed-deliveries button[name=retry-failed]')).to.equal(null);
    await chrome.signOut();
  });

  it('an editor queues them again: the page says how many, and every group gets the notice once', async () => {
    const announcementId = await publishWithRefusals();
    const before = await oursPerGroup();
    await chrome.signIn(ctx.editor);
    await chrome.open(`#/announcements/${announcementId}`);
    await page().click('#failed-deliveries button[name=retry-failed]');
    // The confirmation is said once, in the polite live region.
    await page().waitForSelector(`#announcer:text("${REFUSED} consegne di nuovo in coda.")`);

    const summary = await waitForSummary(ctx, announcementId, (s) => s.byState.sent === GROUPS);
    expect(summary.byState.failed).to.equal(0);
    // Each group has this notice once: the refused ones now, the other one from the first send.
    const after = await oursPerGroup();
    const sentNow = after.map((count, i) => count - before[i]!);
    expect(sentNow.filter((added) => added === 1), `messages added per group: ${sentNow.join(', ')}`).to.have.length(REFUSED);
    expect(sentNow.filter((added) => added === 0)).to.have.length(GROUPS - REFUSED);

    // The page follows by itself: no failed deliveries left, all sent.
    await page().waitForSelector('#failed-deliveries', { state: 'detached' });
    await page().waitForSelector(`#deliveries .chip:text("inviata: ${GROUPS}")`);
  });

  it('the pages of this file, opened once more, and everything before them ran without a CSP violation or a script error', async () => {
    const announcementId = await publishWithRefusals();
    await chrome.visit(ctx.editor, [
      ['#/announcements', `#announcements a[href="#/announcements/${announcementId}"]`],
      [`#/announcements/${announcementId}`, '#deliveries'],
    ]);

    expect(chrome.violations).to.deep.equal([]);
  });
});
