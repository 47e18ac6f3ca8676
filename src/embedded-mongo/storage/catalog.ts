import { randomBytes } from 'node:crypto';
import type { Document } from 'bson';
import { CollectionData } from './collection-data.js';
import type { Change } from './change.js';
import { applyPatch, documentPatch, type DocumentPatch } from './document-patch.js';
import type { IndexSpec } from '../indexes/collection-index.js';
import { namespaceExists, namespaceNotFound } from '../mongo-error.js';

/**
 * Every database and collection of the engine. Each mutation is applied in memory and handed
 * to `record` in the same synchronous step, so the journal sees changes in the order applied.
 */
export class Catalog {
  private readonly dbs = new Map<string, Map<string, CollectionData>>();
  private batch: { changes: Change[]; undo: Array<() => void> } | null = null;
  /** Told before each committed document change, with the version being replaced (null: none). */
  beforeDocumentChange: (coll: CollectionData, id: unknown, before: Document | null) => void = () => undefined;

  constructor(private readonly recordChange: (change: Change) => void) {}

  /**
   * Runs `apply` all-or-nothing: if it throws, every change it made is undone in memory and
   * none reaches the journal; if it returns, its changes are journaled together.
   */
  transact<T>(apply: () => T): T {
    if (this.batch) return apply();
    const batch: { changes: Change[]; undo: Array<() => void> } = { changes: [], undo: [] };
    this.batch = batch;
    try {
      const result = apply();
      this.batch = null;
      for (const change of batch.changes) this.recordChange(change);
      return result;
    } catch (error) {
      this.batch = null;
      for (const undo of batch.undo.reverse()) undo();
      throw error;
    }
  }

  private record(change: Change, undo: () => void): void {
    if (!this.batch) {
      this.recordChange(change);
      return;
    }
    this.batch.changes.push(change);
    this.batch.undo.push(undo);
  }

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
    const coll = this.attach(db, name, options, uuid);
    this.record({ op: 'create', db, coll: name, options, uuid }, () => this.detach(db, name));
    return coll;
  }

  dropCollection(db: string, name: string): CollectionData {
    const coll = this.collection(db, name);
    if (!coll) throw namespaceNotFound('ns not found');
    this.detach(db, name);
    this.record({ op: 'drop', db, coll: name }, () => this.reattach(coll));
    return coll;
  }

  dropDatabase(db: string): void {
    const collections = this.dbs.get(db);
    if (!collections) return;
    this.dbs.delete(db);
    this.record({ op: 'dropDatabase', db }, () => this.dbs.set(db, collections));
  }

  createIndex(coll: CollectionData, spec: IndexSpec): void {
    coll.addIndex(spec);
    this.record({ op: 'index', db: coll.db, coll: coll.name, spec }, () => coll.indexes.delete(spec.name));
  }

  dropIndex(coll: CollectionData, name: string): void {
    const index = coll.indexes.get(name);
    coll.indexes.delete(name);
    this.record({ op: 'dropIndex', db: coll.db, coll: coll.name, name }, () => {
      if (index) coll.indexes.set(name, index);
    });
  }

  /** Stores a new document; `received`, if given, is BSON that decodes to exactly `doc` (journaled as it is). */
  insert(coll: CollectionData, doc: Document, received?: Uint8Array): void {
    coll.checkUnique(doc, -1);
    this.beforeDocumentChange(coll, doc['_id'], null);
    const rid = coll.insert(doc, false);
    const change: Change = received ? { op: 'put', db: coll.db, coll: coll.name, doc, received } : { op: 'put', db: coll.db, coll: coll.name, doc };
    this.record(change, () => coll.remove(rid));
  }

  /** Stores `doc` under `rid`; `known`, if given, is the patch from the stored version to `doc`. */
  replace(coll: CollectionData, rid: number, doc: Document, known?: DocumentPatch): void {
    const old = coll.docs.get(rid);
    if (!old) throw new Error(`record ${rid} vanished from ${coll.ns}`);
    // Keys an update leaves as they were cannot collide: only the indexes it changes are checked.
    const changes = coll.indexChanges(rid, doc);
    coll.checkSecondaryUnique(doc, rid, changes.map((c) => c.index));
    this.beforeDocumentChange(coll, doc['_id'], old);
    coll.replace(rid, doc, false, changes);
    const patch = known ?? documentPatch(old, doc);
    const change: Change = patch ? { op: 'patch', db: coll.db, coll: coll.name, id: doc['_id'], ...patch } : { op: 'put', db: coll.db, coll: coll.name, doc };
    this.record(change, () => coll.replace(rid, old, false));
  }

  remove(coll: CollectionData, rid: number): void {
    const old = coll.docs.get(rid);
    if (!old) return;
    this.beforeDocumentChange(coll, old['_id'], old);
    coll.remove(rid);
    this.record({ op: 'del', db: coll.db, coll: coll.name, id: old['_id'] }, () => coll.restore(rid, old));
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
      case 'patch': {
        const coll = this.replayTarget(change);
        const rid = coll.ridOf(change.id);
        const current = rid === undefined ? undefined : coll.docs.get(rid);
        if (rid !== undefined && current) coll.replace(rid, applyPatch(current, change), false);
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

  private reattach(coll: CollectionData): void {
    let collections = this.dbs.get(coll.db);
    if (!collections) {
      collections = new Map();
      this.dbs.set(coll.db, collections);
    }
    collections.set(coll.name, coll);
  }

  private detach(db: string, name: string): void {
    const collections = this.dbs.get(db);
    collections?.delete(name);
    if (collections && collections.size === 0) this.dbs.delete(db);
  }
}
