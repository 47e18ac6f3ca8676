import { Double, Long, type Document } from 'bson';
import { isPlainObject } from './clone-document.js';

/**
 * BSON numbers whose type a plain JS number would lose, kept in stored documents as bson's own classes: a double
 * with an integral value in the int32 range (`Double(42)`, which bson writes back as an Int32 once it is the number
 * 42) and every int64 (`Long`, which came back as an Int32 or a Double). Other numbers stay JS numbers: an int32,
 * a fractional double and an integral double beyond the int32 range all go back out as the type they came in.
 *
 * The engine's own comparisons (`bson-order.ts`: filters, indexes, sorts, distinct) compare these by value. mingo
 * does not (a `Double` is an object to it, and `Long + 1` a string), so what goes to mingo is promoted to numbers
 * first and the types are put back on the result (`restoreNumericTypes`). As such values are rare (a client must
 * send them on purpose), nothing is walked until one has been stored.
 */
let typedNumbersSeen = false;

/** Called when a typed number enters the engine (read from a request or a data file). */
export function noteTypedNumber(): void {
  typedNumbersSeen = true;
}

/** Whether a typed number has ever been read: until then no document needs promoting. */
export function anyTypedNumbers(): boolean {
  return typedNumbersSeen;
}

const tagOf = (value: unknown): string | undefined => (value as { _bsontype?: string } | null)?._bsontype;
const isTyped = (value: unknown): value is Double | Long => {
  const tag = tagOf(value);
  return tag === 'Double' || tag === 'Long';
};
const numberOf = (value: Double | Long): number => (tagOf(value) === 'Long' ? (value as Long).toNumber() : (value as Double).value);

function holdsTyped(value: unknown): boolean {
  if (isTyped(value)) return true;
  if (Array.isArray(value)) return value.some(holdsTyped);
  if (isPlainObject(value)) {
    for (const key in value) if (holdsTyped(value[key])) return true;
  }
  return false;
}

function promote(value: unknown): unknown {
  if (isTyped(value)) return numberOf(value);
  if (Array.isArray(value)) return value.map(promote);
  if (isPlainObject(value)) {
    const out: Document = {};
    for (const key of Object.keys(value)) out[key] = promote(value[key]);
    return out;
  }
  return value;
}

/** `value` with its typed numbers as JS numbers (itself when it holds none), for mingo. */
export function promoteNumbers<T>(value: T): T {
  if (!typedNumbersSeen || !holdsTyped(value)) return value;
  return promote(value) as T;
}

type NumberKind = 0 | 1 | 2;
const INT = 0;
const LONG = 1;
const DOUBLE = 2;
const isInt32 = (n: number): boolean => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31;

function kindOf(value: unknown): NumberKind | undefined {
  if (typeof value === 'number') return isInt32(value) ? INT : DOUBLE;
  const tag = tagOf(value);
  if (tag === 'Long') return LONG;
  if (tag === 'Double') return DOUBLE;
  if (tag === 'Int32') return INT;
  return undefined;
}

/** The value `n` stored as a number of `kind`, as MongoDB's arithmetic keeps it (an int32 overflow becomes a long). */
function asKind(n: number, kind: NumberKind): unknown {
  if (!Number.isInteger(n)) return n;
  if (kind === LONG || (kind === INT && !isInt32(n))) return Long.fromNumber(n);
  if (kind === DOUBLE && isInt32(n)) return new Double(n);
  return n;
}

interface Named {
  operator: string;
  operand: unknown;
}

function namedPaths(update: Document | undefined): Map<string, Named> {
  const named = new Map<string, Named>();
  if (!update) return named;
  for (const [operator, fields] of Object.entries(update)) {
    if (!isPlainObject(fields)) continue;
    for (const [path, operand] of Object.entries(fields)) named.set(path, { operator, operand });
  }
  return named;
}

function restore(original: unknown, value: unknown, path: string, named: Map<string, Named>): unknown {
  const op = path ? named.get(path) : undefined;
  if (op && (op.operator === '$set' || op.operator === '$setOnInsert')) return restore(op.operand, value, '', new Map());
  if (typeof value === 'number') {
    if (op && (op.operator === '$inc' || op.operator === '$mul')) {
      const before = kindOf(original) ?? INT;
      const by = kindOf(op.operand) ?? INT;
      return asKind(value, Math.max(before, by) as NumberKind);
    }
    if (op && (op.operator === '$min' || op.operator === '$max') && isTyped(op.operand) && numberOf(op.operand) === value) return op.operand;
    return isTyped(original) && numberOf(original) === value ? original : value;
  }
  if (Array.isArray(value)) {
    let before: unknown[] = Array.isArray(original) ? original : [];
    if (op && (op.operator === '$push' || op.operator === '$addToSet')) {
      // Appended after the elements there were: each new element is matched with the value sent for it.
      const operand = op.operand;
      const items: unknown = isPlainObject(operand) && '$each' in operand ? operand['$each'] : [operand];
      before = [...before, ...(Array.isArray(items) ? items : [])];
    }
    return value.map((item, i) => restore(before[i], item, path ? `${path}.${i}` : String(i), named));
  }
  if (isPlainObject(value)) {
    const before = isPlainObject(original) ? original : {};
    const out: Document = {};
    for (const key of Object.keys(value)) out[key] = restore(before[key], value[key], path ? `${path}.${key}` : key, named);
    return out;
  }
  return value;
}

/**
 * The result of an update mingo applied to promoted numbers, with the types put back as MongoDB keeps them: a
 * value the update did not touch keeps its type, a `$set` value the type it was sent as, and `$inc`/`$mul` the
 * wider of the field's and the operand's types (int32 < long < double; an int32 result past the int32 range is a
 * long). `update` is the operator update as sent (undefined for a pipeline).
 */
export function restoreNumericTypes(original: Document, next: Document, update: Document | undefined): Document {
  return restore(original, next, '', namedPaths(update)) as Document;
}
