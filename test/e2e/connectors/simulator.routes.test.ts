import { expect } from 'chai';
import { buildSimulatorAccount } from '../../factories/channel-account.factory.js';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

const GROUP_ID = '120363000000000001@g.us';
const GROUP = encodeURIComponent(GROUP_ID);
const DIRECT = encodeURIComponent('393330000001@c.us');

// Nothing is ever stored in `sim-whatsapp`; a test that writes or breaks an account has one of its own.
const ACCOUNT_IDS = ['sim-whatsapp', 'sim-inbound', 'sim-history', 'sim-failing', 'sim-outage', 'sim-guarded', 'sim-newcomer', 'sim-named'];

describe('simulator routes', function () {
  let stack: TestStack;
  let admin: SignedInUser;

  before(async function () {
    stack = await startTestStack({ CONNECTORS: JSON.stringify(ACCOUNT_IDS.map((id) => buildSimulatorAccount({ id }))) });
    admin = await signInAsAdmin(stack);
  });

  after(() => stack.stop());

  const messagesOf = (account: string, chat: string) => call(stack, 'GET', `/api/v1/simulator/${account}/chats/${chat}/messages`, { headers: admin.headers });
  const stateOf = async (account: string) =>
    ((await call(stack, 'GET', '/api/v1/connectors', { headers: admin.headers })).body as { account: string; state: string }[]).find(
      (status) => status.account === account,
    )?.state;

  it('POST inbound as admin: 201, the citizen message is stored in its chat', async function () {
    const response = await call(stack, 'POST', '/api/v1/simulator/sim-inbound/inbound', {
      headers: admin.headers,
      body: { chatId: GROUP_ID, senderId: '393330000001@c.us', senderName: 'Ahmed', text: 'مرحبا', mentionsUs: true },
    });

    expect(response.status).to.equal(201);
    const messages = await messagesOf('sim-inbound', GROUP);
    // The inbox's acknowledgement may follow it in the chat; the citizen's message is the one not from us.
    expect((messages.body as Array<{ fromUs: boolean }>).filter((m) => !m.fromUs)).to.deep.equal([{ id: response.body.id, text: 'مرحبا', fromUs: false, at: response.body.at }]);
    expect((await messagesOf('sim-inbound', DIRECT)).body).to.deep.equal([]);
  });

  it('GET messages after two citizen messages: oldest first, none marked fromUs', async function () {
    for (const text of ['domanda', 'seconda domanda']) {
      await call(stack, 'POST', '/api/v1/simulator/sim-history/inbound', {
        headers: admin.headers,
        body: { chatId: GROUP_ID, senderId: '393330000001@c.us', senderName: 'Ahmed', text },
      });
    }

    const response = await messagesOf('sim-history', GROUP);

    expect(response.status).to.equal(200);
    expect((response.body as { text: string; fromUs: boolean }[]).map(({ text, fromUs }) => ({ text, fromUs }))).to.deep.equal([
      { text: 'domanda', fromUs: false },
      { text: 'seconda domanda', fromUs: false },
    ]);
  });

  it('GET chats: the configured chats with chatId, name, type and the opaque ref live events name them by', async function () {
    const response = await call(stack, 'GET', '/api/v1/simulator/sim-whatsapp/chats', { headers: admin.headers });

    expect(response.status).to.equal(200);
    const chats = response.body as Array<{ chatId: string; name: string; type: string; ref: string }>;
    expect(chats.map(({ ref: _ref, ...chat }) => chat)).to.deep.equal([
      { chatId: GROUP_ID, name: 'Comunità araba — العربية', type: 'group' },
      { chatId: '393330000001@c.us', name: 'Ahmed', type: 'direct' },
    ]);
    for (const chat of chats) expect(chat.ref).to.match(/^[0-9a-f]{16}$/).and.not.to.contain(chat.chatId.slice(0, 8));
    expect(new Set(chats.map((chat) => chat.ref)).size).to.equal(2);
  });

  it('POST chats: a new citizen writes for the first time in a new direct chat, and the thread lists it', async function () {
    const opened = await call(stack, 'POST', '/api/v1/simulator/sim-newcomer/chats', { headers: admin.headers, body: { name: 'Li Wei' } });

    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    expect(opened.body).to.include({ name: 'Li Wei', type: 'direct' });
    expect(opened.body.chatId).to.match(/^39333\d{7}@c\.us$/);
    const inbound = await call(stack, 'POST', '/api/v1/simulator/sim-newcomer/inbound', {
      headers: admin.headers,
      body: { chatId: opened.body.chatId, senderId: opened.body.chatId, senderName: 'Li Wei', text: '你好' },
    });
    expect(inbound.status).to.equal(201);
    const threads = await call(stack, 'GET', '/api/v1/simulator/sim-newcomer/chats?include=messages', { headers: admin.headers });
    const thread = (threads.body as Array<{ chatId: string; messages: Array<{ text: string; fromUs: boolean }> }>).find((chat) => chat.chatId === opened.body.chatId);
    expect(thread?.messages.filter((m) => !m.fromUs).map((m) => m.text)).to.deep.equal(['你好']);
    expect(threads.body).to.have.length(3);
  });

  it('POST chats with a chat id already there: 409; without a name: 400 naming it', async function () {
    const first = await call(stack, 'POST', '/api/v1/simulator/sim-named/chats', { headers: admin.headers, body: { chatId: '393339999999@c.us', name: 'Amina' } });
    const again = await call(stack, 'POST', '/api/v1/simulator/sim-named/chats', { headers: admin.headers, body: { chatId: '393339999999@c.us', name: 'Amina' } });
    const nameless = await call(stack, 'POST', '/api/v1/simulator/sim-named/chats', { headers: admin.headers, body: { type: 'direct' } });

    expect(first.status).to.equal(201);
    expect(again.status).to.equal(409);
    expect(again.body).to.have.property('type', '/problems/connectors.chat_exists');
    expect(nameless.status).to.equal(400);
    expect(nameless.body).to.have.nested.property('errors[0].field', 'name');
  });

  it('POST faults failNext: 202 and the account stays ready (only sends fail)', async function () {
    const response = await call(stack, 'POST', '/api/v1/simulator/sim-failing/faults', {
      headers: admin.headers,
      body: { failNext: { count: 2, kind: 'permanent' } },
    });

    expect(response.status).to.equal(202);
    expect(response.body).to.deep.equal({ state: 'ready' });
    expect(await stateOf('sim-failing')).to.equal('ready');
  });

  it('POST faults disconnectForSeconds: the account reports reconnecting', async function () {
    const response = await call(stack, 'POST', '/api/v1/simulator/sim-outage/faults', { headers: admin.headers, body: { disconnectForSeconds: 5 } });

    expect(response.status).to.equal(202);
    expect(response.body).to.deep.equal({ state: 'reconnecting' });
    expect(await stateOf('sim-outage')).to.equal('reconnecting');
  });

  it('POST inbound with an unknown field: 400 problem+json naming the field', async function () {
    const response = await call(stack, 'POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      headers: admin.headers,
      body: { chatId: GROUP_ID, senderId: 'a', senderName: 'b', text: 'c', admin: true },
    });

    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.contain('application/problem+json');
    expect(response.body).to.have.nested.property('errors[0].field', 'admin');
  });

  it('POST inbound without text: 400 naming text', async function () {
    const response = await call(stack, 'POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      headers: admin.headers,
      body: { chatId: GROUP_ID, senderId: 'a', senderName: 'b' },
    });

    expect(response.status).to.equal(400);
    expect(response.body).to.have.nested.property('errors[0].field', 'text');
  });

  it('POST faults with nothing to inject: 400', async function () {
    const response = await call(stack, 'POST', '/api/v1/simulator/sim-whatsapp/faults', { headers: admin.headers, body: {} });

    expect(response.status).to.equal(400);
    expect(await stateOf('sim-whatsapp')).to.equal('ready');
  });

  it('unknown account: 404 problem', async function () {
    const response = await call(stack, 'GET', '/api/v1/simulator/sim-nobody/chats', { headers: admin.headers });

    expect(response.status).to.equal(404);
    expect(response.body).to.have.property('type', '/problems/connectors.unknown_account');
  });

  it('unknown chat: 404 problem for messages and for inbound, nothing stored', async function () {
    const messages = await call(stack, 'GET', '/api/v1/simulator/sim-whatsapp/chats/nobody%40c.us/messages', { headers: admin.headers });
    const inbound = await call(stack, 'POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      headers: admin.headers,
      body: { chatId: 'nobody@c.us', senderId: 'a', senderName: 'b', text: 'c' },
    });

    expect(messages.status).to.equal(404);
    expect(messages.body).to.have.property('type', '/problems/connectors.unknown_chat');
    expect(inbound.status).to.equal(404);
    expect(inbound.body).to.have.property('type', '/problems/connectors.unknown_chat');
    expect([(await messagesOf('sim-whatsapp', GROUP)).body, (await messagesOf('sim-whatsapp', DIRECT)).body]).to.deep.equal([[], []]);
  });

  it('anonymous: 401; signed in but not admin: 403, and no fault is injected', async function () {
    const mediator = await signInAs(stack, 'mediator');

    const anonymous = await call(stack, 'GET', '/api/v1/simulator/sim-guarded/chats');
    const refused = await call(stack, 'POST', '/api/v1/simulator/sim-guarded/faults', { headers: mediator.headers, body: { disconnectForSeconds: 1 } });

    expect(anonymous.status).to.equal(401);
    expect(refused.status).to.equal(403);
    expect(refused.headers.get('content-type')).to.contain('application/problem+json');
    expect(await stateOf('sim-guarded')).to.equal('ready');
  });
});
