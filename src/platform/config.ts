import { ITALIAN_HOLIDAYS, parseClosedDays, parseWeeklyHours, type ClosedDay, type OpeningHours } from './opening-hours.js';
import { z } from 'zod';
import { AccountId } from './account-id.js';

/**
 * Every setting Sportello reads, validated once at start-up. Only `main.ts` calls `loadConfig`;
 * everything else receives its slice. A bad value stops the service with one line per problem.
 */

const Mode = z.enum(['demo', 'test', 'production']);

const RateLimit = z.object({
  /** Minimum gap between two sends on this account; jitter is added on top. */
  minIntervalMs: z.number().int().nonnegative(),
  /** Sends allowed per calendar day (Europe/Rome) on this account. */
  dailyCap: z.number().int().positive(),
});

const SimulatorChat = z.object({
  chatId: z.string().min(1),
  name: z.string().min(1),
  type: z.enum(['group', 'direct']),
  /** Demo only: the community language of a simulated group, used to register it at first start. */
  language: z.string().optional(),
  topics: z.array(z.string()).optional(),
});

const Account = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('simulator'),
    id: AccountId,
    /** Which real platform the simulated account stands in for (its formatting and limits). */
    imitates: z.enum(['wechat', 'whatsapp']).default('whatsapp'),
    latencyMs: z.number().int().nonnegative().default(0),
    chats: z.array(SimulatorChat).default([]),
    rateLimit: RateLimit.optional(),
  }),
  z.object({
    platform: z.literal('wechat'),
    id: AccountId,
    /** e.g. `wechaty-puppet-service` (hosted) or `wechaty-puppet-wechat4u`. Never implicit. */
    puppet: z.string().min(1),
    puppetToken: z.string().optional(),
    rateLimit: RateLimit.optional(),
  }),
  z.object({
    platform: z.literal('whatsapp'),
    id: AccountId,
    auth: z.enum(['local', 'remote']).default('local'),
    rateLimit: RateLimit.optional(),
  }),
  z.object({
    /** A WeChat Official Account (公众号), through WeChat's server callback and HTTP API. */
    platform: z.literal('wechat-official'),
    id: AccountId,
    /** 订阅号 (one mass send a day) or 服务号 (four a month per follower). */
    kind: z.enum(['subscription', 'service']),
    appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'must be the AppID (wx followed by 16 hex digits)'),
    appSecret: z.string().regex(/^[0-9a-f]{32}$/, 'must be the AppSecret (32 hex digits)'),
    /** The server token set in the account's server configuration (3-32 letters and digits). */
    token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters and digits'),
    /** Set for safe (encrypted) or compatible mode; absent, only plain callbacks are accepted. */
    encodingAESKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters and digits').optional(),
    /** WeChat's API; tests and the demo point it at a local double. */
    apiBaseUrl: z.string().url().default('https://api.weixin.qq.com'),
    /** One tag (and one registered group) per language; a new follower starts in the first. */
    languages: z.array(z.string().min(2)).min(1).default(['zh-Hans', 'it']),
    rateLimit: RateLimit.optional(),
  }),
]);
export type AccountConfig = z.infer<typeof Account>;

const DEFAULT_RATE_LIMITS = {
  whatsapp: { minIntervalMs: 3000, dailyCap: 1000 },
  wechat: { minIntervalMs: 2000, dailyCap: 2000 },
  // WeChat's own quotas (customer-service calls a day, mass sends) are enforced by the connector and the planner.
  'wechat-official': { minIntervalMs: 100, dailyCap: 100_000 },
} as const;

const jsonArray = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
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
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb').default('100kb'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  DEMO_ADMIN_TOKEN: z.string().min(20, 'must be at least 20 characters').optional(),
  /** Demo only: the stand-in of WeChat's API that `npm run demo` starts; set, the demo has an Official Account on it. */
  DEMO_OFFICIAL_ACCOUNT_API: z.string().url().optional(),
  CONNECTORS: jsonArray.pipe(z.array(Account)).optional(),
  PUPPETEER_EXECUTABLE_PATH: z.string().min(1).default('/usr/bin/chromium'),
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
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(15000),
  /** When set, `GET /metrics` answers only `Authorization: Bearer <this>` (Prometheus's `authorization.credentials`). */
  METRICS_TOKEN: z.string().min(20, 'must be at least 20 characters').optional(),
});

/** The simulated community of the demo and of the tests when `CONNECTORS` is not set. */
const DEMO_ACCOUNTS: z.input<typeof Account>[] = [
  {
    platform: 'simulator',
    id: 'sim-wechat',
    imitates: 'wechat',
    chats: [
      { chatId: 'room-zh-prato', name: 'Comunità cinese Prato — 中文', type: 'group', language: 'zh-Hans', topics: [] },
      { chatId: 'room-zh-genitori', name: '普拉托家长群 — Genitori', type: 'group', language: 'zh-Hans', topics: ['school'] },
      { chatId: 'wxid-citizen-1', name: '王芳', type: 'direct' },
    ],
  },
  {
    platform: 'simulator',
    id: 'sim-whatsapp',
    imitates: 'whatsapp',
    chats: [
      { chatId: '120363000000000001@g.us', name: 'Comunità araba — العربية', type: 'group', language: 'ar', topics: [] },
      { chatId: '120363000000000002@g.us', name: 'Shqiptarët në Prato', type: 'group', language: 'sq', topics: [] },
      { chatId: '120363000000000003@g.us', name: 'Români în Prato', type: 'group', language: 'ro', topics: [] },
      { chatId: '120363000000000004@g.us', name: 'Pakistani community — اردو', type: 'group', language: 'ur', topics: [] },
      { chatId: '393330000001@c.us', name: 'Ahmed', type: 'direct' },
    ],
  },
];

/**
 * The demo's Official Account ("ViaRoma101", a service account), on the stand-in of WeChat's API that
 * `scripts/demo-official-account.ts` runs; the credentials are the stand-in's, made up in WeChat's formats.
 */
function demoOfficialAccount(apiBaseUrl: string): z.input<typeof Account> {
  return {
    platform: 'wechat-official',
    id: 'oa-viaroma101',
    kind: 'service',
    appId: 'wx5f0a1b2c3d4e5f60',
    appSecret: '5f0a1b2c3d4e5f605f0a1b2c3d4e5f60',
    token: 'viaroma101demo',
    encodingAESKey: 'ViaRoma101DemoEncodingAESKey0123456789abcde',
    apiBaseUrl,
  };
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
  }
  if (e.DEMO_ADMIN_TOKEN && e.SPORTELLO_MODE !== 'demo') problems.push('DEMO_ADMIN_TOKEN: only allowed in demo mode');
  if (e.DEMO_OFFICIAL_ACCOUNT_API && e.SPORTELLO_MODE !== 'demo') problems.push('DEMO_OFFICIAL_ACCOUNT_API: only allowed in demo mode');
  if (e.SMTP_URL && !e.MAIL_FROM) problems.push('MAIL_FROM: required with SMTP_URL (the sender of staff alerts)');
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);

  const demoAccounts = [...DEMO_ACCOUNTS, ...(e.DEMO_OFFICIAL_ACCOUNT_API ? [demoOfficialAccount(e.DEMO_OFFICIAL_ACCOUNT_API)] : [])];
  const accounts = (e.CONNECTORS ?? z.array(Account).parse(demoAccounts)).map((account) => ({
    ...account,
    rateLimit: account.rateLimit ?? DEFAULT_RATE_LIMITS[account.platform === 'simulator' ? account.imitates : account.platform],
  }));

  return {
    mode: e.SPORTELLO_MODE,
    dataDir: e.DATA_DIR,
    http: { port: e.PORT, host: e.HOST, publicUrl: e.PUBLIC_URL, bodyLimit: e.BODY_LIMIT, metricsToken: e.METRICS_TOKEN },
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
    connectors: { accounts, chromiumPath: e.PUPPETEER_EXECUTABLE_PATH, whatsappProxy: e.WHATSAPP_PROXY },
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
      openingHours: openingHoursOf(e.INBOX_OPENING_HOURS ?? (e.SPORTELLO_MODE === 'demo' ? DEMO_OPENING_HOURS : 'off'), e.INBOX_CLOSED_DATES, e.TIME_ZONE),
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
