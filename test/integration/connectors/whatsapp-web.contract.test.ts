import type { SendFailureKind } from '../../../src/connectors/index.js';
import { WhatsAppWebConnector } from '../../../src/connectors/whatsapp-web/whatsapp-web.adapter.js';
import { buildWhatsAppAccount } from '../../factories/channel-account.factory.js';
import { FakeWhatsAppWeb } from '../../support/connectors/fake-whatsapp-web.js';
import { silentLogger } from '../../support/silent-logger.js';
import { describeChatConnectorContract, type ConnectorHarness } from './chat-connector.contract.js';

/** Error texts as whatsapp-web.js surfaces them from WhatsApp Web. */
const FAILURES: Record<SendFailureKind, string> = {
  transient: 'Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.',
  rate_limited: 'Evaluation failed: rate-overlimit',
  permanent: 'Evaluation failed: not-authorized',
};

describeChatConnectorContract('whatsapp-web.js (test double)', async (): Promise<ConnectorHarness> => {
  const web = new FakeWhatsAppWeb();
  const group = { chatId: '120363000000000001@g.us', type: 'group' as const };
  const contact = { chatId: '393330000001@c.us', type: 'direct' as const };
  const citizen = { id: '393330000001@c.us', name: 'Ahmed' };
  web.addChat(group.chatId, 'Comunità araba — العربية');
  web.addChat(contact.chatId, 'Ahmed');
  const connector = new WhatsAppWebConnector(buildWhatsAppAccount(), {
    createClient: web.createClient,
    log: silentLogger,
    timings: { startupDeadlineMs: 2000, readyDeadlineMs: 2000, reconnect: { initialMs: 5, maxMs: 20, maxAttempts: 3 } },
  });
  const ready = () => new Promise<void>((resolve) => connector.on('state', (s) => s.status === 'ready' && resolve()));
  return {
    connector,
    group,
    contact,
    unknownChat: { chatId: '120363999999999999@g.us', type: 'group' },
    citizen,
    startReady: async () => {
      web.hasSession = true;
      const isReady = ready();
      await connector.start();
      await isReady;
    },
    startUntilQr: async () => {
      await connector.start();
      return connector.state.status === 'login_required' ? connector.state.qr : '';
    },
    scanQr: async () => web.scanQr(),
    citizenWrites: async (chat, text, mentionsUs) => {
      web.citizenWrites(
        chat === 'group'
          ? { chatId: group.chatId, author: citizen.id, pushname: citizen.name, text, mentionsUs }
          : { chatId: contact.chatId, pushname: citizen.name, text, mentionsUs },
      );
    },
    sentTexts: async (chat) => web.sent.filter((m) => m.chatId === chat.chatId).map((m) => m.text),
    failNextSend: (kind) => web.failNextSend(FAILURES[kind]),
    disconnect: async () => web.dropConnection('CONFLICT'),
    restore: async () => undefined,
    dispose: () => connector.stop(),
  };
});
