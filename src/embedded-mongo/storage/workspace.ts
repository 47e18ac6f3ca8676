import type { Document } from 'bson';
import type { CandidateScan, SortSpec } from '../indexes/index-plan.js';
import type { DocumentPatch } from './document-patch.js';

/**
 * The documents a command sees and writes: the committed state, or a transaction's private
 * view of it. Commands go through this so the same code runs inside and outside transactions.
 */
export interface Workspace {
  /** Documents of the collection that may match `filter` (an index narrows them when it can). */
  candidates(db: string, coll: string, filter?: Document): Document[];
  /** Like candidates, read lazily and, when an index allows, already in `sort` order. */
  scan(db: string, coll: string, filter: Document | undefined, sort: SortSpec | undefined): CandidateScan;
  /** `received`, if given, is BSON that decodes to exactly `doc`, which the journal may keep as it is. */
  insert(db: string, coll: string, doc: Document, received?: Uint8Array): void;
  /** `patch`, when the caller knows it, is what turns `previous` into `next` (spares working it out again). */
  replace(db: string, coll: string, previous: Document, next: Document, patch?: DocumentPatch): void;
  remove(db: string, coll: string, doc: Document): void;
  /** True when the collection exists for this reader. */
  exists(db: string, coll: string): boolean;
}
