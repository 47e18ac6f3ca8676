import type { Document } from 'bson';

/**
 * A collection's documents by record id. Record ids are handed out in increasing order, so an
 * array indexed by id holds them in 8 bytes a slot, where a Map entry costs about five times as
 * much; a removed document leaves an empty slot, and ids are never reused.
 */
export class DocumentTable {
  private readonly slots: Array<Document | undefined> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(rid: number): Document | undefined {
    return this.slots[rid];
  }

  set(rid: number, doc: Document): void {
    if (this.slots[rid] === undefined) this.count += 1;
    // Filling the gap with undefined keeps the array's elements packed rather than sparse.
    while (this.slots.length < rid) this.slots.push(undefined);
    this.slots[rid] = doc;
  }

  delete(rid: number): boolean {
    if (this.slots[rid] === undefined) return false;
    this.slots[rid] = undefined;
    this.count -= 1;
    return true;
  }

  *values(): Generator<Document> {
    for (const doc of this.slots) if (doc !== undefined) yield doc;
  }

  *entries(): Generator<[number, Document]> {
    for (let rid = 0; rid < this.slots.length; rid += 1) {
      const doc = this.slots[rid];
      if (doc !== undefined) yield [rid, doc];
    }
  }
}
