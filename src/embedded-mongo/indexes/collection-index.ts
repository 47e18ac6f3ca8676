import type { Document } from 'bson';
import { SortedKeys, type IndexKey, type KeyBound } from './sorted-keys.js';
import { dedupeValues, isMissing, keyTuples, valuesAtPath } from './key-paths.js';
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
  readonly keys: SortedKeys;
  /**
   * Set once a document gives this index several keys (or an empty array): its key order is
   * then no longer the documents' sort order, so it stops serving sorts.
   */
  multikey = false;
  private readonly partial: DocumentPredicate | null;
  /** No dotted path and no partial filter: a document's keys depend only on the values of `fields`. */
  readonly topLevel: boolean;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.keys = new SortedKeys(this.fields.length);
    for (const [field, kind] of Object.entries(spec.key)) {
      if (kind !== 1 && kind !== -1 && kind !== 'hashed') {
        throw new MongoCommandError(67, 'CannotCreateIndex', `index type ${JSON.stringify(kind)} on '${field}' is not supported by the embedded engine`);
      }
    }
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : null;
    this.topLevel = !this.partial && this.fields.every((field) => !field.includes('.'));
  }

  get unique(): boolean {
    return this.spec.unique === true || this.spec.name === '_id_';
  }

  /** The keys a document contributes, or none when a partial filter or sparseness leaves it out. */
  keysOf(doc: Document): IndexKey[] {
    if (this.partial && !this.partial(doc)) return [];
    if (this.spec.sparse && this.fields.every((field) => isMissing(doc, field))) return [];
    if (this.topLevel) {
      const key = this.topLevelKey(doc);
      if (key !== undefined) return [key];
    }
    if (this.fields.length === 1) return dedupeValues(valuesAtPath(doc, this.fields[0]!));
    return keyTuples(this.fields.map((field) => valuesAtPath(doc, field)));
  }

  /**
   * The one key of a top-level index over fields holding no array (a missing field indexes as null), or
   * undefined when a field holds an array: what `valuesAtPath` and `keyTuples` give, without splitting paths
   * and building a list per field for every document written.
   */
  private topLevelKey(doc: Document): IndexKey | undefined {
    const { fields } = this;
    if (fields.length === 1) {
      const value: unknown = doc[fields[0]!];
      return Array.isArray(value) ? undefined : (value ?? null);
    }
    const key: unknown[] = new Array(fields.length);
    for (let i = 0; i < fields.length; i += 1) {
      const value: unknown = doc[fields[i]!];
      if (Array.isArray(value)) return undefined;
      key[i] = value ?? null;
    }
    return key;
  }

  add(doc: Document, rid: number): void {
    this.addKeys(this.keysOf(doc), rid);
  }

  /** Adds the keys `keysOf` gave for a document. */
  addKeys(keys: IndexKey[], rid: number): void {
    // An empty array indexes as undefined, one key per element otherwise.
    const single = keys.length === 1 && (this.fields.length === 1 ? keys[0] !== undefined : !(keys[0] as unknown[]).includes(undefined));
    if (!single && keys.length > 0) this.multikey = true;
    for (const key of keys) this.keys.insert(key, rid);
  }

  remove(doc: Document, rid: number): void {
    this.removeKeys(this.keysOf(doc), rid);
  }

  removeKeys(keys: IndexKey[], rid: number): void {
    for (const key of keys) this.keys.remove(key, rid);
  }

  /** For a unique index: another document already holding one of this document's keys. */
  findConflict(doc: Document, ownRid: number): KeyConflict | null {
    if (!this.unique) return null;
    for (const key of this.keysOf(doc)) {
      const bound: KeyBound = { key: this.fields.length === 1 ? [key] : (key as unknown[]), inclusive: true };
      let holder: number | undefined;
      this.keys.scan(bound, bound, (_, rid) => {
        if (rid === ownRid) return true;
        holder = rid;
        return false;
      });
      if (holder !== undefined) return { rid: holder, keyValue: this.keyValue(key) };
    }
    return null;
  }

  keyValue(key: IndexKey): Document {
    const out: Document = {};
    this.fields.forEach((field, i) => {
      out[field] = this.keys.field(key, i) ?? null;
    });
    return out;
  }
}

