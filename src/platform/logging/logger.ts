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

// Separators include URL-encoded ones (`%20`, `%2B`, `+`): request paths and queries are logged undecoded.
const PHONE_OR_CHAT_ID = /((\+|%2B)?\d([\d\s().+-]|%20|%2B){6,}\d)|([\w.-]+@(c\.us|g\.us|lid|s\.whatsapp\.net))|(wxid_[\w-]+)|((?<=openid=)[\w-]+)/gi;

/** Replaces phone numbers and chat ids inside free text (URLs, error messages) with a marker. */
export function scrubPersonalData(text: string): string {
  return text.replace(PHONE_OR_CHAT_ID, '[redacted]');
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
        err: (err: Error) => ({ type: err.name, message: scrubPersonalData(err.message), stack: scrubPersonalData(err.stack ?? '') }),
      },
    },
    options.destination ?? process.stdout,
  );
}
