import type { SendBudget } from './send-budget.config.js';

/** Without `maxIntervalMs`, gaps keep the 25 % of jitter above the shortest gap that Sportello always had. */
const DEFAULT_JITTER_SHARE = 0.25;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest gap of the account's random range. */
export function maxGapMs(budget: SendBudget): number {
  return Math.max(budget.minIntervalMs, budget.maxIntervalMs ?? Math.round(budget.minIntervalMs * (1 + DEFAULT_JITTER_SHARE)));
}

/**
 * The spacing before the account's next message, drawn evenly between its shortest and longest gap: bursts at an
 * exact period look automated (WAHA's guidance is a random 30–60 s on WhatsApp).
 */
export function drawGapMs(budget: SendBudget, random: () => number = Math.random): number {
  const min = budget.minIntervalMs;
  return Math.round(min + random() * (maxGapMs(budget) - min));
}

/** The gap on average, for estimates. */
export function meanGapMs(budget: SendBudget): number {
  return (budget.minIntervalMs + maxGapMs(budget)) / 2;
}

/**
 * The daily cap on the account's `day`-th day of sending (0 = its first): a new number starts at the warm-up's
 * `firstDayCap` and rises evenly to `dailyCap` over `days` days, as a person's new number would.
 */
export function dailyCapOn(budget: SendBudget, day: number): number {
  const warmUp = budget.warmUp;
  if (!warmUp || day >= warmUp.days) return budget.dailyCap;
  const start = Math.min(warmUp.firstDayCap, budget.dailyCap);
  return Math.round(start + ((budget.dailyCap - start) * Math.max(0, day)) / warmUp.days);
}

/** Whole days from `since` to `today`, both local calendar dates (YYYY-MM-DD). */
export function daysBetween(since: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / DAY_MS);
}

/** How long "typing…" shows before a message: proportional to its text, up to the account's longest. */
export function typingMsFor(budget: SendBudget, text: string): number {
  const perChar = budget.typingMsPerChar ?? 0;
  if (perChar <= 0) return 0;
  return Math.round(Math.min(budget.typingMaxMs ?? Number.POSITIVE_INFINITY, [...text].length * perChar));
}
