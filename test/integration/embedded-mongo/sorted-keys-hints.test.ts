import { expect } from 'chai';
import { SortedKeys } from '../../../src/embedded-mongo/indexes/sorted-keys.js';
import { compareBson } from '../../../src/embedded-mongo/indexes/bson-order.js';

type Entry = [unknown[], number];

const byKeyThenRid = ([a, ra]: Entry, [b, rb]: Entry): number => compareBson(a[0], b[0]) || compareBson(a[1], b[1]) || ra - rb;

function entriesOf(keys: SortedKeys): Entry[] {
  const out: Entry[] = [];
  keys.scan(undefined, undefined, (key, rid) => {
    out.push([key as unknown[], rid]);
  });
  return out;
}

/** Xorshift: a fixed sequence in [0, 1), so a failure can be replayed. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

describe('embedded engine: SortedKeys under the moves of a fan-out', () => {
  it('turns of deliveries moved queued → sending → sent, mostly in order, some out of order or absent: the same entries as a sorted list, each removal answered truly', () => {
    const random = xorshift(11);
    const keys = new SortedKeys(2);
    const state = new Map<number, string>();
    const total = 3000;
    for (let rid = 1; rid <= total; rid += 1) {
      const announcement = random() < 0.9 ? 'a-2' : 'a-1';
      state.set(rid, 'queued');
      keys.insert(['queued', announcement], rid);
      state.set(-rid, announcement);
    }
    const move = (rid: number, to: string): void => {
      const announcement = state.get(-rid)!;
      const from = state.get(rid)!;
      expect(keys.remove([from, announcement], rid), `remove ${rid}`).to.equal(true);
      expect(keys.remove([from, announcement], rid), `remove ${rid} again`).to.equal(false);
      keys.insert([to, announcement], rid);
      state.set(rid, to);
    };
    for (let first = 1; first <= total; first += 32) {
      const turn = Array.from({ length: Math.min(32, total - first + 1) }, (_, i) => first + i);
      if (random() < 0.3) turn.reverse();
      if (random() < 0.3) turn.sort(() => random() - 0.5);
      for (const rid of turn) move(rid, 'sending');
      for (const rid of turn) if (random() < 0.95) move(rid, random() < 0.9 ? 'sent' : 'failed');
      expect(keys.remove(['queued', 'a-3'], first)).to.equal(false);

      const expected: Entry[] = [];
      for (let rid = 1; rid <= total; rid += 1) expected.push([[state.get(rid), state.get(-rid)], rid]);
      expect(entriesOf(keys)).to.deep.equal(expected.sort(byKeyThenRid));
      expect(keys.size).to.equal(total);
    }
  });
});
