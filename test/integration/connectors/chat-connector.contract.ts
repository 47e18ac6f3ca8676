import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendError, type ChatConnector, type ChatRef, type ConnectorState, type InboundMessage, type SendFailureKind } from '../../../src/connectors/index.js';
import { waitFor } from '../../support/wait-for.js';

/** What the contract needs from a platform to exercise one adapter; each adapter's test file provides one. */
export interface ConnectorHarness {
  connector: ChatConnector;
  /** A group the account is in and a direct chat with `citizen`. */
  group: ChatRef;
  contact: ChatRef;
  /** A chat the account is not in. */
  unknownChat: ChatRef;
  citizen: { id: string; name: string };
  /** Starts the connector and takes it to `ready`, scanning a QR code if the platform asks for one. */
  startReady(): Promise<void>;
  /** Starts the connector on a platform that wants a login; resolves to the QR payload the platform shows. */
  startUntilQr(): Promise<string>;
  /** The phone scans the QR code. */
  scanQr(): Promise<void>;
  citizenWrites(chat: 'group' | 'direct', text: string, mentionsUs: boolean): Promise<void>;
  /** Texts the platform received from the account in a chat, oldest first. */
  sentTexts(chat: ChatRef): Promise<string[]>;
  /** The platform answers the next send with the kind of error given. */
  failNextSend(kind: SendFailureKind): void;
  /** The connection drops; `restore` brings the platform back (a no-op where it comes back by itself). */
  disconnect(): Promise<void>;
  restore(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * What a platform cannot do at all, so the cases about it do not apply (they are not registered, rather than
 * skipped): an Official Account has no group chats to read and no QR login.
 */
export interface PlatformLimits {
  noGroupMessages?: boolean;
  noQrLogin?: boolean;
}

async function sendFailure(promise: Promise<unknown>): Promise<SendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SendError);
    return error as SendError;
  }
  throw new Error('the send succeeded');
}

/** The port contract: every `ChatConnector` adapter must pass it. */
export function describeChatConnectorContract(adapter: string, createHarness: () => Promise<ConnectorHarness>, limits: PlatformLimits = {}): void {
  const groupIt = limits.noGroupMessages ? () => undefined : it;
  const qrIt = limits.noQrLogin ? () => undefined : it;
  describe(`ChatConnector contract: ${adapter}`, function () {
    let h: ConnectorHarness;
    let states: ConnectorState[];
    let received: InboundMessage[];
    const seen = (status: ConnectorState['status']) => (states.some((s) => s.status === status) ? true : undefined);

    beforeEach(async function () {
      h = await createHarness();
      states = [];
      received = [];
      h.connector.on('state', (state) => void states.push(state));
      h.connector.on('message', async (message) => void received.push(message));
    });

    afterEach(async function () {
      await h.dispose();
    });

    it('start on a logged-in account: ends ready, listing the group and the direct chat', async function () {
      await h.startReady();

      expect(h.connector.state).to.deep.equal({ status: 'ready' });
      const chats = await h.connector.listChats();
      expect(chats.map(({ chatId, type }) => ({ chatId, type }))).to.deep.include.members([h.group, h.contact]);
      expect(chats.every((c) => c.name.length > 0)).to.equal(true);
    });

    groupIt('group message that mentions us: delivered normalised with mentionsUs true', async function () {
      await h.startReady();

      await h.citizenWrites('group', 'Buongiorno @Sportello, orari?', true);

      const message = await waitFor(() => received[0], 'the inbound message');
      expect(message).to.include({
        platform: h.connector.account.platform,
        account: h.connector.account.id,
        chatId: h.group.chatId,
        chatType: 'group',
        senderId: h.citizen.id,
        senderName: h.citizen.name,
        text: 'Buongiorno @Sportello, orari?',
        mentionsUs: true,
      });
      expect(message.timestamp).to.be.instanceOf(Date);
      expect(Math.abs(message.timestamp.getTime() - Date.now())).to.be.below(60_000);
      expect(message.platformMessageId).to.be.a('string').and.not.empty;
    });

    groupIt('group message without a mention: delivered with mentionsUs false', async function () {
      await h.startReady();

      await h.citizenWrites('group', 'Grazie a tutti', false);

      const message = await waitFor(() => received[0], 'the inbound message');
      expect(message).to.include({ chatId: h.group.chatId, chatType: 'group', text: 'Grazie a tutti', mentionsUs: false });
    });

    it('direct message: delivered as a direct chat with the sender', async function () {
      await h.startReady();

      await h.citizenWrites('direct', 'Il mio permesso è scaduto', false);

      const message = await waitFor(() => received[0], 'the inbound message');
      expect(message).to.include({ chatId: h.contact.chatId, chatType: 'direct', senderId: h.citizen.id, text: 'Il mio permesso è scaduto' });
    });

    it('send to a group: the platform receives the text, our own message is not delivered back', async function () {
      await h.startReady();

      const sent = await h.connector.send(h.group, { text: 'Avviso: lo sportello è chiuso lunedì' });

      expect(sent.sentAt).to.be.instanceOf(Date);
      expect(sent.platformMessageId === null || typeof sent.platformMessageId === 'string').to.equal(true);
      await sleep(50);
      expect(await h.sentTexts(h.group)).to.deep.equal(['Avviso: lo sportello è chiuso lunedì']);
      expect(received).to.deep.equal([]);
    });

    it('send to a contact: the platform receives the text in the direct chat', async function () {
      await h.startReady();

      await h.connector.send(h.contact, { text: 'La pratica è pronta' });

      expect(await h.sentTexts(h.contact)).to.deep.equal(['La pratica è pronta']);
      expect(await h.sentTexts(h.group)).to.deep.equal([]);
    });

    for (const kind of ['transient', 'rate_limited', 'permanent'] as const) {
      it(`send refused by the platform as ${kind}: throws SendError of kind ${kind}`, async function () {
        await h.startReady();
        h.failNextSend(kind);

        const error = await sendFailure(h.connector.send(h.group, { text: 'x' }));

        expect(error.kind).to.equal(kind);
        if (kind === 'rate_limited') expect(error.retryAfterMs).to.be.a('number').above(0);
        expect(await h.sentTexts(h.group)).to.deep.equal([]);
      });
    }

    it('send to a chat the account is not in: throws a permanent SendError', async function () {
      await h.startReady();

      const error = await sendFailure(h.connector.send(h.unknownChat, { text: 'x' }));

      expect(error.kind).to.equal('permanent');
    });

    it('connection drops and comes back: reconnecting, then ready, and sending works again', async function () {
      await h.startReady();
      states.length = 0;

      await h.disconnect();
      await waitFor(() => seen('reconnecting'), 'reconnecting');
      await h.restore();
      await waitFor(() => (h.connector.state.status === 'ready' ? true : undefined), 'ready again');

      expect(states.map((s) => s.status)).to.include.ordered.members(['reconnecting', 'ready']);
      await h.connector.send(h.group, { text: 'di nuovo qui' });
      expect(await h.sentTexts(h.group)).to.deep.equal(['di nuovo qui']);
    });

    qrIt('platform asks for a login: login_required carries the QR payload, ready after the scan', async function () {
      const qr = await h.startUntilQr();

      expect(qr).to.be.a('string').and.not.empty;
      expect(h.connector.state).to.deep.equal({ status: 'login_required', qr });
      await h.scanQr();
      await waitFor(() => (h.connector.state.status === 'ready' ? true : undefined), 'ready after the scan');
    });

    it('stop: ends stopped, and sending is refused as transient', async function () {
      await h.startReady();

      await h.connector.stop();

      expect(h.connector.state).to.deep.equal({ status: 'stopped' });
      expect((await sendFailure(h.connector.send(h.group, { text: 'x' }))).kind).to.equal('transient');
    });
  });
}
