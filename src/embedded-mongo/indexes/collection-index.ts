import type { Document } from 'bson';
import { SortedKeys, type KeyBound } from './sorted-keys.js';
import { isMissing, keyTuples, valuesAtPath } from './key-paths.js';
import { compileFilter, type DocumentPredicate } from '../query/filter.js';
import { MongoCommandError } from '../mongo-error.js';

/** An index as createIndexes declares it; the whole spec is echoed back by listIndexes. */
export interface IndexSpec extends Document {
  name: string;
  key: Record<string, number | string>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

export interface KeyConflict {
  keyValue: Document;
  rid: number;
}

/** One declared index over a collection's documents, kept in BSON order. */
export class CollectionIndex {
  readonly fields: string[];
  readonly keys = new SortedKeys();
  private readonly partial: DocumentPredicate | null;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    for (const [field, kind] of Object.entries(spec.key)) {
      if (kind !== 1 && kind !== -1 && kind !== 'hashed') {
        throw new MongoCommandError(67, 'CannotCreateIndex', `index type ${JSON.stringify(kind)} on '${field}' is not supported by the embedded engine`);
      }
    }
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : null;
  }

  get unique(): boolean {
    return this.spec.unique === true || this.spec.name === '_id_';
  }

  /** The keys a document contributes, or none when a partial filter or sparseness leaves it out. */
  keysOf(doc: Document): unknown[][] {
    if (this.partial && !this.partial(doc)) return [];
    if (this.spec.sparse && this.fields.every((field) => isMissing(doc, field))) return [];
    return keyTuples(this.fields.map((field) => valuesAtPath(doc, field)));
  }

  add(doc: Document, rid: number): void {
    for (const key of this.keysOf(doc)) this.keys.insert({ key, rid });
  }

  remove(doc: Document, rid: number): void {
    for (const key of this.keysOf(doc)) this.keys.remove({ key, rid });
  }

  /** For a unique index: another document already holding one of this document's keys. */
  findConflict(doc: Document, ownRid: number): KeyConflict | null {
    if (!this.unique) return null;
    for (const key of this.keysOf(doc)) {
      const bound: KeyBound = { key, inclusive: true };
      for (const entry of this.keys.range(bound, bound)) {
        if (entry.rid !== ownRid) return { rid: entry.rid, keyValue: this.keyValue(key) };
      }
    }
    return null;
  }

  keyValue(key: unknown[]): Document {
    const out: Document = {};
    this.fields.forEach((field, i) => {
      out[field] = key[i] ?? null;
    });
    return out;
  }
}

