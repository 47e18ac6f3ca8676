import { SendError, type SendFailureKind } from '../chat-connector.port.js';

/** What the real platforms answer, so adapters' callers see the simulator fail the same way. */
const MESSAGES: Record<SendFailureKind, string> = {
  transient: 'simulated network error',
  rate_limited: 'simulated rate-overlimit',
  permanent: 'simulated: not a member of this chat',
};

/** Failures armed for the next sends, used up one per send in the order they were armed. */
export class SendFaults {
  readonly #pending: { kind: SendFailureKind; retryAfterMs?: number; chatId?: string }[] = [];

  /** `chatId`: only a send into that chat takes the failure (other chats' sends go on as usual). */
  arm(count: number, kind: SendFailureKind, retryAfterMs?: number, chatId?: string): void {
    for (let i = 0; i < count; i += 1) this.#pending.push({ kind, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(chatId !== undefined ? { chatId } : {}) });
  }

  /** The error a send into `chatId` must throw, if one is armed for it (or for any chat). */
  take(chatId: string): SendError | undefined {
    const index = this.#pending.findIndex((fault) => fault.chatId === undefined || fault.chatId === chatId);
    if (index < 0) return undefined;
    const [next] = this.#pending.splice(index, 1);
    if (!next) return undefined;
    return new SendError(next.kind, MESSAGES[next.kind], next.kind === 'rate_limited' ? (next.retryAfterMs ?? 60_000) : undefined);
  }
}
