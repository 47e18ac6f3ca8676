import { compareBson } from './bson-order.js';

/**
 * An index key: the value itself for a single-field index, one value per field otherwise.
 * Single-field keys go unwrapped because a one-element array per entry costs more memory than
 * the documents' own fields (measured: about 240 bytes per entry with the array and its object).
 */
export type IndexKey = unknown;

export interface KeyBound {
  /** A prefix of the index fields' values; fields past its length are unconstrained. */
  key: unknown[];
  inclusive: boolean;
}

/** Told each entry in scan order; returning false stops the scan. */
export type KeyVisitor = (key: IndexKey, rid: number) => boolean | void;

/** Entries as two parallel arrays, so an entry costs two array slots and no object of its own. */
interface Chunk {
  keys: IndexKey[];
  rids: number[];
}

const CHUNK_MAX = 512;

interface Position {
  chunk: number;
  index: number;
}

/**
 * Index entries kept in ascending BSON order (record id breaking ties) as a list of small
 * sorted chunks: inserts and lookups cost O(log n) comparisons plus a copy of at most one
 * chunk, whatever the collection size. Scans run forwards or backwards between prefix bounds.
 */
export class SortedKeys {
  private chunks: Chunk[] = [];
  private count = 0;
  /**
   * Where the next insert and the next removal are expected: one turn claims deliveries one after another, so
   * each moves its entry from next to the previous one's old place to next to the previous one's new place.
   * Only a guess, checked against its neighbours before use: a wrong or outdated one costs two comparisons.
   */
  private insertHint: Position = { chunk: -1, index: 0 };
  private removeHint: Position = { chunk: -1, index: 0 };

  constructor(private readonly width: number) {}

  get size(): number {
    return this.count;
  }

  /** The value of field `i` of a key. */
  field(key: IndexKey, i: number): unknown {
    return this.width === 1 ? key : (key as unknown[])[i];
  }

  insert(key: IndexKey, rid: number): void {
    this.count += 1;
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: [key], rids: [rid] });
      return;
    }
    const last = this.chunks.length - 1;
    const tail = this.chunks[last]!;
    // New documents get the highest record id, and often the highest key too (an ObjectId `_id`, the newest
    // state of the newest announcement): such an entry goes at the end without a search.
    const atEnd = this.compareEntries(tail.keys[tail.keys.length - 1], tail.rids[tail.rids.length - 1]!, key, rid) < 0;
    let ci: number;
    let i: number;
    if (atEnd) {
      ci = last;
      i = tail.keys.length;
    } else if (this.fitsInsertHint(key, rid)) {
      ({ chunk: ci, index: i } = this.insertHint);
    } else {
      ci = this.chunkFor(key, rid);
      i = this.lowerIndex(this.chunks[ci]!, key, rid);
    }
    const chunk = this.chunks[ci]!;
    if (i === chunk.keys.length) {
      chunk.keys.push(key);
      chunk.rids.push(rid);
    } else {
      chunk.keys.splice(i, 0, key);
      chunk.rids.splice(i, 0, rid);
    }
    this.insertHint = { chunk: ci, index: i + 1 };
    if (chunk.keys.length > CHUNK_MAX) {
      this.chunks.splice(ci + 1, 0, { keys: chunk.keys.splice(CHUNK_MAX / 2), rids: chunk.rids.splice(CHUNK_MAX / 2) });
      this.insertHint = i + 1 > CHUNK_MAX / 2 ? { chunk: ci + 1, index: i + 1 - CHUNK_MAX / 2 } : this.insertHint;
    }
  }

  /** True when the entry belongs right before the hinted position: after the entry before it, not after the one at it. */
  private fitsInsertHint(key: IndexKey, rid: number): boolean {
    const { chunk: ci, index: i } = this.insertHint;
    const chunk = this.chunks[ci];
    if (!chunk || i < 1 || i > chunk.keys.length) return false;
    if (this.compareEntries(chunk.keys[i - 1], chunk.rids[i - 1]!, key, rid) >= 0) return false;
    // At the end of its chunk, the entry must also come before the next chunk's first.
    const next = i < chunk.keys.length ? chunk : this.chunks[ci + 1];
    const j = i < chunk.keys.length ? i : 0;
    return next !== undefined && this.compareEntries(key, rid, next.keys[j], next.rids[j]!) < 0;
  }

  remove(key: IndexKey, rid: number): boolean {
    if (this.chunks.length === 0) return false;
    const hinted = this.chunks[this.removeHint.chunk];
    const atHint = hinted !== undefined && this.holds(hinted, this.removeHint.index, key, rid);
    const ci = atHint ? this.removeHint.chunk : this.chunkFor(key, rid);
    const chunk = this.chunks[ci]!;
    const i = atHint ? this.removeHint.index : this.lowerIndex(chunk, key, rid);
    if (!atHint && !this.holds(chunk, i, key, rid)) return false;
    chunk.keys.splice(i, 1);
    chunk.rids.splice(i, 1);
    this.count -= 1;
    // The entry after this one now sits where it was: the next of the turn is removed from here.
    this.removeHint = { chunk: ci, index: i };
    if (chunk.keys.length === 0) this.chunks.splice(ci, 1);
    return true;
  }

  private holds(chunk: Chunk, i: number, key: IndexKey, rid: number): boolean {
    return i < chunk.keys.length && chunk.rids[i] === rid && this.compareEntries(chunk.keys[i], rid, key, rid) === 0;
  }

  /** Visits the entries within the bounds in key order, or in reverse order. */
  scan(lower: KeyBound | undefined, upper: KeyBound | undefined, visit: KeyVisitor, reverse = false): void {
    if (reverse) this.scanBackward(lower, upper, visit);
    else this.scanForward(lower, upper, visit);
  }

  private scanForward(lower: KeyBound | undefined, upper: KeyBound | undefined, visit: KeyVisitor): void {
    let [ci, i] = lower ? this.firstWhere((key) => this.passesLower(key, lower)) : [0, 0];
    for (; ci < this.chunks.length; ci += 1, i = 0) {
      const { keys, rids } = this.chunks[ci]!;
      for (; i < keys.length; i += 1) {
        if (upper && !this.passesUpper(keys[i], upper)) return;
        if (visit(keys[i], rids[i]!) === false) return;
      }
    }
  }

  private scanBackward(lower: KeyBound | undefined, upper: KeyBound | undefined, visit: KeyVisitor): void {
    let [ci, i] = upper ? this.firstWhere((key) => !this.passesUpper(key, upper)) : [this.chunks.length, 0];
    // Step back from the first entry past the upper bound to the last one within it.
    for (i -= 1; ci >= 0; ci -= 1, i = (this.chunks[ci]?.keys.length ?? 0) - 1) {
      const chunk = this.chunks[ci];
      if (!chunk) continue;
      for (; i >= 0; i -= 1) {
        if (lower && !this.passesLower(chunk.keys[i], lower)) return;
        if (visit(chunk.keys[i], chunk.rids[i]!) === false) return;
      }
    }
  }

  private passesLower(key: IndexKey, bound: KeyBound): boolean {
    const c = this.compareToPrefix(key, bound.key);
    return bound.inclusive ? c >= 0 : c > 0;
  }

  private passesUpper(key: IndexKey, bound: KeyBound): boolean {
    const c = this.compareToPrefix(key, bound.key);
    return bound.inclusive ? c <= 0 : c < 0;
  }

  private compareToPrefix(key: IndexKey, prefix: unknown[]): number {
    if (this.width === 1) return prefix.length === 0 ? 0 : compareBson(key, prefix[0]);
    const values = key as unknown[];
    for (let i = 0; i < prefix.length; i += 1) {
      // Most fields of neighbouring keys hold the same value (one state, one announcement): no need to order them.
      if (values[i] === prefix[i]) continue;
      const c = compareBson(values[i], prefix[i]);
      if (c !== 0) return c;
    }
    return 0;
  }

  private compareEntries(a: IndexKey, ridA: number, b: IndexKey, ridB: number): number {
    if (this.width === 1) return compareBson(a, b) || ridA - ridB;
    return this.compareToPrefix(a, b as unknown[]) || ridA - ridB;
  }

  /** Position of the first entry for which `test` holds; `test` must be false then true in key order. */
  private firstWhere(test: (key: IndexKey) => boolean): [number, number] {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const { keys } = this.chunks[mid]!;
      if (test(keys[keys.length - 1])) hi = mid;
      else lo = mid + 1;
    }
    if (lo === this.chunks.length) return [lo, 0];
    const { keys } = this.chunks[lo]!;
    let a = 0;
    let b = keys.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (test(keys[mid])) b = mid;
      else a = mid + 1;
    }
    return [lo, a];
  }

  private chunkFor(key: IndexKey, rid: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const { keys, rids } = this.chunks[mid]!;
      const last = keys.length - 1;
      if (this.compareEntries(keys[last], rids[last]!, key, rid) >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private lowerIndex(chunk: Chunk, key: IndexKey, rid: number): number {
    let lo = 0;
    let hi = chunk.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareEntries(chunk.keys[mid], chunk.rids[mid]!, key, rid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
