import { expect } from 'chai';
import { ArrivalOrder } from '../../../../src/inbox/intake/arrival-order.js';

describe('arrival order of each citizen’s messages', () => {
  it('a later message of the same citizen, goes only once the earlier one has left', async () => {
    const order = new ArrivalOrder(5000);
    order.arrived('anna', 'm1');
    order.arrived('anna', 'm2');
    const went: string[] = [];

    const second = order.turn('anna', 'm2').then((outcome) => went.push(`m2:${outcome}`));
    const first = await order.turn('anna', 'm1');
    went.push(`m1:${first}`);
    order.left('m1');
    await second;

    expect(went).to.deep.equal(['m1:go', 'm2:go']);
  });

  it('messages of different citizens, go at once whatever came before', async () => {
    const order = new ArrivalOrder(5000);
    order.arrived('anna', 'a1');
    order.arrived('bashir', 'b1');

    const outcomes = await Promise.all([order.turn('bashir', 'b1'), order.turn('anna', 'a1')]);

    expect(outcomes).to.deep.equal(['go', 'go']);
  });

  it('an earlier message that does not finish in time, sends the later one back to wait (not_yet) and keeps its own place', async () => {
    const order = new ArrivalOrder(20);
    order.arrived('anna', 'm1');
    order.arrived('anna', 'm2');

    const later = await order.turn('anna', 'm2');
    const earlier = await order.turn('anna', 'm1');

    expect(later).to.equal('not_yet');
    expect(earlier).to.equal('go');
  });

  it('a message delivered again while in line, keeps its first place', async () => {
    const order = new ArrivalOrder(20);
    order.arrived('anna', 'm1');
    order.arrived('anna', 'm2');
    order.arrived('anna', 'm1');

    expect(await order.turn('anna', 'm2')).to.equal('not_yet');
    expect(await order.turn('anna', 'm1')).to.equal('go');
  });

  it('a line whose messages have all left, is forgotten (memory follows the messages in flight)', async () => {
    const order = new ArrivalOrder(20);
    order.arrived('anna', 'm1');
    order.arrived('bashir', 'b1');

    order.left('m1');
    order.left('b1');
    order.left('unknown');

    expect(order.size).to.equal(0);
  });
});
