import { expect } from 'chai';
import { SimulatorConnector } from '../../../src/connectors/simulator/simulator.adapter.js';
import { buildSimulatorAccount } from '../../factories/channel-account.factory.js';
import { silentLogger } from '../../support/silent-logger.js';
import { waitFor } from '../../support/wait-for.js';

// What the e2e tests cannot reach over HTTP until a route sends: the sends themselves.
describe('simulator adapter', function () {
  const group = { chatId: '120363000000000001@g.us', type: 'group' as const };
  let simulator: SimulatorConnector;

  beforeEach(async function () {
    simulator = new SimulatorConnector(buildSimulatorAccount(), { log: silentLogger });
    await simulator.start();
  });

  afterEach(() => simulator.stop());

  it('failNext armed for two sends: both fail with that kind, the third is sent', async function () {
    simulator.injectFaults({ failNext: { count: 2, kind: 'permanent' } });

    const failures = [await simulator.send(group, { text: 'x' }).catch((e: unknown) => e), await simulator.send(group, { text: 'y' }).catch((e: unknown) => e)];
    const sent = await simulator.send(group, { text: 'ok' });

    expect(failures.map((error) => (error as { kind?: string }).kind)).to.deep.equal(['permanent', 'permanent']);
    expect(sent).to.have.property('platformMessageId');
    expect(simulator.messages(group.chatId).map((m) => m.text)).to.deep.equal(['ok']);
  });

  it('failNext armed for one chat: a send into another chat goes on, the next one into that chat fails', async function () {
    const direct = { chatId: '393330000001@c.us', type: 'direct' as const };
    simulator.injectFaults({ failNext: { count: 1, kind: 'permanent', chatId: direct.chatId } });

    await simulator.send(group, { text: 'avviso' });
    const failure = await simulator.send(direct, { text: 'risposta' }).catch((e: unknown) => e);
    await simulator.send(direct, { text: 'risposta di nuovo' });

    expect((failure as { kind?: string }).kind).to.equal('permanent');
    expect(simulator.messages(group.chatId).map((m) => m.text)).to.deep.equal(['avviso']);
    expect(simulator.messages(direct.chatId).map((m) => m.text)).to.deep.equal(['risposta di nuovo']);
  });

  it('messages after a citizen writes and we answer: oldest first, ours marked fromUs', async function () {
    await simulator.receive({ chatId: group.chatId, senderId: '393330000001@c.us', senderName: 'Ahmed', text: 'domanda' });
    await simulator.send(group, { text: 'risposta' });

    const messages = simulator.messages(group.chatId);

    expect(messages.map(({ text, fromUs }) => ({ text, fromUs }))).to.deep.equal([
      { text: 'domanda', fromUs: false },
      { text: 'risposta', fromUs: true },
    ]);
  });

  it('holdAfterSends 1: the second send reaches the chat and never answers, later ones wait; stopping fails both as transient', async function () {
    simulator.injectFaults({ holdAfterSends: 1 });

    await simulator.send(group, { text: 'a' });
    const held = simulator.send(group, { text: 'b' }).catch((e: unknown) => e);
    await waitFor(() => (simulator.messages(group.chatId).length === 2 ? true : undefined), 'the held message in the chat');
    const waiting = simulator.send(group, { text: 'c' }).catch((e: unknown) => e);
    // No latency: the third send reaches the hold within the microtasks that run before the next macrotask.
    await new Promise(setImmediate);
    await simulator.stop();

    const failures = [await held, await waiting] as Array<{ kind?: string; message?: string }>;
    expect(failures.map(({ kind, message }) => ({ kind, message }))).to.deep.equal([
      { kind: 'transient', message: 'simulated: connection lost while sending' },
      { kind: 'transient', message: 'simulated: connection lost while sending' },
    ]);
    expect(simulator.messages(group.chatId).map((m) => m.text)).to.deep.equal(['a', 'b']);
  });
});
