import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Citizens' phone numbers, chat ids and message texts are personal data of people in vulnerable
 * situations: they must never reach a log. Keys that carry them are censored wherever they appear,
 * and free-text values are scrubbed of anything shaped like a phone number or a chat id.
 */
const PERSONAL_KEYS = [
  'phone', 'phoneNumber', 'chatId', 'senderId', 'senderName', 'text', 'body', 'title', 'message',
  'password', 'token', 'authorization', 'cookie', 'email', 'qr', 'author', 'from', 'to', 'displayName',
];

const REDACT_PATHS = [
  ...PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

// A run of digits that may be a phone number: an optional `+` (`%2B` in URLs) or `00`, then digits joined by
// spaces, dots, dashes, parentheses or URL-encoded separators (request paths are logged undecoded). It must stand
// alone: a run inside an id (`6b16ffe99fb725ee335d5a22`), after a dash (a UUID's last group) or glued to letters
// (`2026-12-02T09:15`) is part of something else.
const NUMBER_RUN = /(?<![\w.%+-])(?:\+|%2B)?\d(?:[\d\s().-]|%20|%2B|\+)*\d(?![\w%])/gi;
const CHAT_ID = /([\w.-]+(?:@|%40)(c\.us|g\.us|lid|s\.whatsapp\.net))|(wxid_[\w-]+)|((?<=openid=)[\w-]+)/gi;
const DATE = /^\d{4}-\d{2}-\d{2}(?!\d)/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** E.164 allows up to 15 digits; the shortest mobile and landline numbers worth hiding have 8. */
function looksLikePhone(run: string): boolean {
  const digits = run.replace(/%2B|%20/gi, '').replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

function scrubNumberRun(run: string): string {
  const date = DATE.exec(run);
  // A date (`2026-12-02`, also before a time after a space) is kept; whatever follows it is looked at again.
  if (date) return date[0] + run.slice(date[0].length).replace(NUMBER_RUN, scrubNumberRun);
  if (IPV4.test(run) || !looksLikePhone(run)) return run;
  return '[redacted]';
}

/**
 * Replaces phone numbers and chat ids inside free text (URLs, error messages) with a marker, and keeps what is
 * needed to debug: timestamps, dates, ids (ObjectIds, UUIDs, digests), addresses, ports and short numbers.
 */
export function scrubPersonalData(text: string): string {
  return text.replace(CHAT_ID, '[redacted]').replace(NUMBER_RUN, scrubNumberRun);
}

export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubPersonalData(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        // `detail`, not `message`: `message` is a censored key (it holds citizens' texts elsewhere), which hid
        // every error's reason from the logs.
        err: (err: Error) => ({ type: err.name, detail: scrubPersonalData(err.message), stack: scrubPersonalData(err.stack ?? '') }),
      },
    },
    options.destination ?? process.stdout,
  );
}
