import { expect } from 'chai';
import { createConnectorRegistry, createSimulatorRouter, type ConnectorRegistry, type InboundMessage } from '../../../src/connectors/index.js';
import { buildSimulatorAccount } from '../../factories/channel-account.factory.js';
import { silentLogger } from '../../support/silent-logger.js';
import { startTestServer, type TestServer } from '../../support/http-test-server.js';

const GROUP = encodeURIComponent('120363000000000001@g.us');

describe('simulator routes', function () {
  let registry: ConnectorRegistry;
  let server: TestServer;
  let inbound: InboundMessage[];

  beforeEach(async function () {
    registry = createConnectorRegistry({ accounts: [buildSimulatorAccount({ id: 'sim-whatsapp' })], log: silentLogger, dataDir: '/nonexistent' });
    await registry.start();
    inbound = [];
    registry.get('sim-whatsapp')?.on('message', async (message) => void inbound.push(message));
    server = await startTestServer([{ path: '/api/v1/simulator', router: createSimulatorRouter({ connectors: registry }) }]);
  });

  afterEach(async function () {
    await server.close();
    await registry.stop();
  });

  it('POST inbound as admin: 201, the listener gets the citizen message and it is stored', async function () {
    const response = await server.request('POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      role: 'admin',
      body: { chatId: '120363000000000001@g.us', senderId: '393330000001@c.us', senderName: 'Ahmed', text: 'مرحبا', mentionsUs: true },
    });

    expect(response.status).to.equal(201);
    expect(inbound).to.have.length(1);
    expect(inbound[0]).to.include({ chatId: '120363000000000001@g.us', chatType: 'group', senderName: 'Ahmed', text: 'مرحبا', mentionsUs: true });
    const messages = await server.request('GET', `/api/v1/simulator/sim-whatsapp/chats/${GROUP}/messages`, { role: 'admin' });
    expect(messages.body).to.deep.equal([{ id: (response.body as { id: string }).id, text: 'مرحبا', fromUs: false, at: (messages.body as { at: string }[])[0]?.at }]);
  });

  it('GET messages after a send: oldest first, ours marked fromUs', async function () {
    const simulator = registry.get('sim-whatsapp');
    await server.request('POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      role: 'admin',
      body: { chatId: '120363000000000001@g.us', senderId: '393330000001@c.us', senderName: 'Ahmed', text: 'domanda' },
    });
    await simulator?.send({ chatId: '120363000000000001@g.us', type: 'group' }, { text: 'risposta' });

    const response = await server.request('GET', `/api/v1/simulator/sim-whatsapp/chats/${GROUP}/messages`, { role: 'admin' });

    expect(response.status).to.equal(200);
    expect((response.body as { text: string; fromUs: boolean }[]).map(({ text, fromUs }) => ({ text, fromUs }))).to.deep.equal([
      { text: 'domanda', fromUs: false },
      { text: 'risposta', fromUs: true },
    ]);
  });

  it('GET chats: the configured chats with chatId, name and type', async function () {
    const response = await server.request('GET', '/api/v1/simulator/sim-whatsapp/chats', { role: 'admin' });

    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal([
      { chatId: '120363000000000001@g.us', name: 'Comunità araba — العربية', type: 'group' },
      { chatId: '393330000001@c.us', name: 'Ahmed', type: 'direct' },
    ]);
  });

  it('POST faults failNext: 202 and the next sends fail with that kind', async function () {
    const response = await server.request('POST', '/api/v1/simulator/sim-whatsapp/faults', {
      role: 'admin',
      body: { failNext: { count: 2, kind: 'permanent' } },
    });

    expect(response.status).to.equal(202);
    const simulator = registry.get('sim-whatsapp');
    const chat = { chatId: '120363000000000001@g.us', type: 'group' as const };
    for (let i = 0; i < 2; i += 1) {
      const error = await simulator?.send(chat, { text: 'x' }).then(() => undefined, (e: unknown) => e);
      expect(error).to.have.property('kind', 'permanent');
    }
    expect(await simulator?.send(chat, { text: 'ok' })).to.have.property('platformMessageId');
  });

  it('POST faults disconnectForSeconds: the account reports reconnecting', async function () {
    const response = await server.request('POST', '/api/v1/simulator/sim-whatsapp/faults', { role: 'admin', body: { disconnectForSeconds: 5 } });

    expect(response.status).to.equal(202);
    expect(response.body).to.deep.equal({ state: 'reconnecting' });
  });

  it('POST inbound with an unknown field: 400 problem+json naming the field', async function () {
    const response = await server.request('POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      role: 'admin',
      body: { chatId: '120363000000000001@g.us', senderId: 'a', senderName: 'b', text: 'c', admin: true },
    });

    expect(response.status).to.equal(400);
    expect(response.type).to.contain('application/problem+json');
    expect(response.body).to.have.nested.property('errors[0].field', 'admin');
  });

  it('POST inbound without text: 400 naming text', async function () {
    const response = await server.request('POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      role: 'admin',
      body: { chatId: '120363000000000001@g.us', senderId: 'a', senderName: 'b' },
    });

    expect(response.status).to.equal(400);
    expect(response.body).to.have.nested.property('errors[0].field', 'text');
  });

  it('POST faults with nothing to inject: 400', async function () {
    const response = await server.request('POST', '/api/v1/simulator/sim-whatsapp/faults', { role: 'admin', body: {} });

    expect(response.status).to.equal(400);
  });

  it('unknown account: 404 problem', async function () {
    const response = await server.request('GET', '/api/v1/simulator/sim-nobody/chats', { role: 'admin' });

    expect(response.status).to.equal(404);
    expect(response.body).to.have.property('type', '/problems/connectors.unknown_account');
  });

  it('unknown chat: 404 problem for messages and for inbound', async function () {
    const messages = await server.request('GET', '/api/v1/simulator/sim-whatsapp/chats/nobody%40c.us/messages', { role: 'admin' });
    const inboundResponse = await server.request('POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      role: 'admin',
      body: { chatId: 'nobody@c.us', senderId: 'a', senderName: 'b', text: 'c' },
    });

    expect(messages.status).to.equal(404);
    expect(messages.body).to.have.property('type', '/problems/connectors.unknown_chat');
    expect(inboundResponse.status).to.equal(404);
    expect(inbound).to.deep.equal([]);
  });

  it('anonymous: 401; signed in but not admin: 403', async function () {
    const anonymous = await server.request('GET', '/api/v1/simulator/sim-whatsapp/chats');
    const mediator = await server.request('POST', '/api/v1/simulator/sim-whatsapp/faults', { role: 'mediator', body: { disconnectForSeconds: 1 } });

    expect(anonymous.status).to.equal(401);
    expect(mediator.status).to.equal(403);
    expect(registry.get('sim-whatsapp')?.state.status).to.equal('ready');
  });
});
