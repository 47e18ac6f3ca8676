import { expect } from 'chai';
import { summarise } from '../../../../src/inbox/conversations/response-stats.js';

const ANSWER_TARGET_MS = 3 * 60 * 60 * 1000;

const minutes = (n: number) => n * 60_000;

describe('answer time statistics', () => {
  it('average, median (the middle two averaged) and the share answered within three hours', () => {
    const waits = [minutes(10), minutes(200), minutes(30), minutes(20)];

    expect(summarise(waits, { waiting: 0 }, ANSWER_TARGET_MS)).to.deep.equal({ answered: 4, averageSeconds: 3900, medianSeconds: 1500, withinTarget: 0.75, waiting: 0 });
  });

  it('an odd count takes the middle answer; exactly three hours is within the target', () => {
    expect(summarise([ANSWER_TARGET_MS, minutes(1), ANSWER_TARGET_MS + 1], { waiting: 2, oldest: new Date('2026-12-02T08:00:00Z') }, ANSWER_TARGET_MS)).to.deep.equal({
      answered: 3,
      averageSeconds: 7220,
      medianSeconds: 10_800,
      withinTarget: 0.67,
      waiting: 2,
      oldestWaitingSince: new Date('2026-12-02T08:00:00Z'),
    });
  });

  it('the share counts against the town\'s own target', () => {
    expect(summarise([minutes(50), minutes(70)], { waiting: 0 }, minutes(60))).to.include({ answered: 2, withinTarget: 0.5 });
  });

  it('without answers only who waits is told', () => {
    expect(summarise([], { waiting: 1, oldest: new Date(0) }, ANSWER_TARGET_MS)).to.deep.equal({ answered: 0, waiting: 1, oldestWaitingSince: new Date(0) });
  });
});
