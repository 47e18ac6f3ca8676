import { expect } from 'chai';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { ACCOUNT, citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

describe('inbox across a restart of the service', function () {
  this.timeout(60_000);
  let infra: SharedInfra;
  let first: InboxStack | undefined;
  let second: InboxStack | undefined;

  before(async () => (infra = await startSharedInfra()));
  after(async () => {
    await first?.stack.stop();
    await second?.stack.stop();
    await infra?.stop();
  });

  it('question stored and answer queued while the account fails, service restarted: both are kept and the answer and acknowledgement go out', async () => {
    first = await startInboxStack(infra.env);
    const chat = citizenChat(1);
    const faults = await call(first.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/faults`, { headers: first.admin.headers, body: { failNext: { count: 1000, kind: 'transient' } } });
    expect(faults.status).to.equal(202);
    const question = buildQuestion('مرحبا، هل وصلت رسالتي؟');
    await citizenWrites(first, chat, question);
    const { id } = await conversationWith(first, question);
    const replied = await call(first.stack, 'POST', `/api/v1/inbox/conversations/${id}/replies`, { headers: first.arabicMediator.headers, body: { text: 'Sì, la stiamo seguendo.' } });
    expect(replied.status).to.equal(202);
    await first.stack.stop();
    first = undefined;

    second = await startInboxStack(infra.env);
    const ours = await waitForOurMessages(second, chat, (m) => m.length === 2, 30_000);

    expect(ours.map((m) => m.text)).to.include('Sì, la stiamo seguendo.');
    const conversation = await conversationWith(second, question);
    expect(conversation.messages.map((m: { text: string }) => m.text)).to.deep.equal([question]);
    expect(conversation.outbound.map((o: { kind: string; state: string }) => `${o.kind}:${o.state}`)).to.have.members(['ack:sent', 'reply:sent']);
  });
});
