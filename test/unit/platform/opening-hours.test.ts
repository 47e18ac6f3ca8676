import { expect } from 'chai';
import { DateTime } from 'luxon';
import { easterMonday, ITALIAN_HOLIDAYS, nextOpening, openMsBetween, parseClosedDays, parseWeeklyHours, type OpeningHours } from '../../../src/platform/opening-hours.js';

function hours(weekly: string, closed = ITALIAN_HOLIDAYS): OpeningHours {
  const parsedWeekly = parseWeeklyHours(weekly);
  const parsedClosed = parseClosedDays(closed);
  if (typeof parsedWeekly === 'string' || typeof parsedClosed === 'string') throw new Error(`${String(parsedWeekly)} ${String(parsedClosed)}`);
  return { weekly: parsedWeekly, closed: parsedClosed, timeZone: 'Europe/Rome' };
}
const desk = hours('Mon-Fri 09:00-13:00; Tue,Thu 14:30-17:00');
/** An instant given as Rome's wall clock. */
const rome = (local: string): Date => DateTime.fromISO(local, { zone: 'Europe/Rome' }).toJSDate();

describe('opening hours', () => {
  it('open: nothing to promise; closed for lunch on a long day: the afternoon', () => {
    expect(nextOpening(rome('2026-12-01T10:15:00'), desk)).to.equal(undefined);
    expect(nextOpening(rome('2026-12-01T13:30:00'), desk)?.toISOString()).to.equal(rome('2026-12-01T14:30:00').toISOString());
  });

  it('in the evening: the next morning; on Friday evening: Monday', () => {
    expect(nextOpening(rome('2026-12-02T18:00:00'), desk)?.toISOString()).to.equal(rome('2026-12-03T09:00:00').toISOString());
    expect(nextOpening(rome('2026-11-27T13:00:00'), desk)?.toISOString(), 'the end is not open').to.equal(rome('2026-11-30T09:00:00').toISOString());
  });

  it('public holidays are skipped, Easter Monday included; a one-off closure too', () => {
    // Thursday 24 December 2026 after hours: 25 and 26 are holidays, 27 a Sunday.
    expect(nextOpening(rome('2026-12-24T18:00:00'), desk)?.toISOString()).to.equal(rome('2026-12-28T09:00:00').toISOString());
    expect(easterMonday(2027)).to.equal('2027-03-29');
    expect(easterMonday(2026)).to.equal('2026-04-06');
    expect(nextOpening(rome('2027-03-27T12:00:00'), desk)?.toISOString()).to.equal(rome('2027-03-30T09:00:00').toISOString());
    const withBridge = hours('Mon-Fri 09:00-13:00', `${ITALIAN_HOLIDAYS},2026-12-07`);
    expect(nextOpening(rome('2026-12-04T18:00:00'), withBridge)?.toISOString(), '7 Dec closed, 8 Dec a holiday').to.equal(rome('2026-12-09T09:00:00').toISOString());
  });

  it('the day summer time starts keeps 09:00 on the wall clock', () => {
    // Sunday 29 March 2026, clocks go forward at 02:00 in Rome: Monday 09:00 is 07:00 UTC.
    const open = nextOpening(new Date('2026-03-28T20:00:00Z'), hours('Mon-Sun 09:00-10:00', ''));
    expect(open?.toISOString()).to.equal('2026-03-29T07:00:00.000Z');
  });

  it('all day, every day: always open; a schedule that never opens in two weeks promises nothing', () => {
    expect(nextOpening(new Date('2026-12-02T23:59:30Z'), hours('Mon-Sun 00:00-24:00', ''))).to.equal(undefined);
    expect(nextOpening(rome('2026-08-01T10:00:00'), hours('Mon 09:00-10:00', '08-03,08-10'))).to.equal(undefined);
  });

  it('a schedule that is not one says why', () => {
    expect(parseWeeklyHours('Mon-Fri 9-13')).to.be.a('string').and.contain('9-13');
    expect(parseWeeklyHours('Lun 09:00-13:00')).to.be.a('string').and.contain('Mon');
    expect(parseWeeklyHours('Fri-Mon 09:00-13:00')).to.be.a('string');
    expect(parseWeeklyHours('Mon 13:00-09:00')).to.be.a('string').and.contain('ends before it starts');
    expect(parseWeeklyHours('')).to.equal('names no day');
    expect(parseClosedDays('12-25,31-12')).to.be.a('string').and.contain('31-12');
    expect(parseClosedDays('2026-02-30')).to.be.a('string');
  });
});

describe('the open part of a wait', () => {
  it('Friday noon to Monday 10:00, mornings 09:00-13:00: two hours', () => {
    expect(openMsBetween(rome('2026-11-27T12:00:00'), rome('2026-11-30T10:00:00'), desk)).to.equal(2 * 3_600_000);
  });

  it('within opening hours: all of it; at night: none; over a holiday: only the working days', () => {
    expect(openMsBetween(rome('2026-12-01T10:00:00'), rome('2026-12-01T10:25:00'), desk)).to.equal(25 * 60_000);
    expect(openMsBetween(rome('2026-12-01T20:00:00'), rome('2026-12-02T08:00:00'), desk)).to.equal(0);
    // Thursday 24 December 16:00 to Monday 28 December 09:30: the end of Thursday afternoon and half an hour.
    expect(openMsBetween(rome('2026-12-24T16:00:00'), rome('2026-12-28T09:30:00'), desk)).to.equal(90 * 60_000);
  });
});
