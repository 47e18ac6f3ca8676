import { Query } from 'mingo/query';
import type { Document } from 'bson';
import { mingoOptions } from './mingo-options.js';
import { refuseUnsupportedOperators } from './refused-operators.js';
import { bracketOf, bsonEquals, compareBson } from '../indexes/bson-order.js';
import { isIndexableScalar } from '../indexes/field-conditions.js';
import { valuesAtPath } from '../indexes/key-paths.js';
import { objectIdKey } from '../storage/id-key.js';

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
      if ((value as { _bsontype?: string } | null)?._bsontype === 'ObjectId') return objectIdKey(value as { id: unknown; toHexString(): string });
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

/** The size an array at a top-level field must have, for `{ field: { $size: n } }`. */
function sizeTest(field: string, size: unknown): DocumentPredicate | null {
  if (field.includes('.') || typeof size !== 'number' || !Number.isInteger(size) || size < 0) return null;
  return (doc) => {
    const value = doc[field];
    return Array.isArray(value) && value.length === size;
  };
}

const RANGE_OPERATORS: Readonly<Record<string, (order: number) => boolean>> = {
  $gt: (order) => order > 0,
  $gte: (order) => order >= 0,
  $lt: (order) => order < 0,
  $lte: (order) => order <= 0,
};
const RANGE_TYPES = new Set(['ObjectId', 'Binary']);
const isRangeOperand = (value: unknown): boolean =>
  value instanceof Date ? !Number.isNaN(value.getTime()) : RANGE_TYPES.has((value as { _bsontype?: string } | null)?._bsontype ?? '');

/**
 * `$gt`/`$gte`/`$lt`/`$lte` of an ObjectId, a date (a page after an id, a time window) or BinData (which mingo
 * compares as decoded text; MongoDB by length, then subtype, then bytes): as in MongoDB, only
 * values of the operand's own type compare, and an array field matches when each bound holds for one of its
 * elements (not necessarily the same one).
 */
function rangeTest(field: string, condition: Document, keys: string[]): DocumentPredicate | null {
  const bounds: Array<{ operand: unknown; bracket: number; holds: (order: number) => boolean }> = [];
  for (const key of keys) {
    const holds = RANGE_OPERATORS[key];
    const operand: unknown = condition[key];
    if (!holds || !isRangeOperand(operand)) return null;
    bounds.push({ operand, bracket: bracketOf(operand), holds });
  }
  return (doc) => {
    const values = valuesAtPath(doc, field);
    return bounds.every((b) => values.some((found) => bracketOf(found) === b.bracket && b.holds(compareBson(found, b.operand))));
  };
}

/**
 * What `valuesAtPath(doc, field).some(test)` answers, without making that list for every document tested when the
 * field is one of the document's own (a state check runs for each candidate of a claim).
 */
function someValueAt(field: string, test: ValueTest): DocumentPredicate {
  if (field.includes('.')) return (doc) => valuesAtPath(doc, field).some(test);
  return (doc) => {
    const value: unknown = doc[field];
    if (value === undefined) return test(null);
    if (!Array.isArray(value)) return test(value);
    if (value.length === 0) return test(undefined);
    // By index rather than `some`, which would skip the holes the list gives as undefined.
    for (let i = 0; i < value.length; i += 1) if (test(value[i])) return true;
    return false;
  };
}

/** A test for one `field: condition` pair of the shapes below, or null. */
function fieldTest(field: string, condition: unknown): DocumentPredicate | null {
  let value = condition;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((key) => key in RANGE_OPERATORS)) return rangeTest(field, condition as Document, keys);
    if (keys.length !== 1) return null;
    const operand: unknown = (condition as Document)[keys[0]!];
    if (keys[0] === '$size') return sizeTest(field, operand);
    if (keys[0] === '$in' && Array.isArray(operand) && operand.length > 0 && operand.every(isIndexableScalar)) {
      const test = inTest(operand);
      // An array field matches when one of its elements matches, as valuesAtPath expands it.
      return someValueAt(field, test);
    }
    if (keys[0] !== '$eq') return null;
    value = operand;
  }
  if (!isIndexableScalar(value)) return null;
  return someValueAt(field, (found) => bsonEquals(found, value));
}

/**
 * `{ field: scalar }`, `{ field: { $eq: scalar } }`, `{ field: { $in: [scalars] } }`, `{ field: { $size: n } }`,
 * ranges of ids and dates and `$and`/`$or` of such clauses, or null if the filter says anything else.
 */
function plainFilter(filter: Document): DocumentPredicate | null {
  const tests: DocumentPredicate[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$or' || field === '$and') {
      if (!Array.isArray(condition) || condition.length === 0) return null;
      const clauses = condition.map((clause) => (clause !== null && typeof clause === 'object' && !Array.isArray(clause) ? plainFilter(clause as Document) : null));
      if (clauses.some((clause) => clause === null)) return null;
      const parts = clauses as DocumentPredicate[];
      tests.push(field === '$or' ? (doc) => parts.some((part) => part(doc)) : (doc) => parts.every((part) => part(doc)));
      continue;
    }
    if (field.startsWith('$')) return null;
    const test = fieldTest(field, condition);
    if (!test) return null;
    tests.push(test);
  }
  return (doc) => tests.every((test) => test(doc));
}

const LOGICAL_LISTS = new Set(['$and', '$or', '$nor']);
const isOperatorObject = (value: unknown): value is Document =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).some((key) => key.startsWith('$'));

/**
 * `{ f: { $all: [a, b] } }` as `{ $and: [{ f: a }, { f: b }] }`, which is what MongoDB's `$all` means: mingo's
 * matches arrays only, so `{ tag: { $all: ['x'] } }` missed a document whose `tag` is the string 'x'. Lists of
 * `$elemMatch` are left to mingo, which reads them right. Returns the filter itself when it has no such `$all`.
 */
function allAsEqualities(filter: Document): Document {
  let changed = false;
  const out: Document = {};
  const and: Document[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL_LISTS.has(key) && Array.isArray(value)) {
      const clauses = value.map((clause) => (clause !== null && typeof clause === 'object' && !Array.isArray(clause) ? allAsEqualities(clause as Document) : clause));
      changed ||= clauses.some((clause, i) => clause !== value[i]);
      out[key] = clauses;
      continue;
    }
    const all: unknown = isOperatorObject(value) ? value['$all'] : undefined;
    if (key.startsWith('$') || !Array.isArray(all) || all.some((item) => isOperatorObject(item))) {
      out[key] = value;
      continue;
    }
    changed = true;
    const { $all: _all, ...rest } = value as Document;
    if (Object.keys(rest).length > 0) and.push({ [key]: rest });
    // An empty `$all` matches nothing.
    if (all.length === 0) and.push({ [key]: { $in: [] } });
    for (const item of all) and.push({ [key]: item });
  }
  if (!changed) return filter;
  if (and.length > 0) out['$and'] = [...((out['$and'] as Document[] | undefined) ?? []), ...and];
  return out;
}

/** The direct test of a non-empty filter of the shapes `plainFilter` reads, or null for one mingo must test. */
export function compilePlainFilter(filter: Document): DocumentPredicate | null {
  return Object.keys(filter).length > 0 ? plainFilter(filter) : null;
}

/**
 * Compiles a MongoDB filter once; mingo does the matching. Equality, `$in` and `$size` on plain fields, ranges
 * of ids and dates, and `$and`/`$or` of those (a point read, a state check, a page of ids, the groups matching
 * a topic, the next page after an id) are matched directly: building a mingo Query costs more than the rest of
 * a point read, mingo's `$in` hashes the whole list for every document it tests, and a topic match tests every
 * group of the town.
 */
export function compileFilter(filter: Document | undefined | null, variables?: Document): DocumentPredicate {
  if (!filter || Object.keys(filter).length === 0) return MATCH_ALL;
  const plain = plainFilter(filter);
  if (plain) return plain;
  refuseUnsupportedOperators(filter);
  // `variables`: the command's `let`, which `$expr` reads as `$$name`.
  const query = new Query(allAsEqualities(filter), mingoOptions(undefined, variables));
  return (doc) => query.test(doc);
}
