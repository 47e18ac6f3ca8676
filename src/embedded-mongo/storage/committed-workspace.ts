import type { Document } from 'bson';
import type { Catalog } from './catalog.js';
import type { Workspace } from './workspace.js';
import type { DocumentPatch } from './document-patch.js';
import { indexCandidates, planScan, type CandidateScan, type SortSpec } from '../indexes/index-plan.js';

const EMPTY_SCAN: CandidateScan = { ordered: true, indexed: true, forEach: () => undefined };

/** Reads and writes straight through to the committed catalog. */
export class CommittedWorkspace implements Workspace {
  constructor(private readonly catalog: Catalog) {}

  candidates(db: string, coll: string, filter?: Document): Document[] {
    const data = this.catalog.collection(db, coll);
    if (!data) return [];
    return indexCandidates(data, filter) ?? [...data.docs.values()];
  }

  scan(db: string, coll: string, filter: Document | undefined, sort: SortSpec | undefined): CandidateScan {
    const data = this.catalog.collection(db, coll);
    return data ? planScan(data, filter, sort) : EMPTY_SCAN;
  }

  insert(db: string, coll: string, doc: Document, received?: Uint8Array): void {
    this.catalog.insert(this.catalog.ensureCollection(db, coll), doc, received);
  }

  replace(db: string, coll: string, previous: Document, next: Document, patch?: DocumentPatch): void {
    const data = this.catalog.ensureCollection(db, coll);
    const rid = data.ridOf(previous['_id']);
    if (rid === undefined) throw new Error(`document to replace vanished from ${data.ns}`);
    // The patch holds only against the version it was made from.
    this.catalog.replace(data, rid, next, data.docs.get(rid) === previous ? patch : undefined);
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
