import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { coalesce } from '../../../src/platform/coalesce.js';

describe('coalesce', () => {
  it('calls made in the same turn of the event loop run as one batch, each caller getting its own output', async () => {
    const batches: number[][] = [];
    const double = coalesce(async (inputs: readonly number[]) => {
      batches.push([...inputs]);
      return inputs.map((n) => n * 2);
    });

    const outputs = await Promise.all([double(1), double(2), double(3)]);

    expect(outputs).to.deep.equal([2, 4, 6]);
    expect(batches).to.deep.equal([[1, 2, 3]]);
  });

  it('calls made later start a new batch', async () => {
    const batches: number[][] = [];
    const echo = coalesce(async (inputs: readonly number[]) => {
      batches.push([...inputs]);
      return [...inputs];
    });

    const first = echo(1);
    await sleep(5);
    const second = echo(2);

    expect(await Promise.all([first, second])).to.deep.equal([1, 2]);
    expect(batches).to.deep.equal([[1], [2]]);
  });

  it('a batch that fails rejects every call in it, and the next batch runs afresh', async () => {
    let fail = true;
    const flaky = coalesce(async (inputs: readonly string[]) => {
      if (fail) throw new Error('database unreachable');
      return inputs.map((s) => s.toUpperCase());
    });

    const failed = await Promise.allSettled([flaky('a'), flaky('b')]);
    fail = false;

    expect(failed.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).to.deep.equal(['database unreachable', 'database unreachable']);
    expect(await flaky('c')).to.equal('C');
  });
});
