import { SimulatorConnector } from '../../../src/connectors/simulator/simulator.adapter.js';
import { buildSimulatorAccount } from '../../factories/channel-account.factory.js';
import { silentLogger } from '../../support/silent-logger.js';
import { waitFor } from '../../support/wait-for.js';
import { describeChatConnectorContract, type ConnectorHarness } from './chat-connector.contract.js';

describeChatConnectorContract('simulator', async (): Promise<ConnectorHarness> => {
  const connector = new SimulatorConnector(buildSimulatorAccount({ latencyMs: 1 }), { log: silentLogger });
  const group = { chatId: '120363000000000001@g.us', type: 'group' as const };
  const contact = { chatId: '393330000001@c.us', type: 'direct' as const };
  const citizen = { id: '393330000001@c.us', name: 'Ahmed' };
  return {
    connector,
    group,
    contact,
    unknownChat: { chatId: '120363999999999999@g.us', type: 'group' },
    citizen,
    startReady: () => connector.start(),
    startUntilQr: async () => {
      await connector.start();
      connector.injectFaults({ requireLoginForMs: 60_000 });
      return connector.state.status === 'login_required' ? connector.state.qr : '';
    },
    // The simulated phone scans when the outage ends; a short one stands in for the scan.
    scanQr: async () => connector.injectFaults({ requireLoginForMs: 1 }),
    citizenWrites: async (chat, text, mentionsUs) => {
      await connector.receive({ chatId: chat === 'group' ? group.chatId : contact.chatId, senderId: citizen.id, senderName: citizen.name, text, mentionsUs });
    },
    sentTexts: async (chat) => connector.messages(chat.chatId).filter((m) => m.fromUs).map((m) => m.text),
    failNextSend: (kind) => connector.injectFaults({ failNext: { count: 1, kind } }),
    disconnect: async () => connector.injectFaults({ disconnectForMs: 20 }),
    restore: async () => {
      await waitFor(() => (connector.state.status === 'ready' ? true : undefined), 'the simulated outage to end');
    },
    dispose: () => connector.stop(),
  };
});
