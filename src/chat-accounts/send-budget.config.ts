import { z } from 'zod';

/**
 * An account's send budget (`CONNECTORS[].rateLimit`); every field is optional and falls back to the platform's
 * default (`DEFAULT_RATE_LIMITS`). Unofficial WhatsApp and WeChat clients get numbers banned for bursts: see
 * issue #18 for the reports the WhatsApp and WeChat defaults follow.
 */
export const SendBudgetSetting = z
  .object({
    /** Shortest gap between two sends on this account; each gap is drawn at random up to `maxIntervalMs`. */
    minIntervalMs: z.number().int().nonnegative().optional(),
    /** Longest gap; defaults to the platform's, or to `minIntervalMs` + 25 % when only that is given. */
    maxIntervalMs: z.number().int().nonnegative().optional(),
    /** Sends allowed per clock hour on this account; `null` for none. */
    hourlyCap: z.number().int().positive().nullable().optional(),
    /** Sends allowed per calendar day (the town's time zone) on this account, once warmed up. */
    dailyCap: z.number().int().positive().optional(),
    /**
     * A new number's daily cap starts at `firstDayCap` and rises evenly to `dailyCap` over `days` days, counted from
     * `since` (YYYY-MM-DD) or, without it, from the first day Sportello sent on the account. `false`: no warm-up.
     */
    warmUp: z
      .union([
        z.literal(false),
        z.object({ days: z.number().int().positive(), firstDayCap: z.number().int().positive(), since: z.iso.date().optional() }),
      ])
      .optional(),
    /** "typing…" shown before each message for this long per character of its text (WhatsApp only), up to `typingMaxMs`. */
    typingMsPerChar: z.number().nonnegative().optional(),
    typingMaxMs: z.number().int().nonnegative().optional(),
    /** Notices sent into one citizen's chat per clock hour (the inbox's answers are not counted); `null` for none. */
    perContactHourly: z.number().int().positive().nullable().optional(),
  })
  .refine((r) => r.minIntervalMs === undefined || r.maxIntervalMs === undefined || r.maxIntervalMs >= r.minIntervalMs, {
    message: 'maxIntervalMs must not be below minIntervalMs',
  });

/**
 * What an account may send. Config always fills every field; code that paces an account reads the optional ones
 * with the behaviour of their absence (no random range beyond 25 % jitter, no hourly cap, no warm-up, no typing,
 * no per-contact limit), so an account built by hand with only a gap and a daily cap keeps today's pace.
 */
export interface SendBudget {
  minIntervalMs: number;
  maxIntervalMs?: number;
  hourlyCap?: number | null;
  dailyCap: number;
  warmUp?: false | { days: number; firstDayCap: number; since?: string };
  typingMsPerChar?: number;
  typingMaxMs?: number;
  perContactHourly?: number | null;
}

/**
 * Real accounts: WAHA's guidance for WhatsApp (a random 30–60 s between messages, typing before each, a few
 * messages an hour to one contact) and a warm-up of three weeks for a new number; WeChat personal accounts 10–20 s
 * (bursts to 100+ rooms are refused, wechaty #412).
 */
const DEFAULT_RATE_LIMITS: Record<'whatsapp' | 'wechat' | 'wechat-official', Required<SendBudget>> = {
  whatsapp: {
    minIntervalMs: 30_000,
    maxIntervalMs: 60_000,
    hourlyCap: 60,
    dailyCap: 400,
    warmUp: { days: 21, firstDayCap: 40 },
    typingMsPerChar: 40,
    typingMaxMs: 8000,
    perContactHourly: 3,
  },
  wechat: {
    minIntervalMs: 10_000,
    maxIntervalMs: 20_000,
    hourlyCap: 200,
    dailyCap: 1500,
    warmUp: { days: 14, firstDayCap: 100 },
    typingMsPerChar: 0,
    typingMaxMs: 0,
    perContactHourly: 5,
  },
  // WeChat's own quotas (customer-service calls a day, mass sends) are enforced by the connector and the planner.
  'wechat-official': {
    minIntervalMs: 100,
    maxIntervalMs: 100,
    hourlyCap: null,
    dailyCap: 100_000,
    warmUp: false,
    typingMsPerChar: 0,
    typingMaxMs: 0,
    perContactHourly: null,
  },
};

/** Simulated accounts: the short pace they always had (3 s as WhatsApp, 2 s as WeChat), nothing that holds a test. */
const SIMULATED_RATE_LIMITS: Record<'whatsapp' | 'wechat', Required<SendBudget>> = {
  whatsapp: { minIntervalMs: 3000, maxIntervalMs: 3750, hourlyCap: null, dailyCap: 1000, warmUp: false, typingMsPerChar: 0, typingMaxMs: 0, perContactHourly: null },
  wechat: { minIntervalMs: 2000, maxIntervalMs: 2500, hourlyCap: null, dailyCap: 2000, warmUp: false, typingMsPerChar: 0, typingMaxMs: 0, perContactHourly: null },
};

/** The configured fields over the platform's defaults; a gap given alone keeps today's 25 % of jitter above it. */
export function sendBudgetOf(account: { platform: 'whatsapp' | 'wechat' | 'wechat-official' } | { platform: 'simulator'; imitates: 'whatsapp' | 'wechat' }, given: z.input<typeof SendBudgetSetting> | undefined): Required<SendBudget> {
  const base = account.platform === 'simulator' ? SIMULATED_RATE_LIMITS[account.imitates] : DEFAULT_RATE_LIMITS[account.platform];
  const defined = Object.fromEntries(Object.entries(given ?? {}).filter(([, value]) => value !== undefined)) as Partial<SendBudget>;
  const minIntervalMs = defined.minIntervalMs ?? base.minIntervalMs;
  const maxIntervalMs = defined.maxIntervalMs ?? (defined.minIntervalMs === undefined ? base.maxIntervalMs : Math.round(minIntervalMs * 1.25));
  return { ...base, ...defined, minIntervalMs, maxIntervalMs: Math.max(minIntervalMs, maxIntervalMs) };
}

