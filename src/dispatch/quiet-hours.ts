/** Local times `HH:mm` between which a target gets no normal notices; `from` after `to` spans midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

const DAY_SECONDS = 24 * 60 * 60;

// Building a DateTimeFormat costs far more than formatting with one; pacing asks for the local date twice a send.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The local date and second of the day at the start of the last minute asked about, per time zone. */
const lastMinute = new Map<string, { minute: number; date: string; secondsOfDay: number }>();

/**
 * Date and second of the day at `at` on the wall clock of `timeZone`. Pacing asks twice a send, and even a
 * cached format's formatToParts costs tens of microseconds, so the answer is kept for the rest of its minute
 * (every zone's offset today is a whole number of minutes, so a minute never straddles midnight).
 */
export function localClock(at: Date, timeZone: string): { date: string; secondsOfDay: number } {
  const minute = Math.floor(at.getTime() / 60_000);
  let cached = lastMinute.get(timeZone);
  if (cached?.minute !== minute) {
    const parts = Object.fromEntries(
      formatIn(timeZone)
        .formatToParts(new Date(minute * 60_000))
        .map((p) => [p.type, p.value]),
    );
    cached = { minute, date: `${parts.year}-${parts.month}-${parts.day}`, secondsOfDay: Number(parts.hour) * 3600 + Number(parts.minute) * 60 };
    lastMinute.set(timeZone, cached);
  }
  return { date: cached.date, secondsOfDay: cached.secondsOfDay + Math.floor((at.getTime() - minute * 60_000) / 1000) };
}

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

/** Milliseconds from `at` to the next local midnight: when a daily cap opens again. */
export function untilLocalMidnightMs(at: Date, timeZone: string): number {
  return (DAY_SECONDS - localClock(at, timeZone).secondsOfDay) * 1000 - (at.getTime() % 1000);
}
