import { expect } from 'chai';
import type { InboundMessage } from '../../../../src/connectors/index.js';
import { WhatsAppWebConnector, type WhatsAppWebTimings } from '../../../../src/connectors/whatsapp-web/whatsapp-web.adapter.js';
import { chromiumArgs } from '../../../../src/connectors/whatsapp-web/whatsapp-client.factory.js';
import { buildWhatsAppAccount } from '../../../factories/channel-account.factory.js';
import { FakeWhatsAppWeb } from '../../../support/connectors/fake-whatsapp-web.js';
import { silentLogger } from '../../../support/silent-logger.js';
import { waitFor } from '../../../support/wait-for.js';

const FAST: WhatsAppWebTimings = { startupDeadlineMs: 100, readyDeadlineMs: 50, reconnect: { initialMs: 5, maxMs: 10, maxAttempts: 2 } };

describe('WhatsApp Web adapter', function () {
  let web: FakeWhatsAppWeb;
  let connector: WhatsAppWebConnector;

  beforeEach(function () {
    web = new FakeWhatsAppWeb();
    web.addChat('120363000000000001@g.us', 'Comunità araba');
    connector = new WhatsAppWebConnector(buildWhatsAppAccount(), { createClient: web.createClient, log: silentLogger, timings: FAST });
  });

  afterEach(async function () {
    await connector.stop();
  });

  it('start without network: rejects, state failed with the reason, client destroyed', async function () {
    web.network = 'offline';

    const error = await connector.start().then(() => undefined, (e: unknown) => e as Error);

    expect(error?.message).to.contain('ERR_NAME_NOT_RESOLVED');
    expect(connector.state).to.deep.include({ status: 'failed' });
    expect(web.current.destroyed).to.equal(true);
  });

  it('start on a network that hangs: rejects at the deadline and destroys the client', async function () {
    web.network = 'hang';
    const started = Date.now();

    const error = await connector.start().then(() => undefined, (e: unknown) => e as Error);

    expect(error?.name).to.equal('DeadlineExceeded');
    expect(Date.now() - started).to.be.below(1000);
    expect(connector.state.status).to.equal('failed');
    expect(web.current.destroyed).to.equal(true);
  });

  it('authenticated but never ready: the client is replaced, then the account fails after the last attempt', async function () {
    web.hasSession = true;
    web.neverReady = true;

    await connector.start();

    await waitFor(() => (connector.state.status === 'failed' ? true : undefined), 'failed');
    expect(web.clients).to.have.length(3);
    expect(web.clients.every((c) => c.destroyed)).to.equal(true);
    expect(connector.state).to.deep.equal({ status: 'failed', reason: 'gave up reconnecting (authenticated but never ready)' });
  });

  it('phone offline (change_state TIMEOUT) then back (CONNECTED): reconnecting then ready, same client', async function () {
    web.hasSession = true;
    await connector.start();
    await waitFor(() => (connector.state.status === 'ready' ? true : undefined), 'ready');

    web.current.emit('change_state', 'TIMEOUT');
    expect(connector.state).to.deep.equal({ status: 'reconnecting', reason: 'WhatsApp TIMEOUT' });
    web.current.emit('change_state', 'CONNECTED');

    expect(connector.state).to.deep.equal({ status: 'ready' });
    expect(web.clients).to.have.length(1);
  });

  it('new QR codes while waiting for the scan: the state carries the latest payload', async function () {
    await connector.start();

    web.current.emit('qr', '2@second-payload');

    expect(connector.state).to.deep.equal({ status: 'login_required', qr: '2@second-payload' });
  });

  it('group reply with media from an @lid member: author, quoted id, media kind and seconds → Date', async function () {
    web.hasSession = true;
    await connector.start();
    await waitFor(() => (connector.state.status === 'ready' ? true : undefined), 'ready');
    const received: InboundMessage[] = [];
    connector.on('message', async (m) => void received.push(m));

    const sent = web.citizenWrites({ chatId: '120363000000000001@g.us', author: '123456789012345@lid', pushname: 'Sara', text: 'vedi foto', quotedId: 'true_120363000000000001@g.us_ABC', media: 'image' });

    const message = await waitFor(() => received[0], 'the message');
    expect(message).to.deep.equal({
      platform: 'whatsapp',
      account: 'whatsapp-test',
      chatId: '120363000000000001@g.us',
      chatType: 'group',
      senderId: '123456789012345@lid',
      senderName: 'Sara',
      text: 'vedi foto',
      quotedMessageId: 'true_120363000000000001@g.us_ABC',
      media: { kind: 'image' },
      mentionsUs: false,
      timestamp: new Date(sent.timestamp * 1000),
      platformMessageId: sent.id._serialized,
    });
  });

  it('reply sent with quotedMessageId: passed to sendMessage', async function () {
    web.hasSession = true;
    await connector.start();
    await waitFor(() => (connector.state.status === 'ready' ? true : undefined), 'ready');

    await connector.send({ chatId: '120363000000000001@g.us', type: 'group' }, { text: 'risposta', quotedMessageId: 'false_x_1' });

    expect(web.sent).to.deep.equal([{ chatId: '120363000000000001@g.us', text: 'risposta', quotedMessageId: 'false_x_1' }]);
  });

  it('a send with typing time: "typing…" shows in that chat first, then the message goes', async function () {
    web.hasSession = true;
    await connector.start();
    await waitFor(() => (connector.state.status === 'ready' ? true : undefined), 'ready');

    await connector.send({ chatId: '120363000000000001@g.us', type: 'group' }, { text: 'Avviso', typingMs: 20 });
    await connector.send({ chatId: '120363000000000001@g.us', type: 'group' }, { text: 'Senza' });

    expect(web.typing).to.deep.equal(['120363000000000001@g.us']);
    expect(web.sent.map((m) => m.text)).to.deep.equal(['Avviso', 'Senza']);
  });

  it('chromium arguments: --no-sandbox only when running as root', function () {
    expect(chromiumArgs(true)).to.include('--no-sandbox');
    expect(chromiumArgs(false)).to.not.include('--no-sandbox');
    expect(chromiumArgs(false, 'proxy.comune.example:3128')).to.include('--proxy-server=proxy.comune.example:3128');
  });
});
