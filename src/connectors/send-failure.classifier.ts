import { SendError } from './chat-connector.port.js';

/** How one platform words its refusals; unofficial clients throw plain errors carrying the server's words. */
export interface SendFailurePatterns {
  platform: string;
  rateLimited: RegExp;
  permanent: RegExp;
  /** The platform sends no retry-after: how long to leave the account alone after a rate limit. */
  rateLimitPauseMs: number;
}

/**
 * Turns a client's send error into the port's `SendError`. Anything not recognised is `transient`:
 * a retry is cheaper than losing an announcement. The original error stays as `cause`, out of the
 * message, because it may name the chat.
 */
export function classifySendFailure(error: unknown, patterns: SendFailurePatterns): SendError {
  const message = error instanceof Error ? error.message : String(error);
  if (patterns.rateLimited.test(message)) {
    return new SendError('rate_limited', `${patterns.platform}: sending too often`, patterns.rateLimitPauseMs, { cause: error });
  }
  if (patterns.permanent.test(message)) return new SendError('permanent', `${patterns.platform} refused the chat`, undefined, { cause: error });
  return new SendError('transient', `${patterns.platform} did not send the message`, undefined, { cause: error });
}
