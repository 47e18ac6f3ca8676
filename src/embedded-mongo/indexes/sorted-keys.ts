import { compareBson } from './bson-order.js';

export interface KeyEntry {
  key: unknown[];
  rid: number;
}

export interface KeyBound {
  /** A prefix of the index key; fields past its length are unconstrained. */
  key: unknown[];
  inclusive: boolean;
}

const CHUNK_MAX = 512;

export function comparePrefix(key: unknown[], prefix: unknown[]): number {
  for (let i = 0; i < prefix.length; i += 1) {
    const c = compareBson(key[i], prefix[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function compareEntries(a: KeyEntry, b: KeyEntry): number {
  const c = comparePrefix(a.key, b.key);
  return c !== 0 ? c : a.rid - b.rid;
}

/**
 * Index entries kept in BSON order as a list of small sorted chunks: inserts and lookups cost
 * O(log n) comparisons plus a copy of at most one chunk, whatever the collection size.
 */
export class SortedKeys {
  private chunks: KeyEntry[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  insert(entry: KeyEntry): void {
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      this.count = 1;
      return;
    }
    const ci = this.chunkFor(entry);
    const chunk = this.chunks[ci]!;
    chunk.splice(lowerIndex(chunk, entry), 0, entry);
    this.count += 1;
    if (chunk.length > CHUNK_MAX) this.chunks.splice(ci + 1, 0, chunk.splice(CHUNK_MAX / 2));
  }

  remove(entry: KeyEntry): boolean {
    if (this.chunks.length === 0) return false;
    const ci = this.chunkFor(entry);
    const chunk = this.chunks[ci]!;
    const i = lowerIndex(chunk, entry);
    const found = chunk[i];
    if (!found || compareEntries(found, entry) !== 0) return false;
    chunk.splice(i, 1);
    this.count -= 1;
    if (chunk.length === 0) this.chunks.splice(ci, 1);
    return true;
  }

  /** Record ids whose key lies within the bounds, in key order. */
  *range(lower?: KeyBound, upper?: KeyBound): Generator<KeyEntry> {
    let ci = 0;
    let i = 0;
    if (lower) [ci, i] = this.seek(lower);
    for (; ci < this.chunks.length; ci += 1, i = 0) {
      const chunk = this.chunks[ci]!;
      for (; i < chunk.length; i += 1) {
        const entry = chunk[i]!;
        if (upper) {
          const c = comparePrefix(entry.key, upper.key);
          if (c > 0 || (c === 0 && !upper.inclusive)) return;
        }
        yield entry;
      }
    }
  }

  *all(): Generator<KeyEntry> {
    for (const chunk of this.chunks) yield* chunk;
  }

  private seek(bound: KeyBound): [number, number] {
    const passes = (entry: KeyEntry): boolean => {
      const c = comparePrefix(entry.key, bound.key);
      return bound.inclusive ? c >= 0 : c > 0;
    };
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (passes(chunk[chunk.length - 1]!)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === this.chunks.length) return [lo, 0];
    const chunk = this.chunks[lo]!;
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (passes(chunk[mid]!)) b = mid;
      else a = mid + 1;
    }
    return [lo, a];
  }

  private chunkFor(entry: KeyEntry): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (compareEntries(chunk[chunk.length - 1]!, entry) >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function lowerIndex(chunk: KeyEntry[], entry: KeyEntry): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEntries(chunk[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
