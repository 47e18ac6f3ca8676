import { expect } from 'chai';
import { estimateLastSendAt } from '../../../src/chat-accounts/index.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** A town on UTC: midnight every 24 h from the epoch. */
const untilMidnightMs = (at: number): number => DAY - (at % DAY);
const idle = { sentThisHour: 0, sentToday: 0, dailyCapToday: 1000, nextSendInMs: 0 };
const NOON = 12 * HOUR;

describe('send estimate', () => {
  it('messages within the caps, go one average gap apart from the next free moment', () => {
    const budget = { minIntervalMs: 30_000, maxIntervalMs: 60_000, dailyCap: 1000 };
    expect(estimateLastSendAt({ now: NOON, messages: 11, budget, pace: { ...idle, nextSendInMs: 5000 }, untilMidnightMs })).to.equal(NOON + 5000 + 10 * 45_000);
  });

  it('one message on a free account, goes now', () => {
    expect(estimateLastSendAt({ now: NOON, messages: 1, budget: { minIntervalMs: 1000, dailyCap: 10 }, pace: idle, untilMidnightMs })).to.equal(NOON);
  });

  it('past the hourly cap, the rest waits for the next clock hour', () => {
    const budget = { minIntervalMs: 1000, maxIntervalMs: 1000, hourlyCap: 10, dailyCap: 1000 };
    expect(estimateLastSendAt({ now: NOON, messages: 12, budget, pace: { ...idle, sentThisHour: 5 }, untilMidnightMs })).to.equal(NOON + HOUR + 6 * 1000);
  });

  it('past the daily cap, the rest waits for midnight, and a warming-up number gets its next day’s cap', () => {
    const budget = { minIntervalMs: 1000, maxIntervalMs: 1000, dailyCap: 100, warmUp: { days: 10, firstDayCap: 10 } };
    const at = estimateLastSendAt({ now: NOON, messages: 30, budget, pace: { ...idle, dailyCapToday: 10, warmUpDay: 0 }, untilMidnightMs });
    // 10 today; day 1's cap is 19: 19 tomorrow from midnight; the last one the day after, at midnight.
    expect(at).to.equal(2 * DAY);
  });

  it('the time of each send itself, is added to every gap', () => {
    const budget = { minIntervalMs: 1000, maxIntervalMs: 1000, dailyCap: 1000 };
    expect(estimateLastSendAt({ now: NOON, messages: 3, budget, pace: idle, untilMidnightMs, perMessageMs: 500 })).to.equal(NOON + 2 * 1500);
  });
});
