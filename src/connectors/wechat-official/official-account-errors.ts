import { SendError } from '../chat-connector.port.js';

/** WeChat's `{ errcode, errmsg }` answer to an API call. The message stays out of `SendError` texts: it may echo ids. */
export class OfficialAccountError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
    /** The whole answer: some errors carry data (45065 names the earlier mass send's `msg_id`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
    this.name = 'OfficialAccountError';
  }
}

/** Access token refused: fetched again once, and the call retried once. */
export const TOKEN_REFUSED = new Set([40001, 40014, 42001]);

/** The customer-service window: WeChat accepts answers to a follower only within 48 hours of their last message. */
export const ANSWER_WINDOW_MS = 48 * 60 * 60 * 1000;

export const OUTSIDE_ANSWER_WINDOW =
  'WeChat accepts answers only within 48 hours of the follower\'s last message, and that has passed: the answer can go only after the follower writes again';

/** WeChat's day (its quotas reset at midnight) is China Standard Time, UTC+8, without daylight saving. */
export function msUntilWeChatMidnight(now: number): number {
  const day = 24 * 60 * 60 * 1000;
  const china = now + 8 * 60 * 60 * 1000;
  return day - (china % day);
}

const PERMANENT: Record<number, string> = {
  45015: OUTSIDE_ANSWER_WINDOW,
  45047: 'WeChat allows at most 20 answers in a row before the follower writes again',
  45028: 'the Official Account has no mass-send quota left (subscription account: one a day; service account: four a month per follower)',
  43004: 'the follower has unfollowed the Official Account',
  40003: 'WeChat does not know this follower of the account',
  40164: 'WeChat refused the call: the server\'s IP address is not in the account\'s IP whitelist',
  40013: 'WeChat refused the AppID in the configuration',
  40125: 'WeChat refused the AppSecret in the configuration',
};

/**
 * An API failure in the port's terms. 45009 (the account's daily API quota) is `rate_limited` until WeChat's
 * midnight; the other quota and window errors are permanent, with what they mean; WeChat's own
 * "system busy" (-1), anything unknown and network errors are transient.
 */
export function classifyApiFailure(error: unknown, now: number): SendError {
  if (error instanceof SendError) return error;
  if (error instanceof OfficialAccountError) {
    if (error.errcode === 45009) {
      return new SendError('rate_limited', 'WeChat: the account\'s daily API quota is spent (45009)', msUntilWeChatMidnight(now), { cause: error });
    }
    const meaning = PERMANENT[error.errcode];
    if (meaning) return new SendError('permanent', `${meaning} (${error.errcode})`, undefined, { cause: error });
    return new SendError('transient', `WeChat did not send the message (${error.errcode})`, undefined, { cause: error });
  }
  return new SendError('transient', 'WeChat could not be reached', undefined, { cause: error });
}
