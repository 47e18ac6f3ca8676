import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
import { messagesIn } from '../dispatch/dispatch-api.js';
import { ACCOUNT, conversationsHolding, startInboxStack, waitForOutboundSettled, type InboxStack } from './inbox-api.js';

const CITIZENS = [5, 6, 7, 8];
const MESSAGES = 10;

describe('inbox intake of many citizens at once', () => {
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack();
  });

  after(() => ctx.stack.stop());

  it('bursts of several citizens handed over together, are stored in each citizen’s order: one conversation each, the language the citizen chose last, one acknowledgement', async () => {
    const markers = new Map(CITIZENS.map((n) => [n, buildQuestion('Buongiorno, vorrei rinnovare il permesso di soggiorno')]));
    // The first message creates the contact and its conversation and claims the acknowledgement, so it takes longer
    // to store than the LANG right behind it: stored out of order, the detected Italian would overwrite Albanian.
    const sent = (n: number) => [markers.get(n)!, 'LANG sq', ...Array.from({ length: MESSAGES - 2 }, (_, i) => `${markers.get(n)} ancora ${i}`)];

    // Written one after the other and handed to Sportello together a moment later: the simulator then calls the
    // connector's listener for all of them at once, in the order they were written.
    for (const n of CITIZENS) {
      for (const text of sent(n)) {
        const response = await call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/inbound`, {
          headers: ctx.admin.headers,
          body: { chatId: citizenChat(n), senderId: citizenChat(n), senderName: 'Citizen', text, deliverAfterSeconds: 2 },
        });
        expect(response.status, JSON.stringify(response.body)).to.equal(202);
      }
    }

    for (const n of CITIZENS) {
      const [conversation] = await waitForAsync(async () => {
        const found = await conversationsHolding(ctx, markers.get(n)!);
        return found.length === 1 && found[0].messages.length === MESSAGES ? found : undefined;
      }, `the ${MESSAGES} messages of citizen ${n}`, 20_000, 200);
      expect(conversation.messages.map((m: { text: string }) => m.text)).to.deep.equal(sent(n));
      expect(conversation).to.include({ language: 'sq' });
      expect(conversation.contact).to.include({ language: 'sq', languageSource: 'declared' });
    }
    await waitForOutboundSettled(ctx);
    const ack = (JSON.parse(readFileSync(new URL('../../../locales/it.json', import.meta.url), 'utf8')) as { inbox: { ack: string } }).inbox.ack;
    for (const n of CITIZENS) expect((await messagesIn(ctx, ACCOUNT, citizenChat(n))).filter((m) => m.fromUs && m.text.includes(ack))).to.have.length(1);
  });
});
