import { ITALIAN_HOLIDAYS, parseClosedDays, parseWeeklyHours, type ClosedDay, type OpeningHours } from './opening-hours.js';
import { isIP } from 'node:net';
import { z } from 'zod';
import { AccountSetting, accountsOf } from '../chat-accounts/index.js';

/**
 * Every setting Sportello reads, validated once at start-up. Only `main.ts` calls `loadConfig`;
 * everything else receives its slice. A bad value stops the service with one line per problem.
 *
 * The one import of a feature from platform: an account's settings and send budget are chat-accounts' to define
 * (`account.config.ts`, `send-budget.config.ts`), and they are validated here with every other variable, so that
 * one start-up lists every problem at once.
 */

const Mode = z.enum(['demo', 'test', 'production']);

const jsonArray = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
});

/** Express's names for address ranges, accepted in `TRUST_PROXY` next to addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which proxies may tell the client's address in `X-Forwarded-For`: `off`, a number of hops, or addresses and
 * ranges. `true` (trust whatever the header says) is refused: anyone could then pick the address that the
 * sign-in throttle counts.
 */
const TrustProxy = z.string().transform((text, ctx): false | number | string[] => {
  const value = text.trim();
  if (value === 'off' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.includes(entry)) return false;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (value === '' || bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be off, a number of proxy hops (0-10), or addresses and CIDR ranges separated by commas (${PROXY_RANGE_NAMES.join(', ')} allowed); not ${bad.join(', ') || 'empty'}`,
    });
    return z.NEVER;
  }
  return entries;
});

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const Env = z.object({
  SPORTELLO_MODE: Mode.default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data/default'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: TrustProxy.default(['loopback']),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb').default('100kb'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  DEMO_ADMIN_TOKEN: z.string().min(20, 'must be at least 20 characters').optional(),
  /** Demo only: the stand-in of WeChat's API that `npm run demo` starts; set, the demo has an Official Account on it. */
  DEMO_OFFICIAL_ACCOUNT_API: z.string().url().optional(),
  CONNECTORS: jsonArray.pipe(z.array(AccountSetting)).optional(),
  PUPPETEER_EXECUTABLE_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** `off` where the container isolates Chromium instead of its own sandbox (the image's default; README, Deployment). */
  CHROMIUM_SANDBOX: z.enum(['on', 'off']).default('on'),
  WHATSAPP_PROXY: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').optional(),
  WORKERS_IN_PROCESS: booleanFlag.default(true),
  DISPATCH_PAUSE_AFTER_RATE_LIMITS: z.coerce.number().int().positive().default(3),
  DISPATCH_PAUSE_WINDOW_MINUTES: z.coerce.number().int().positive().default(10),
  /** How long a worker that died keeps its job and its account's turn before another process takes over. */
  DISPATCH_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** The town's wall clock: quiet hours and daily caps follow it. */
  TIME_ZONE: z
    .string()
    .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', 'is not an IANA time zone')
    .default('Europe/Rome'),
  /**
   * Normal notices wait outside these hours (town time) before they go into a citizen's own chat, as a group's
   * quiet hours hold its notices; urgent ones go at once. `off` sends at any hour.
   */
  CITIZEN_QUIET_HOURS: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:mm-HH:mm (e.g. 21:00-08:00) or off')
    .default('21:00-08:00'),
  /** Fractions are allowed (the TTL tests use seconds' worth of a day); at most ten years. */
  RETENTION_MESSAGE_DAYS: z.coerce.number().positive().max(3650).default(180),
  /**
   * When mediators answer (town time), e.g. `Mon-Fri 09:00-13:00; Tue,Thu 14:30-17:00`: a question that arrives
   * outside them is acknowledged with when the office opens again. `off` (the default outside the demo) says nothing.
   */
  INBOX_OPENING_HOURS: z
    .string()
    .superRefine((text, ctx) => {
      const weekly = text === 'off' ? undefined : parseWeeklyHours(text);
      if (typeof weekly === 'string') ctx.addIssue({ code: 'custom', message: `${weekly} (e.g. Mon-Fri 09:00-13:00; Tue,Thu 14:30-17:00, or off)` });
    })
    .optional(),
  /** Days the office is closed whatever the weekday: MM-DD every year, YYYY-MM-DD once, easter-monday. */
  INBOX_CLOSED_DATES: z
    .string()
    .superRefine((text, ctx) => {
      const closed = parseClosedDays(text);
      if (typeof closed === 'string') ctx.addIssue({ code: 'custom', message: `${closed} (a comma-separated list)` });
    })
    .default(ITALIAN_HOLIDAYS),
  /** The town's mail server, for staff alerts (`smtp://user:pass@host:587`, `smtps://…`); unset, no e-mail is sent. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  /** The sender of staff alerts, e.g. `Sportello Immigrazione <sportello@comune.example.it>`. */
  MAIL_FROM: z.string().regex(/^([^<>]+<)?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an e-mail address, optionally as Name <address>').optional(),
  /** A citizen waiting this long for an answer makes Sportello e-mail the language's mediators (once per wait). */
  INBOX_ALERT_AFTER_HOURS: z.coerce.number().positive().max(24 * 14).default(2),
  /** How often waits are checked against it. */
  INBOX_ALERT_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** The town's promise to citizens: answers within this many hours (Cecina's is under three). */
  ANSWER_TARGET_HOURS: z.coerce.number().positive().max(24 * 14).default(3),
  /**
   * The town's languages, comma-separated BCP 47 tags of the catalogue (`GET /api/v1/languages`): the inbox's
   * detector reads only these. Unset: the whole catalogue.
   */
  TOWN_LANGUAGES: z
    .string()
    .regex(/^\s*[a-z]{2,3}(-[A-Za-z]{4})?(\s*,\s*[a-z]{2,3}(-[A-Za-z]{4})?)*\s*$/, 'must be comma-separated language tags, e.g. it,en,ar,zh-Hans')
    .transform((text) => [...new Set(text.split(',').map((tag) => tag.trim()))])
    .optional(),
  /** A question whose language the detector reads with less confidence (0 to 1) waits in the unsure queue. */
  LANGUAGE_UNSURE_BELOW: z.coerce.number().min(0).max(1).default(0.2),
  /** The town's own LibreTranslate server (`http://libretranslate:5000`): machine drafts that never leave the town. Unset: off. */
  LIBRETRANSLATE_URL: z.string().url().optional(),
  /** Its API key, when the server was started with `--api-keys`. */
  LIBRETRANSLATE_API_KEY: z.string().min(1).optional(),
  /** DeepL's API (a third party: notices' texts go to DeepL). Unset: off. */
  DEEPL_API_KEY: z.string().min(1).optional(),
  /** Default: DeepL's free API for a key ending in `:fx`, the Pro API otherwise. */
  DEEPL_API_URL: z.string().url().optional(),
  /** The lowest similarity (0.5 to 1) at which the translation memory offers a sentence that is not the same. */
  TRANSLATION_FUZZY_MIN: z.coerce.number().min(0.5).max(1).default(0.8),
  /** Citizens' messages go to the machine translator only when this is on, besides a configured translator. */
  TRANSLATE_CITIZEN_MESSAGES: booleanFlag.default(false),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(15000),
  /** When set, `GET /metrics` answers only `Authorization: Bearer <this>` (Prometheus's `authorization.credentials`). */
  METRICS_TOKEN: z.string().min(20, 'must be at least 20 characters').optional(),
});

/** What `.env.example` puts where a secret goes ("change-me…"): a production service must not start with it. */
const PLACEHOLDER = /change[-_ ]?me|replace[-_ ]?me|placeholder/i;

/** A secret made of few different characters (`xxxx…`, `aaaa…`) is long but guessable. */
const MIN_DISTINCT_CHARACTERS = 8;

/**
 * Production's secrets, each named: placeholders and secrets with too few different characters are refused
 * (the minimum lengths are checked by the schema, in every mode).
 */
function secretProblems(e: z.infer<typeof Env>): string[] {
  const secrets: Array<[string, string | undefined]> = [
    ['SESSION_SECRET', e.SESSION_SECRET],
    ['BOOTSTRAP_ADMIN_PASSWORD', e.BOOTSTRAP_ADMIN_PASSWORD],
    ['METRICS_TOKEN', e.METRICS_TOKEN],
    ['LIBRETRANSLATE_API_KEY', e.LIBRETRANSLATE_API_KEY],
    ['DEEPL_API_KEY', e.DEEPL_API_KEY],
    ['SMTP_URL', e.SMTP_URL ? decodeURIComponent(URL.parse(e.SMTP_URL)?.password ?? '') : undefined],
    ...(e.CONNECTORS ?? []).map((account): [string, string | undefined] => [
      `CONNECTORS: ${account.id}.puppetToken`,
      account.platform === 'wechat' ? account.puppetToken : undefined,
    ]),
  ];
  const problems: string[] = [];
  for (const [name, value] of secrets) {
    if (!value) continue;
    const label = name.startsWith('CONNECTORS') ? name : `${name}:`;
    if (PLACEHOLDER.test(value)) problems.push(`${label} still the placeholder of .env.example; set a random secret`);
    else if (name !== 'SMTP_URL' && new Set(value).size < MIN_DISTINCT_CHARACTERS) {
      problems.push(`${label} too simple (fewer than ${MIN_DISTINCT_CHARACTERS} different characters); set a random secret`);
    }
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? '?')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SPORTELLO_MODE === 'production') {
    if (!e.MONGODB_URI) problems.push('MONGODB_URI: required in production');
    if (!e.REDIS_URL) problems.push('REDIS_URL: required in production');
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET: required in production');
    if (!e.CONNECTORS) problems.push('CONNECTORS: required in production (which WeChat and WhatsApp accounts to run)');
    if (e.DEMO_ADMIN_TOKEN) problems.push('DEMO_ADMIN_TOKEN: only allowed in demo mode');
    if (e.CONNECTORS?.some((a) => a.platform === 'simulator')) problems.push('CONNECTORS: the simulator is not allowed in production');
    problems.push(...secretProblems(e));
  }
  if (e.DEMO_ADMIN_TOKEN && e.SPORTELLO_MODE !== 'demo') problems.push('DEMO_ADMIN_TOKEN: only allowed in demo mode');
  if (e.DEMO_OFFICIAL_ACCOUNT_API && e.SPORTELLO_MODE !== 'demo') problems.push('DEMO_OFFICIAL_ACCOUNT_API: only allowed in demo mode');
  if (e.SMTP_URL && !e.MAIL_FROM) problems.push('MAIL_FROM: required with SMTP_URL (the sender of staff alerts)');
  if (e.LIBRETRANSLATE_URL && e.DEEPL_API_KEY) problems.push('DEEPL_API_KEY: set one machine translator, LIBRETRANSLATE_URL or DEEPL_API_KEY, not both');
  if (e.LIBRETRANSLATE_API_KEY && !e.LIBRETRANSLATE_URL) problems.push('LIBRETRANSLATE_API_KEY: only with LIBRETRANSLATE_URL');
  if (e.DEEPL_API_URL && !e.DEEPL_API_KEY) problems.push('DEEPL_API_URL: only with DEEPL_API_KEY');
  if (e.TRANSLATE_CITIZEN_MESSAGES && !e.LIBRETRANSLATE_URL && !e.DEEPL_API_KEY) problems.push('TRANSLATE_CITIZEN_MESSAGES: needs a machine translator (LIBRETRANSLATE_URL or DEEPL_API_KEY)');
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);

  const accounts = accountsOf(e.CONNECTORS, e.DEMO_OFFICIAL_ACCOUNT_API);

  return {
    mode: e.SPORTELLO_MODE,
    dataDir: e.DATA_DIR,
    http: { port: e.PORT, host: e.HOST, publicUrl: e.PUBLIC_URL, bodyLimit: e.BODY_LIMIT, metricsToken: e.METRICS_TOKEN, trustProxy: e.TRUST_PROXY },
    log: { level: e.LOG_LEVEL },
    mongo: { uri: e.MONGODB_URI },
    redis: { url: e.REDIS_URL },
    security: {
      sessionSecret: e.SESSION_SECRET,
      bootstrapAdmin:
        e.BOOTSTRAP_ADMIN_EMAIL && e.BOOTSTRAP_ADMIN_PASSWORD
          ? { email: e.BOOTSTRAP_ADMIN_EMAIL, password: e.BOOTSTRAP_ADMIN_PASSWORD }
          : undefined,
      demoAdminToken: e.DEMO_ADMIN_TOKEN,
    },
    connectors: { accounts, chromiumPath: e.PUPPETEER_EXECUTABLE_PATH, chromiumSandbox: e.CHROMIUM_SANDBOX === 'on', whatsappProxy: e.WHATSAPP_PROXY },
    dispatch: {
      workersInProcess: e.WORKERS_IN_PROCESS,
      pauseAfterRateLimits: e.DISPATCH_PAUSE_AFTER_RATE_LIMITS,
      pauseWindowMs: e.DISPATCH_PAUSE_WINDOW_MINUTES * 60_000,
      lockMs: e.DISPATCH_LOCK_MS,
      timeZone: e.TIME_ZONE,
      citizenQuietHours: quietHoursOf(e.CITIZEN_QUIET_HOURS),
    },
    privacy: { messageRetentionDays: e.RETENTION_MESSAGE_DAYS },
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    inbox: {
      alertAfterMs: Math.round(e.INBOX_ALERT_AFTER_HOURS * 60 * 60 * 1000),
      alertCheckMs: e.INBOX_ALERT_CHECK_SECONDS * 1000,
      answerTargetMs: Math.round(e.ANSWER_TARGET_HOURS * 60 * 60 * 1000),
      townLanguages: e.TOWN_LANGUAGES,
      unsureBelow: e.LANGUAGE_UNSURE_BELOW,
      openingHours: openingHoursOf(e.INBOX_OPENING_HOURS ?? (e.SPORTELLO_MODE === 'demo' ? DEMO_OPENING_HOURS : 'off'), e.INBOX_CLOSED_DATES, e.TIME_ZONE),
    },
    translation: {
      libreTranslate: e.LIBRETRANSLATE_URL ? { url: e.LIBRETRANSLATE_URL, apiKey: e.LIBRETRANSLATE_API_KEY } : undefined,
      deepl: e.DEEPL_API_KEY ? { apiKey: e.DEEPL_API_KEY, url: e.DEEPL_API_URL } : undefined,
      fuzzyMin: e.TRANSLATION_FUZZY_MIN,
      citizenMessages: e.TRANSLATE_CITIZEN_MESSAGES,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}

/** Office hours of an Immigration Service desk, for the demo: mornings, and two afternoons. */
const DEMO_OPENING_HOURS = 'Mon-Fri 09:00-13:00; Tue,Thu 14:30-17:00';

/** Parsed already by the schema's refinements, which reject anything these would not take. */
function openingHoursOf(weekly: string, closed: string, timeZone: string): OpeningHours | undefined {
  if (weekly === 'off') return undefined;
  return { weekly: parseWeeklyHours(weekly) as OpeningHours['weekly'], closed: parseClosedDays(closed) as ClosedDay[], timeZone };
}

function quietHoursOf(value: string): { from: string; to: string } | undefined {
  if (value === 'off') return undefined;
  const [from = '', to = ''] = value.split('-');
  return { from, to };
}

export type Config = ReturnType<typeof loadConfig>;
export type ChannelAccountConfig = Config['connectors']['accounts'][number];
