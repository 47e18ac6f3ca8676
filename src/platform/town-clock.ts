/** The town's wall clock (TIME_ZONE): quiet hours, daily caps and their days follow it. */

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

/** Milliseconds from `at` to the next local midnight: when a daily cap opens again. */
export function untilLocalMidnightMs(at: Date, timeZone: string): number {
  return (DAY_SECONDS - localClock(at, timeZone).secondsOfDay) * 1000 - (at.getTime() % 1000);
}
