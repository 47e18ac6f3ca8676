import type { Document } from 'bson';
import type { Catalog } from '../storage/catalog.js';
import type { Workspace } from '../storage/workspace.js';
import type { IndexSpec } from '../indexes/collection-index.js';
import type { VersionHistory } from './version-history.js';
import { indexCandidates } from '../indexes/index-plan.js';
import { duplicateKeyError } from '../indexes/duplicate-key.js';
import { idKey } from '../storage/id-key.js';
import { writeConflict } from './transaction-errors.js';

/** Answers whether another open transaction already wrote this document. */
export type WriteOwnerCheck = (self: Transaction, ns: string, key: string) => boolean;

/**
 * One multi-document transaction: reads see the committed state of its snapshot plus its own
 * writes; writes stay private until commit applies them all at once.
 */
export class Transaction implements Workspace {
  /** Per namespace, document key to its new version (null: deleted), in write order. */
  readonly writes = new Map<string, Map<string, Document | null>>();
  private readonly createdCollections: Array<{ db: string; coll: string; options: Document }> = [];
  private readonly createdIndexes: Array<{ db: string; coll: string; spec: IndexSpec }> = [];
  lastUsed = Date.now();

  constructor(
    readonly txnNumber: number,
    private readonly catalog: Catalog,
    private readonly history: VersionHistory,
    readonly snapshot: number,
    private readonly ownedElsewhere: WriteOwnerCheck,
  ) {}

  candidates(db: string, coll: string, filter?: Document): Document[] {
    const ns = `${db}.${coll}`;
    const writes = this.writes.get(ns);
    const changed = this.history.changedSince(ns, this.snapshot);
    const data = this.catalog.collection(db, coll);
    const base = data ? (indexCandidates(data, filter) ?? [...data.docs.values()]) : [];
    const out: Document[] = [];
    for (const doc of base) {
      const key = idKey(doc['_id']);
      if (!writes?.has(key) && !changed.has(key)) out.push(doc);
    }
    for (const [key, before] of changed) if (before && !writes?.has(key)) out.push(before);
    if (writes) for (const doc of writes.values()) if (doc) out.push(doc);
    return out;
  }

  insert(db: string, coll: string, doc: Document): void {
    const key = this.claim(db, coll, doc);
    if (this.visible(db, coll, key)) {
      throw duplicateKeyError(`${db}.${coll}`, '_id_', { _id: 1 }, { _id: doc['_id'] });
    }
    this.checkSecondaryUnique(db, coll, key, doc);
    this.setWrite(`${db}.${coll}`, key, doc);
  }

  replace(db: string, coll: string, _previous: Document, next: Document): void {
    const key = this.claim(db, coll, next);
    this.checkSecondaryUnique(db, coll, key, next);
    this.setWrite(`${db}.${coll}`, key, next);
  }

  remove(db: string, coll: string, doc: Document): void {
    this.setWrite(`${db}.${coll}`, this.claim(db, coll, doc), null);
  }

  exists(db: string, coll: string): boolean {
    return this.catalog.collection(db, coll) !== undefined || this.createdCollections.some((c) => c.db === db && c.coll === coll);
  }

  deferCreateCollection(db: string, coll: string, options: Document): void {
    this.createdCollections.push({ db, coll, options });
  }

  deferCreateIndex(db: string, coll: string, spec: IndexSpec): void {
    this.createdIndexes.push({ db, coll, spec });
  }

  /** Applies everything through the catalog as one all-or-nothing batch. */
  commit(): void {
    this.catalog.transact(() => {
      for (const { db, coll, options } of this.createdCollections) {
        if (!this.catalog.collection(db, coll)) this.catalog.createCollection(db, coll, options);
      }
      for (const [ns, writes] of this.writes) {
        const [db, coll] = splitNamespace(ns);
        const data = this.catalog.ensureCollection(db, coll);
        for (const [key, doc] of writes) {
          const rid = data.ids.get(key);
          if (doc === null) {
            if (rid !== undefined) this.catalog.remove(data, rid);
          } else if (rid === undefined) this.catalog.insert(data, doc);
          else this.catalog.replace(data, rid, doc);
        }
      }
      for (const { db, coll, spec } of this.createdIndexes) {
        const data = this.catalog.ensureCollection(db, coll);
        if (!data.indexes.has(spec.name)) this.catalog.createIndex(data, spec);
      }
    });
  }

  /** First-writer-wins: a document written by another open transaction, or committed since our snapshot, conflicts. */
  private claim(db: string, coll: string, doc: Document): string {
    const ns = `${db}.${coll}`;
    const key = idKey(doc['_id']);
    if (this.ownedElsewhere(this, ns, key) || this.history.hasChangedSince(ns, key, this.snapshot)) throw writeConflict();
    return key;
  }

  private visible(db: string, coll: string, key: string): boolean {
    const ns = `${db}.${coll}`;
    const own = this.writes.get(ns);
    if (own?.has(key)) return own.get(key) !== null;
    return this.catalog.collection(db, coll)?.ids.has(key) === true;
  }

  private checkSecondaryUnique(db: string, coll: string, key: string, doc: Document): void {
    const data = this.catalog.collection(db, coll);
    if (!data) return;
    const own = this.writes.get(`${db}.${coll}`);
    for (const index of data.indexes.values()) {
      if (!index.unique || index.spec.name === '_id_') continue;
      const conflict = index.findConflict(doc, data.ids.get(key) ?? -1);
      const holder = conflict ? data.docs.get(conflict.rid) : undefined;
      if (conflict && holder && !own?.has(idKey(holder['_id']))) {
        throw duplicateKeyError(data.ns, index.spec.name, index.spec.key, conflict.keyValue);
      }
      const ownKeys = index.keysOf(doc);
      for (const [otherKey, other] of own ?? []) {
        if (!other || otherKey === key) continue;
        const clash = index.keysOf(other).find((k) => ownKeys.some((mine) => sameKey(mine, k)));
        if (clash) throw duplicateKeyError(data.ns, index.spec.name, index.spec.key, index.keyValue(clash));
      }
    }
  }

  private setWrite(ns: string, key: string, doc: Document | null): void {
    let writes = this.writes.get(ns);
    if (!writes) {
      writes = new Map();
      this.writes.set(ns, writes);
    }
    // Re-inserting moves the key last, so commit replays writes in the order they were made.
    writes.delete(key);
    writes.set(key, doc);
  }
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => idKey(value) === idKey(b[i]));
}

function splitNamespace(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}
