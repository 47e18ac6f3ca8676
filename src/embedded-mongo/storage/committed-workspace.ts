import type { Document } from 'bson';
import type { Catalog } from './catalog.js';
import type { Workspace } from './workspace.js';
import { indexCandidates } from '../indexes/index-plan.js';

/** Reads and writes straight through to the committed catalog. */
export class CommittedWorkspace implements Workspace {
  constructor(private readonly catalog: Catalog) {}

  candidates(db: string, coll: string, filter?: Document): Document[] {
    const data = this.catalog.collection(db, coll);
    if (!data) return [];
    return indexCandidates(data, filter) ?? [...data.docs.values()];
  }

  insert(db: string, coll: string, doc: Document): void {
    this.catalog.insert(this.catalog.ensureCollection(db, coll), doc);
  }

  replace(db: string, coll: string, previous: Document, next: Document): void {
    const data = this.catalog.ensureCollection(db, coll);
    const rid = data.ridOf(previous['_id']);
    if (rid === undefined) throw new Error(`document to replace vanished from ${data.ns}`);
    this.catalog.replace(data, rid, next);
  }

  remove(db: string, coll: string, doc: Document): void {
    const data = this.catalog.collection(db, coll);
    const rid = data?.ridOf(doc['_id']);
    if (data && rid !== undefined) this.catalog.remove(data, rid);
  }

  exists(db: string, coll: string): boolean {
    return this.catalog.collection(db, coll) !== undefined;
  }
}
