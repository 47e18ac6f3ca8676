import { SendError } from '../connectors/index.js';
import { DEFAULT_RETRY_AFTER_MS } from './retry-rules.js';

/**
 * Any error thrown by a send, in the one vocabulary (`SendError`): what the platform did not explain counts as
 * transient, so it is tried again rather than given up.
 */
export function sendFailureOf(error: unknown): SendError {
  if (error instanceof SendError) return error;
  return new SendError('transient', (error as Error | undefined)?.message || 'send failed', undefined, { cause: error });
}

/**
 * How long a failure holds the whole account after its turn: a platform's "too fast" is about the number, not one
 * chat, so every send on the account waits, notices and answers alike; other failures hold nothing.
 */
export function accountHoldMs(failure: SendError): number {
  return failure.kind === 'rate_limited' ? (failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS) : 0;
}
