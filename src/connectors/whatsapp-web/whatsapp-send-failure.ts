import { SendError } from '../chat-connector.port.js';

/**
 * WhatsApp sends no retry-after. Accounts reported restricted after `rate-overlimit` answers on sends
 * 10–20 s apart, so the pause is long.
 */
const RATE_LIMIT_PAUSE_MS = 5 * 60_000;

const RATE_LIMITED = /rate-?overlimit|too many|\b429\b/i;
/** We are not in the group any more, the number is not on WhatsApp, or the account may not write there. */
const PERMANENT = /not-authorized|forbidden|\b403\b|item-not-found|\b404\b|not a participant|invalid wid|no lid for user/i;

/** Classifies an error thrown by `Client#sendMessage` by its message, the only thing the client exposes. */
export function classifySendFailure(error: unknown): SendError {
  const message = error instanceof Error ? error.message : String(error);
  if (RATE_LIMITED.test(message)) return new SendError('rate_limited', 'WhatsApp: rate-overlimit', RATE_LIMIT_PAUSE_MS, { cause: error });
  if (PERMANENT.test(message)) return new SendError('permanent', 'WhatsApp refused the chat', undefined, { cause: error });
  return new SendError('transient', 'WhatsApp Web did not send the message', undefined, { cause: error });
}
