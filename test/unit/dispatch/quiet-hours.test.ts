import { expect } from 'chai';
import { localClock, quietHoursEnd, untilLocalMidnightMs } from '../../../src/dispatch/quiet-hours.js';

const ROME = 'Europe/Rome';
const night = { from: '22:00', to: '07:00' };

describe('quiet hours', () => {
  it('23:30 in Rome, inside 22:00–07:00: postponed to 07:00 the next morning, Rome time', () => {
    const at = new Date('2026-01-15T22:30:00Z'); // 23:30 in Rome (UTC+1)

    const end = quietHoursEnd(night, at, ROME);

    expect(end?.toISOString()).to.equal('2026-01-16T06:00:00.000Z');
  });

  it('03:00 in Rome, after midnight: postponed to 07:00 the same morning', () => {
    expect(quietHoursEnd(night, new Date('2026-07-15T01:00:00Z'), ROME)?.toISOString()).to.equal('2026-07-15T05:00:00.000Z');
  });

  it('12:00 in Rome, outside quiet hours, or no quiet hours: no postponement', () => {
    expect(quietHoursEnd(night, new Date('2026-01-15T11:00:00Z'), ROME)).to.equal(undefined);
    expect(quietHoursEnd(undefined, new Date('2026-01-15T23:00:00Z'), ROME)).to.equal(undefined);
  });

  it('a daytime window 13:00–15:00: 14:00 is quiet until 15:00, 15:00 is not', () => {
    const lunch = { from: '13:00', to: '15:00' };
    expect(quietHoursEnd(lunch, new Date('2026-01-15T13:00:00Z'), ROME)?.toISOString()).to.equal('2026-01-15T14:00:00.000Z');
    expect(quietHoursEnd(lunch, new Date('2026-01-15T14:00:00Z'), ROME)).to.equal(undefined);
  });
});

describe('local clock and daily cap day', () => {
  it('23:30 UTC on 15 January is 16 January in Rome; the cap reopens at Rome midnight, 30 min after 23:30 Rome', () => {
    expect(localClock(new Date('2026-01-15T23:30:00Z'), ROME).date).to.equal('2026-01-16');
    expect(untilLocalMidnightMs(new Date('2026-01-15T22:30:00Z'), ROME)).to.equal(30 * 60_000);
  });
});
