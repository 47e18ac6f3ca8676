import { ObjectId, type Document } from 'bson';
import { CollectionIndex, type IndexSpec } from '../indexes/collection-index.js';
import { compareBson } from '../indexes/bson-order.js';
import type { IndexKey } from '../indexes/sorted-keys.js';
import { duplicateKeyError } from '../indexes/duplicate-key.js';
import { idKey } from './id-key.js';
import { DocumentTable } from './document-table.js';

export interface IndexChange {
  index: CollectionIndex;
  before: IndexKey[];
  after: IndexKey[];
}

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * One collection's committed documents and indexes. Stored documents are never mutated in
 * place: an update swaps in a new object, so cursors and transactions may hold references.
 */
export class CollectionData {
  readonly docs = new DocumentTable();
  readonly ids = new Map<string, number>();
  readonly indexes = new Map<string, CollectionIndex>();
  private nextRid = 1;
  /** `db.name`, built once: every committed change asks for it. */
  readonly ns: string;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document,
    readonly uuid: Buffer,
  ) {
    this.ns = `${db}.${name}`;
    this.indexes.set('_id_', new CollectionIndex(ID_INDEX_SPEC));
  }


  ridOf(id: unknown): number | undefined {
    return this.ids.get(idKey(id));
  }

  /** Raises the E11000 MongoDB would answer if `doc` were stored under `rid` (checking only `indexes`, if given). */
  checkUnique(doc: Document, rid: number, indexes: Iterable<CollectionIndex> = this.indexes.values()): void {
    const existing = this.ids.get(idKey(doc['_id']));
    if (existing !== undefined && existing !== rid) {
      throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc['_id'] });
    }
    this.checkSecondaryUnique(doc, rid, indexes);
  }

  /**
   * checkUnique without the `_id` check, for a new version of the document stored under `rid`: an update cannot
   * change `_id`, so the record found by it is this one.
   */
  checkSecondaryUnique(doc: Document, rid: number, indexes: Iterable<CollectionIndex>): void {
    for (const index of indexes) {
      if (index.spec.name === '_id_') continue;
      const conflict = index.findConflict(doc, rid);
      if (conflict) throw duplicateKeyError(this.ns, index.spec.name, index.spec.key, conflict.keyValue);
    }
  }

  insert(doc: Document, checked = true): number {
    const rid = this.nextRid++;
    if (checked) this.checkUnique(doc, rid);
    this.restore(rid, doc);
    return rid;
  }

  /** Puts a document back under its old record id (undoing a removal). */
  restore(rid: number, doc: Document): void {
    this.docs.set(rid, doc);
    this.ids.set(idKey(doc['_id']), rid);
    for (const index of this.indexes.values()) index.add(doc, rid);
  }

  /** The indexes whose keys change when `doc` replaces the document under `rid`, with both sets of keys. */
  indexChanges(rid: number, doc: Document): IndexChange[] {
    const old = this.docs.get(rid);
    if (!old) throw new Error(`record ${rid} vanished from ${this.ns}`);
    // Most updates change a field or two: an index whose keys stay the same is neither checked nor touched.
    const changed: IndexChange[] = [];
    for (const index of this.indexes.values()) {
      // Top-level fields holding the very same value (an update shares what it leaves alone) give the same keys.
      if (index.topLevel && sameFields(index.fields, old, doc)) continue;
      const before = index.keysOf(old);
      const after = index.keysOf(doc);
      if (!sameKeys(before, after)) changed.push({ index, before, after });
    }
    return changed;
  }

  /** Swaps in `doc` under `rid`, moving the keys of the indexes `changes` lists. */
  replace(rid: number, doc: Document, checked = true, changes = this.indexChanges(rid, doc)): void {
    if (checked) this.checkUnique(doc, rid, changes.map((c) => c.index));
    for (const { index, before } of changes) index.removeKeys(before, rid);
    this.docs.set(rid, doc);
    for (const { index, after } of changes) index.addKeys(after, rid);
  }

  remove(rid: number): Document | undefined {
    const old = this.docs.get(rid);
    if (!old) return undefined;
    for (const index of this.indexes.values()) index.remove(old, rid);
    this.docs.delete(rid);
    this.ids.delete(idKey(old['_id']));
    return old;
  }

  /** Builds the index over the existing documents, refusing it if they already break uniqueness. */
  addIndex(spec: IndexSpec): void {
    const index = new CollectionIndex(spec);
    for (const [rid, doc] of this.docs.entries()) {
      const conflict = index.findConflict(doc, rid);
      if (conflict) throw duplicateKeyError(this.ns, spec.name, spec.key, conflict.keyValue);
      index.add(doc, rid);
    }
    this.indexes.set(spec.name, index);
  }
}

function sameFields(fields: string[], a: Document, b: Document): boolean {
  for (const field of fields) if (a[field] !== b[field]) return false;
  return true;
}

/**
 * The same index keys, value for value and of the same stored types (1 and 1.0 compare equal but are kept as
 * they were written).
 */
function sameKeys(a: IndexKey[], b: IndexKey[]): boolean {
  return a.length === b.length && a.every((key, i) => sameValue(key, b[i]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return (a as object).constructor === (b as object).constructor && compareBson(a, b) === 0;
}

/** MongoDB puts a missing `_id` first, as an ObjectId. */
export function withId(doc: Document): Document {
  if (doc['_id'] !== undefined) return doc;
  return { _id: new ObjectId(), ...doc };
}
