import { expect } from 'chai';
import { SortedKeys } from '../../../src/embedded-mongo/indexes/sorted-keys.js';
import { compareBson } from '../../../src/embedded-mongo/indexes/bson-order.js';

type Entry = [unknown[], number];

function entriesOf(keys: SortedKeys): Entry[] {
  const out: Entry[] = [];
  keys.scan(undefined, undefined, (key, rid) => {
    out.push([key as unknown[], rid]);
  });
  return out;
}

const inOrder = (entries: Entry[]): Entry[] =>
  [...entries].sort(([a, ra], [b, rb]) => compareBson(a[0], b[0]) || compareBson(a[1], b[1]) || ra - rb);

/** A fixed sequence of pseudo-random numbers, so a failure can be replayed. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('embedded engine: SortedKeys', () => {
  it('insert, 3,000 compound keys arriving mostly in ascending order with some out of order: scanned in key then record order', () => {
    const random = numbers(7);
    const keys = new SortedKeys(2);
    const entries: Entry[] = [];
    for (let rid = 1; rid <= 3000; rid += 1) {
      const state = random() < 0.8 ? 'sent' : ['queued', 'sending', 'zz'][Math.floor(random() * 3)]!;
      const key = [state, random() < 0.9 ? 'a-2' : 'a-1'];
      const id = random() < 0.9 ? rid : Math.floor(random() * rid);
      entries.push([key, id]);
      keys.insert(key, id);
    }

    expect(entriesOf(keys)).to.deep.equal(inOrder(entries));
    expect(keys.size).to.equal(3000);
  });

  it('remove, half of the entries in random order, then inserts past the end: the rest still in order', () => {
    const random = numbers(11);
    const keys = new SortedKeys(2);
    let entries: Entry[] = [];
    for (let rid = 1; rid <= 2000; rid += 1) {
      const key = [['queued', 'sending', 'sent'][rid % 3]!, 'a-1'];
      entries.push([key, rid]);
      keys.insert(key, rid);
    }
    const removed = entries.filter(() => random() < 0.5);
    for (const [key, rid] of removed) expect(keys.remove([...key], rid)).to.equal(true);
    entries = entries.filter((entry) => !removed.includes(entry));
    for (let rid = 2001; rid <= 2100; rid += 1) {
      entries.push([['sent', 'a-1'], rid]);
      keys.insert(['sent', 'a-1'], rid);
    }

    expect(entriesOf(keys)).to.deep.equal(inOrder(entries));
    expect(keys.remove(['sent', 'a-1'], 99999)).to.equal(false);
  });
});
