import { Query } from 'mingo/query';
import type { Document } from 'bson';
import { mingoOptions } from './mingo-options.js';
import { refuseUnsupportedOperators } from './refused-operators.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { isIndexableScalar } from '../indexes/field-conditions.js';
import { valuesAtPath } from '../indexes/key-paths.js';

export type DocumentPredicate = (doc: Document) => boolean;

const MATCH_ALL: DocumentPredicate = () => true;

type ValueTest = (found: unknown) => boolean;

/** Past this many `$in` values, a lookup by key beats comparing with each. */
const IN_LINEAR_LIMIT = 8;

/** A key equal for equal values of the common scalar types, or undefined for the others (compared one by one). */
function scalarKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string': return `s${value}`;
    case 'number': return `n${Object.is(value, -0) ? 0 : value}`;
    case 'boolean': return value ? 'b1' : 'b0';
    default:
      if (value instanceof Date) return `d${value.getTime()}`;
      if ((value as { _bsontype?: string } | null)?._bsontype === 'ObjectId') return `o${(value as { toHexString(): string }).toHexString()}`;
      return undefined;
  }
}

/** `$in` of indexable scalars: a key lookup when every value has a key, otherwise a comparison with each. */
function inTest(values: unknown[]): ValueTest {
  const keys = values.map(scalarKey);
  if (values.length <= IN_LINEAR_LIMIT || keys.some((key) => key === undefined)) return (found) => values.some((value) => bsonEquals(found, value));
  const set = new Set(keys as string[]);
  return (found) => {
    const key = scalarKey(found);
    return key !== undefined ? set.has(key) : values.some((value) => bsonEquals(found, value));
  };
}

/**
 * `{ field: scalar }`, `{ field: { $eq: scalar } }` and `{ field: { $in: [scalars] } }` pairs, or null if the
 * filter says anything else.
 */
function plainConditions(filter: Document): Array<[string, ValueTest]> | null {
  const out: Array<[string, ValueTest]> = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith('$')) return null;
    let value = condition;
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const keys = Object.keys(value);
      if (keys.length !== 1) return null;
      const list: unknown = (condition as Document)['$in'];
      if (keys[0] === '$in' && Array.isArray(list) && list.length > 0 && list.every(isIndexableScalar)) {
        out.push([field, inTest(list)]);
        continue;
      }
      if (keys[0] !== '$eq') return null;
      value = (condition as Document)['$eq'];
    }
    if (!isIndexableScalar(value)) return null;
    out.push([field, (found) => bsonEquals(found, value)]);
  }
  return out;
}

/**
 * Compiles a MongoDB filter once; mingo does the matching. Equality and `$in` on scalars (the shape of a
 * point read, a state check, a page of ids) are matched directly: building a mingo Query costs more than the
 * rest of the read, and mingo's `$in` hashes the whole list for every document it tests.
 */
export function compileFilter(filter: Document | undefined | null): DocumentPredicate {
  if (!filter || Object.keys(filter).length === 0) return MATCH_ALL;
  const conditions = plainConditions(filter);
  if (conditions) {
    // An array field matches when one of its elements matches, as valuesAtPath expands it.
    return (doc) => conditions.every(([field, test]) => valuesAtPath(doc, field).some(test));
  }
  refuseUnsupportedOperators(filter);
  const query = new Query(filter, mingoOptions());
  return (doc) => query.test(doc);
}
