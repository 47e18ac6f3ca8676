import { randomBytes } from 'node:crypto';
import type { Document } from 'bson';
import { CollectionData } from './collection-data.js';
import type { Change } from './change.js';
import type { IndexSpec } from '../indexes/collection-index.js';
import { namespaceExists, namespaceNotFound } from '../mongo-error.js';

/**
 * Every database and collection of the engine. Each mutation is applied in memory and handed
 * to `record` in the same synchronous step, so the journal sees changes in the order applied.
 */
export class Catalog {
  private readonly dbs = new Map<string, Map<string, CollectionData>>();

  constructor(private readonly record: (change: Change) => void) {}

  databaseNames(): string[] {
    return [...this.dbs.keys()];
  }

  collections(db: string): CollectionData[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  collection(db: string, name: string): CollectionData | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** Writes create their collection implicitly, as MongoDB does. */
  ensureCollection(db: string, name: string): CollectionData {
    return this.collection(db, name) ?? this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Document): CollectionData {
    if (this.collection(db, name)) throw namespaceExists(`Collection ${db}.${name} already exists.`);
    const uuid = randomBytes(16);
    this.record({ op: 'create', db, coll: name, options, uuid });
    return this.attach(db, name, options, uuid);
  }

  dropCollection(db: string, name: string): CollectionData {
    const coll = this.collection(db, name);
    if (!coll) throw namespaceNotFound('ns not found');
    this.record({ op: 'drop', db, coll: name });
    this.detach(db, name);
    return coll;
  }

  dropDatabase(db: string): void {
    if (!this.dbs.has(db)) return;
    this.record({ op: 'dropDatabase', db });
    this.dbs.delete(db);
  }

  createIndex(coll: CollectionData, spec: IndexSpec): void {
    coll.addIndex(spec);
    this.record({ op: 'index', db: coll.db, coll: coll.name, spec });
  }

  dropIndex(coll: CollectionData, name: string): void {
    coll.indexes.delete(name);
    this.record({ op: 'dropIndex', db: coll.db, coll: coll.name, name });
  }

  insert(coll: CollectionData, doc: Document): void {
    coll.insert(doc);
    this.record({ op: 'put', db: coll.db, coll: coll.name, doc });
  }

  replace(coll: CollectionData, rid: number, doc: Document): void {
    coll.replace(rid, doc);
    this.record({ op: 'put', db: coll.db, coll: coll.name, doc });
  }

  remove(coll: CollectionData, rid: number): void {
    const old = coll.remove(rid);
    if (old) this.record({ op: 'del', db: coll.db, coll: coll.name, id: old['_id'] });
  }

  /** Replays a recorded change during recovery: no checks, no recording. */
  replay(change: Change): void {
    switch (change.op) {
      case 'create':
        if (!this.collection(change.db, change.coll)) this.attach(change.db, change.coll, change.options, change.uuid);
        return;
      case 'drop':
        this.detach(change.db, change.coll);
        return;
      case 'dropDatabase':
        this.dbs.delete(change.db);
        return;
      case 'index':
        this.replayTarget(change).addIndex(change.spec);
        return;
      case 'dropIndex':
        this.replayTarget(change).indexes.delete(change.name);
        return;
      case 'put': {
        const coll = this.replayTarget(change);
        const rid = coll.ridOf(change.doc['_id']);
        if (rid === undefined) coll.insert(change.doc, false);
        else coll.replace(rid, change.doc, false);
        return;
      }
      case 'del': {
        const coll = this.replayTarget(change);
        const rid = coll.ridOf(change.id);
        if (rid !== undefined) coll.remove(rid);
        return;
      }
    }
  }

  private replayTarget(change: { db: string; coll: string }): CollectionData {
    return this.collection(change.db, change.coll) ?? this.attach(change.db, change.coll, {}, randomBytes(16));
  }

  private attach(db: string, name: string, options: Document, uuid: Buffer): CollectionData {
    let collections = this.dbs.get(db);
    if (!collections) {
      collections = new Map();
      this.dbs.set(db, collections);
    }
    const coll = new CollectionData(db, name, options, uuid);
    collections.set(name, coll);
    return coll;
  }

  private detach(db: string, name: string): void {
    const collections = this.dbs.get(db);
    collections?.delete(name);
    if (collections && collections.size === 0) this.dbs.delete(db);
  }
}
