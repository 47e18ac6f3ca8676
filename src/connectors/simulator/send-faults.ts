import { SendError, type SendFailureKind } from '../chat-connector.port.js';

/** What the real platforms answer, so adapters' callers see the simulator fail the same way. */
const MESSAGES: Record<SendFailureKind, string> = {
  transient: 'simulated network error',
  rate_limited: 'simulated rate-overlimit',
  permanent: 'simulated: not a member of this chat',
};

/** Failures armed for the next sends, used up one per send in the order they were armed. */
export class SendFaults {
  readonly #pending: { kind: SendFailureKind; retryAfterMs?: number }[] = [];

  arm(count: number, kind: SendFailureKind, retryAfterMs?: number): void {
    for (let i = 0; i < count; i += 1) this.#pending.push({ kind, retryAfterMs });
  }

  /** The error the next send must throw, if one is armed. */
  take(): SendError | undefined {
    const next = this.#pending.shift();
    if (!next) return undefined;
    return new SendError(next.kind, MESSAGES[next.kind], next.kind === 'rate_limited' ? (next.retryAfterMs ?? 60_000) : undefined);
  }
}
