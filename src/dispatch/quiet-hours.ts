import { localClock, untilLocalMidnightMs } from '../platform/town-clock.js';

export { localClock, untilLocalMidnightMs };

/** Local times `HH:mm` between which a target gets no normal notices; `from` after `to` spans midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

const DAY_SECONDS = 24 * 60 * 60;

function secondsOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60;
}

/**
 * When the quiet period around `at` ends, or undefined when `at` is outside quiet hours. On the two nights
 * a year the clocks change this can be an hour off, which only moves a night-time notice by that hour.
 */
export function quietHoursEnd(quiet: QuietHours | undefined, at: Date, timeZone: string): Date | undefined {
  if (!quiet) return undefined;
  const from = secondsOf(quiet.from);
  const to = secondsOf(quiet.to);
  if (from === to) return undefined;
  const now = localClock(at, timeZone).secondsOfDay;
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return undefined;
  const wait = (to - now + DAY_SECONDS) % DAY_SECONDS;
  return new Date(at.getTime() + wait * 1000 - (at.getTime() % 1000));
}

