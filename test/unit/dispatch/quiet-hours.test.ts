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

  it('localClock, asked again within the same minute and across midnight in Rome and Kathmandu (UTC+05:45): the wall clock Intl gives', () => {
    const seconds = (hhmmss: string): number => hhmmss.split(':').map(Number).reduce((sum, n) => sum * 60 + n, 0);
    const instants = ['2026-03-28T22:59:58.900Z', '2026-03-28T22:59:59.999Z', '2026-03-28T23:00:00.000Z', '2026-03-29T00:59:59.000Z', '2026-03-29T01:00:30.000Z', '2026-01-15T18:14:59.500Z', '2026-01-15T18:15:00.000Z'];
    for (const timeZone of [ROME, 'Asia/Kathmandu']) {
      for (const iso of instants) {
        const at = new Date(iso);
        const [date, time] = at.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' }).split(' ');

        expect(localClock(at, timeZone), `${iso} in ${timeZone}`).to.deep.equal({ date, secondsOfDay: seconds(time ?? '') });
      }
    }
  });
});
