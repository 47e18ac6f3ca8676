import type { Document } from 'bson';

/**
 * The documents a command sees and writes: the committed state, or a transaction's private
 * view of it. Commands go through this so the same code runs inside and outside transactions.
 */
export interface Workspace {
  /** Documents of the collection that may match `filter` (an index narrows them when it can). */
  candidates(db: string, coll: string, filter?: Document): Document[];
  insert(db: string, coll: string, doc: Document): void;
  replace(db: string, coll: string, previous: Document, next: Document): void;
  remove(db: string, coll: string, doc: Document): void;
  /** True when the collection exists for this reader. */
  exists(db: string, coll: string): boolean;
}
