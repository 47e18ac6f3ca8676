import { expect } from 'chai';
import { citizenChat } from '../../factories/inbox.factory.js';
import { signInAs } from '../../support/auth.js';
import { messagesIn, publishAnnouncement, settled, waitForSummary, type DispatchStack } from '../dispatch/dispatch-api.js';
import { ACCOUNT, ARABIC_GROUP, citizenWrites, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

const STOPPED = /^Non riceverà più messaggi da questo servizio/;
const UNSUBSCRIBED = /^Non riceverà più gli avvisi in questa chat/;

/**
 * Issue #18: one person could make the town's number send without limit (20 STOPs, 20 confirmations), each a
 * turn ahead of the notices. Automatic replies now have a small budget per citizen and a bounded share of turns.
 */
describe('automatic replies within their budget', function () {
  this.timeout(120_000);
  let ctx: InboxStack;
  let dispatch: DispatchStack;

  before(async () => {
    ctx = await startInboxStack({ CITIZEN_QUIET_HOURS: 'off' }, { account: { rateLimit: { minIntervalMs: 200, dailyCap: 1000 } } });
    dispatch = { stack: ctx.stack, admin: ctx.admin, editor: await signInAs(ctx.stack, 'editor'), mediator: await signInAs(ctx.stack, 'mediator', { languages: ['ar'] }) };
  });

  after(() => ctx.stack.stop());

  it('20 STOPs and 20 alternating ISCRIVIMI/DISISCRIVIMI during a notice, get a few confirmations for the final states, and the notice is not held back by them', async () => {
    const stopper = citizenChat(1);
    const switcher = citizenChat(2);
    const id = await publishAnnouncement(dispatch, { approved: ['ar'] });

    for (let i = 0; i < 20; i += 1) {
      await citizenWrites(ctx, stopper, 'STOP');
      await citizenWrites(ctx, switcher, i % 2 === 0 ? 'ISCRIVIMI' : 'DISISCRIVIMI');
    }

    // The final states' confirmations are the proof that every keyword was handled.
    const stopped = await waitForOurMessages(ctx, stopper, (ours) => STOPPED.test(ours.at(-1)?.text ?? ''), 60_000);
    const switched = await waitForOurMessages(ctx, switcher, (ours) => UNSUBSCRIBED.test(ours.at(-1)?.text ?? ''), 60_000);
    expect(stopped.map((m) => m.text), 'one STOP confirmation').to.have.length(1);
    expect(switched.length, JSON.stringify(switched.map((m) => m.text))).to.be.within(1, 3);

    await waitForSummary(dispatch, id, settled, 60_000);
    const [notice] = (await messagesIn(ctx, ACCOUNT, ARABIC_GROUP)).filter((m) => m.fromUs);
    const automaticBefore = [...stopped, ...switched].filter((m) => Date.parse(m.at) < Date.parse(notice!.at));
    expect(automaticBefore.length, 'automatic replies sent ahead of the notice').to.be.at.most(2);
  });
});
