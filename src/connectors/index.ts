export type {
  ChannelAccount,
  ChatConnector,
  ChatRef,
  ChatSummary,
  ChatType,
  ConnectorState,
  InboundMessage,
  MediaInfo,
  OutboundContent,
  Platform,
  RateLimit,
  SendFailureKind,
  SentMessage,
} from './chat-connector.port.js';
export { SendError } from './chat-connector.port.js';
export { createConnectorRegistry } from './connector-registry.js';
export type { ConnectorRegistry, ConnectorRegistryDeps, ConnectorReadinessCheck, ConnectorStatus } from './connector-registry.js';
export type { ConnectorDeps } from './connector.factory.js';
export { createConnectorLoginRoutes } from './connectors.routes.js';
export { createSimulatorRouter } from './simulator/simulator.routes.js';
export { SimulatorConnector } from './simulator/simulator.adapter.js';
import { SimulatorConnector } from './simulator/simulator.adapter.js';
import type { ConnectorRegistry } from './connector-registry.js';

/** The simulated accounts among the configured ones (the demo's and the tests'). */
export function simulatorsOf(registry: Pick<ConnectorRegistry, 'all'>): SimulatorConnector[] {
  return registry.all().filter((connector): connector is SimulatorConnector => connector instanceof SimulatorConnector);
}
export { createOfficialAccountCallbackRoutes } from './wechat-official/callback.routes.js';
export { isOfficialAccount, type WeChatOfficialConnector } from './wechat-official/wechat-official.adapter.js';
export type { FollowerEvent, MassSendReport } from './wechat-official/official-account-events.js';
export { tagChatId } from './wechat-official/language-tags.js';
