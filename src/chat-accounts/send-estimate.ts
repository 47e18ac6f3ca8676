import { dailyCapOn, meanGapMs } from './send-budget.js';
import type { SendBudget } from './send-budget.config.js';

const HOUR_MS = 60 * 60 * 1000;

/** Where the account's budget stands when the estimate starts (`AccountPacer.status`). */
export interface PaceNow {
  sentThisHour: number;
  sentToday: number;
  dailyCapToday: number;
  warmUpDay?: number;
  nextSendInMs: number;
}

/**
 * When the account's `messages`-th message from now would go, at the budget's average gap, waiting for the next
 * hour at the hourly cap and for the next day at the daily cap (the warm-up's next day's cap then). The time a
 * send itself takes (a slow network, typing) is `perMessageMs` on top of each gap. Quiet hours and scheduling are
 * the deliveries' own and not counted here.
 */
export function estimateLastSendAt(input: { now: number; messages: number; budget: SendBudget; pace: PaceNow; untilMidnightMs: (at: number) => number; perMessageMs?: number }): number {
  const { budget, pace } = input;
  const gap = meanGapMs(budget) + (input.perMessageMs ?? 0);
  let at = input.now + pace.nextSendInMs;
  let sentHour = pace.sentThisHour;
  let sentDay = pace.sentToday;
  let dayCap = pace.dailyCapToday;
  let day = pace.warmUpDay;
  let hourStart = Math.floor(at / HOUR_MS) * HOUR_MS;
  let dayEnd = at + input.untilMidnightMs(at);
  for (let sent = 0; sent < input.messages; sent += 1) {
    if (sent > 0) at += gap;
    if (at >= dayEnd) {
      const next = nextDay(dayEnd, budget, day, input.untilMidnightMs);
      ({ dayCap, day, sentDay, dayEnd } = next);
    }
    if (at >= hourStart + HOUR_MS) {
      hourStart = Math.floor(at / HOUR_MS) * HOUR_MS;
      sentHour = 0;
    }
    if (budget.hourlyCap && sentHour >= budget.hourlyCap) {
      at = hourStart + HOUR_MS;
      hourStart = at;
      sentHour = 0;
    }
    if (sentDay >= dayCap) {
      ({ at, dayCap, day, sentDay, dayEnd } = nextDay(dayEnd, budget, day, input.untilMidnightMs));
      hourStart = Math.floor(at / HOUR_MS) * HOUR_MS;
      sentHour = 0;
    }
    sentHour += 1;
    sentDay += 1;
  }
  return at;
}

/** The day after the one that ends at `midnight`: its cap (the warm-up's next step), nothing sent yet. */
function nextDay(midnight: number, budget: SendBudget, day: number | undefined, untilMidnightMs: (at: number) => number): { at: number; dayCap: number; day: number | undefined; sentDay: number; dayEnd: number } {
  const next = day === undefined ? undefined : day + 1;
  return { at: midnight, dayCap: next === undefined ? budget.dailyCap : dailyCapOn(budget, next), day: next, sentDay: 0, dayEnd: midnight + untilMidnightMs(midnight) };
}
