import { Query } from 'mingo/query';
import type { Document } from 'bson';
import { mingoOptions } from './mingo-options.js';
import { refuseUnsupportedOperators } from './refused-operators.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { isIndexableScalar } from '../indexes/field-conditions.js';
import { valuesAtPath } from '../indexes/key-paths.js';

export type DocumentPredicate = (doc: Document) => boolean;

const MATCH_ALL: DocumentPredicate = () => true;

/** `{ field: scalar }` and `{ field: { $eq: scalar } }` pairs, or null if the filter says anything else. */
function plainEqualities(filter: Document): Array<[string, unknown]> | null {
  const out: Array<[string, unknown]> = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith('$')) return null;
    let value = condition;
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const keys = Object.keys(value);
      if (keys.length !== 1 || keys[0] !== '$eq') return null;
      value = (condition as Document)['$eq'];
    }
    if (!isIndexableScalar(value)) return null;
    out.push([field, value]);
  }
  return out;
}

/**
 * Compiles a MongoDB filter once; mingo does the matching. Equality on scalars (the shape of a
 * point read) is matched directly: building a mingo Query costs more than the rest of the read.
 */
export function compileFilter(filter: Document | undefined | null): DocumentPredicate {
  if (!filter || Object.keys(filter).length === 0) return MATCH_ALL;
  const equalities = plainEqualities(filter);
  if (equalities) {
    // An array field matches when one of its elements equals the value, as valuesAtPath expands it.
    return (doc) => equalities.every(([field, value]) => valuesAtPath(doc, field).some((found) => bsonEquals(found, value)));
  }
  refuseUnsupportedOperators(filter);
  const query = new Query(filter, mingoOptions());
  return (doc) => query.test(doc);
}
