import type { Logger } from '../platform/logging/logger.js';
import {
  SendError,
  type ChannelAccount,
  type ChatConnector,
  type ChatRef,
  type ChatSummary,
  type ConnectorState,
  type OutboundContent,
  type SentMessage,
} from './chat-connector.port.js';
import { ConnectorEvents, type MessageListener, type StateListener } from './connector-events.js';

/** What every adapter shares: the observable state and listeners, and refusing sends until ready. */
export abstract class ObservableConnector implements ChatConnector {
  protected readonly events: ConnectorEvents;

  constructor(
    readonly account: ChannelAccount,
    log: Logger,
  ) {
    this.events = new ConnectorEvents(log);
  }

  get state(): ConnectorState {
    return this.events.state;
  }

  on(event: 'state', listener: StateListener): void;
  on(event: 'message', listener: MessageListener): void;
  on(event: 'state' | 'message', listener: StateListener | MessageListener): void {
    this.events.subscribe(event, listener);
  }

  /** Sending while not ready is worth retrying: the connection is expected back. */
  protected assertReady(): void {
    if (this.state.status !== 'ready') throw new SendError('transient', `not connected (${this.state.status})`);
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract send(chat: ChatRef, content: OutboundContent): Promise<SentMessage>;
  abstract listChats(): Promise<ChatSummary[]>;
}
