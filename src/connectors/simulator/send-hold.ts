import { SendError } from '../chat-connector.port.js';

/**
 * A send the platform took but never answered: the crash test arms it so that a worker process is killed while a
 * delivery is `sending`, with the message already in the chat (the at-least-once window). Once one send is held,
 * every later send waits before reaching the chat, so what the chats hold stays still until the process dies.
 * Stopping the connector ends the held sends with a transient error, as a dropped connection would.
 */
export class SendHold {
  #passBeforeHold: number | undefined;
  #holding = false;
  readonly #held = new Set<(error: SendError) => void>();

  /** The next `passing` sends go through; the one after them is written to the chat and held. */
  arm(passing: number): void {
    this.#passBeforeHold = passing;
  }

  /** Called before the message reaches the chat: waits for ever once a send is held. */
  async beforeSend(): Promise<void> {
    if (this.#holding) await this.#hold();
  }

  /** Called after the message reached the chat. */
  async afterSend(): Promise<void> {
    if (this.#passBeforeHold === undefined) return;
    if (this.#passBeforeHold > 0) {
      this.#passBeforeHold -= 1;
      return;
    }
    this.#passBeforeHold = undefined;
    this.#holding = true;
    await this.#hold();
  }

  release(): void {
    this.#holding = false;
    for (const fail of this.#held) fail(new SendError('transient', 'simulated: connection lost while sending'));
    this.#held.clear();
  }

  #hold(): Promise<void> {
    return new Promise((_resolve, reject) => this.#held.add(reject));
  }
}
