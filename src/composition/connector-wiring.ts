import { simulatorsOf, type ConnectorRegistry } from '../connectors/index.js';
import type { Inbox } from '../inbox/index.js';
import type { LivePublisher } from '../live/index.js';
import type { AdminAlerts } from '../staff-alerts/admin-alerts.js';

/** Open consoles hear of each connector's state and, for a simulated account, of every message in its chats. */
export function publishConnectorEvents(connectors: ConnectorRegistry, live: LivePublisher): void {
  for (const connector of connectors.all()) {
    connector.on('state', (state) => live.publish({ name: 'connector', data: { accountId: connector.account.id, state: state.status } }));
  }
  for (const simulator of simulatorsOf(connectors)) {
    simulator.onChatMessage((chatRef) => live.publish({ name: 'simulator', data: { accountId: simulator.account.id, chatRef } }));
  }
}

/**
 * Citizens' messages go to the inbox, and admins (by e-mail, when there is a mail server) hear of an account's
 * connection changing. The message listener resolves once the message is stored (and, for the simulator, its
 * inbound call answers only then).
 */
export function connectConnectorsToFeatures(connectors: ConnectorRegistry, inbox: Pick<Inbox, 'receive'>, adminAlerts: AdminAlerts | undefined): void {
  for (const connector of connectors.all()) {
    connector.on('message', async (message) => void (await inbox.receive(message)));
    if (adminAlerts) connector.on('state', (state) => void adminAlerts.connectionChanged(connector.account.id, state.status));
  }
}
