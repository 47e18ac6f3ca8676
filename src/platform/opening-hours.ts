import { DateTime } from 'luxon';

/**
 * When an office is open: weekly hours on the town's clock, less the days it is closed. Written as staff say it,
 * `Mon-Fri 09:00-13:00; Tue,Thu 14:30-17:00`, and validated once at start-up (`parseWeeklyHours`).
 */
export interface OpeningHours {
  /** Per ISO weekday (1 = Monday … 7 = Sunday), the ranges in minutes after midnight, in order. */
  weekly: ReadonlyMap<number, ReadonlyArray<{ from: number; to: number }>>;
  closed: readonly ClosedDay[];
  timeZone: string;
}

/** `12-25` every year, `2026-12-24` once, or Easter Monday (Pasquetta), which moves. */
export type ClosedDay = { kind: 'yearly'; monthDay: string } | { kind: 'once'; date: string } | { kind: 'easter-monday' };

/** Italy's national public holidays; a town adds its patron saint's day (Florence `06-24`, Milan `12-07`, …). */
export const ITALIAN_HOLIDAYS = '01-01,01-06,easter-monday,04-25,05-01,06-02,08-15,11-01,12-08,12-25,12-26';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** The weekly hours, or the reason the text is not a schedule (for the configuration error). */
export function parseWeeklyHours(text: string): OpeningHours['weekly'] | string {
  const weekly = new Map<number, Array<{ from: number; to: number }>>();
  for (const rule of text.split(';').map((r) => r.trim()).filter(Boolean)) {
    const match = /^(\S+)\s+(.+)$/.exec(rule);
    if (!match) return `"${rule}" is not "<days> <HH:mm-HH:mm>"`;
    const days = daysOf(match[1]!.toLowerCase());
    if (typeof days === 'string') return days;
    for (const range of match[2]!.split(',').map((r) => r.trim())) {
      const [from, to, extra] = range.split('-');
      if (extra !== undefined || !from || !to || !TIME.test(from) || !TIME.test(to)) return `"${range}" is not HH:mm-HH:mm`;
      const span = { from: minutesOf(from), to: minutesOf(to) };
      if (span.from >= span.to) return `"${range}" ends before it starts`;
      for (const day of days) weekly.set(day, [...(weekly.get(day) ?? []), span].sort((a, b) => a.from - b.from));
    }
  }
  if (weekly.size === 0) return 'names no day';
  return weekly;
}

/** The closed days, or the reason the text is not a list of them. */
export function parseClosedDays(text: string): ClosedDay[] | string {
  const days: ClosedDay[] = [];
  for (const item of text.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean)) {
    if (item === 'easter-monday') days.push({ kind: 'easter-monday' });
    else if (/^\d{2}-\d{2}$/.test(item) && DateTime.fromISO(`2024-${item}`).isValid) days.push({ kind: 'yearly', monthDay: item });
    else if (/^\d{4}-\d{2}-\d{2}$/.test(item) && DateTime.fromISO(item).isValid) days.push({ kind: 'once', date: item });
    else return `"${item}" is not MM-DD, YYYY-MM-DD or easter-monday`;
  }
  return days;
}

/**
 * When the office next opens after `at`, or undefined when it is open at `at` (or opens on none of the next
 * fourteen days: better to promise nothing than a wrong day). Local times on the town's clock, so a change to or
 * from summer time moves nothing.
 */
export function nextOpening(at: Date, hours: OpeningHours): Date | undefined {
  const now = DateTime.fromJSDate(at, { zone: hours.timeZone });
  for (let offset = 0; offset <= 14; offset += 1) {
    const day = now.startOf('day').plus({ days: offset });
    if (isClosed(day, hours.closed)) continue;
    for (const { from, to } of hours.weekly.get(day.weekday) ?? []) {
      const opens = atMinute(day, from);
      if (offset === 0 && now >= opens && now < atMinute(day, to)) return undefined;
      if (opens > now) return opens.toJSDate();
    }
  }
  return undefined;
}

/**
 * How much of `from` → `to` the office was open: the part of a wait that counts against staff. A wait from
 * Friday 12:00 to Monday 10:00 with mornings 09:00-13:00 is two hours. Days beyond a year are not counted.
 */
export function openMsBetween(from: Date, to: Date, hours: OpeningHours): number {
  if (to <= from) return 0;
  const start = DateTime.fromJSDate(from, { zone: hours.timeZone });
  const end = DateTime.fromJSDate(to, { zone: hours.timeZone });
  let open = 0;
  for (let day = start.startOf('day'), n = 0; day < end && n <= 366; day = day.plus({ days: 1 }), n += 1) {
    if (isClosed(day, hours.closed)) continue;
    for (const range of hours.weekly.get(day.weekday) ?? []) {
      const overlapStart = DateTime.max(atMinute(day, range.from), start);
      const overlapEnd = DateTime.min(atMinute(day, range.to), end);
      if (overlapEnd > overlapStart) open += overlapEnd.toMillis() - overlapStart.toMillis();
    }
  }
  return open;
}

/** The wall-clock time `minutes` after the day's midnight (set, not added: a summer-time change keeps 09:00 at 09:00). */
function atMinute(day: DateTime, minutes: number): DateTime {
  return minutes >= 24 * 60 ? day.plus({ days: 1 }) : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
}

function isClosed(day: DateTime, closed: readonly ClosedDay[]): boolean {
  const iso = day.toISODate() ?? '';
  return closed.some((c) => (c.kind === 'once' ? c.date === iso : c.kind === 'yearly' ? iso.endsWith(`-${c.monthDay}`) : iso === easterMonday(day.year)));
}

/**
 * "lunedì 7 dicembre alle ore 09:00", "12月7日星期一 09:00": a weekday and date nobody can misread, on the town's
 * clock and in the Gregorian calendar (Persian would otherwise date it in the Solar Hijri one), as the office's
 * letters and appointments are.
 */
export function formatOnTownClock(at: Date, language: string, timeZone: string): string {
  const options = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone, calendar: 'gregory' } as const;
  return new Intl.DateTimeFormat(language, options).format(at);
}

/** Easter Monday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher), as YYYY-MM-DD. */
export function easterMonday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day).plus({ days: 1 }).toISODate() ?? '';
}

function daysOf(text: string): number[] | string {
  const days: number[] = [];
  for (const part of text.split(',')) {
    const [first, last, extra] = part.split('-');
    const from = DAYS.indexOf(first ?? '');
    const to = last === undefined ? from : DAYS.indexOf(last);
    if (extra !== undefined || from < 0 || to < 0 || to < from) return `"${part}" is not a day or a range of days (Mon … Sun)`;
    for (let day = from; day <= to; day += 1) days.push(day + 1);
  }
  return days;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
