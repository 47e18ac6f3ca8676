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
