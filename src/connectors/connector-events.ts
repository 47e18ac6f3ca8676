import type { Logger } from '../platform/logging/logger.js';
import type { ConnectorState, InboundMessage } from './chat-connector.port.js';

export type StateListener = (state: ConnectorState) => void;
export type MessageListener = (message: InboundMessage) => Promise<void>;

/**
 * The state and listener bookkeeping every adapter shares, so they all emit the same way:
 * state listeners run synchronously on every change, message listeners are awaited together
 * and a rejected one is logged without the message (it holds personal data).
 */
export class ConnectorEvents {
  #state: ConnectorState = { status: 'stopped' };
  readonly #stateListeners: StateListener[] = [];
  readonly #messageListeners: MessageListener[] = [];

  constructor(private readonly log: Logger) {}

  get state(): ConnectorState {
    return this.#state;
  }

  setState(next: ConnectorState): void {
    this.#state = next;
    for (const listener of this.#stateListeners) listener(next);
  }

  /** Backs the adapters' typed `on` overloads, which pair each event with its listener type. */
  subscribe(event: 'state' | 'message', listener: StateListener | MessageListener): void {
    if (event === 'state') this.#stateListeners.push(listener as StateListener);
    else this.#messageListeners.push(listener as MessageListener);
  }

  async deliver(message: InboundMessage): Promise<void> {
    const results = await Promise.allSettled(this.#messageListeners.map((listener) => listener(message)));
    for (const result of results) {
      if (result.status === 'rejected') this.log.error({ err: result.reason }, 'inbound message listener failed');
    }
  }
}
