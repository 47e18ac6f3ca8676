import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { isPlainObject } from './clone-document.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { MongoCommandError, badValue } from '../mongo-error.js';
import { mingoOptions } from './mingo-options.js';

/**
 * What mingo's updater does not check or does differently from MongoDB 7, handled before (and around) it:
 * an update that MongoDB refuses is refused here with MongoDB's code, so an application's bug shows up
 * in development rather than as data silently left as it was.
 */

/** Operators that create the path they name when it is missing. */
const CREATING = new Set(['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate']);
const NUMERIC_TYPES = new Set(['Int32', 'Long', 'Double', 'Decimal128']);
const ARRAY_OPERATORS = new Set(['$push', '$addToSet']);
const ARRAY_REMOVERS = new Set(['$pull', '$pullAll', '$pop']);

const pathNotViable = (message: string): MongoCommandError => new MongoCommandError(28, 'PathNotViable', message);
const typeMismatch = (message: string): MongoCommandError => new MongoCommandError(14, 'TypeMismatch', message);
const conflict = (path: string, other: string): MongoCommandError =>
  new MongoCommandError(40, 'ConflictingUpdateOperators', `Updating the path '${path}' would create a conflict at '${other}'`);
export const immutableId = (): MongoCommandError =>
  new MongoCommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");

const isNumeric = (value: unknown): boolean =>
  typeof value === 'number' || typeof value === 'bigint' || NUMERIC_TYPES.has((value as { _bsontype?: string } | null)?._bsontype ?? '');

/** MongoDB's name for a value's type, as its error messages say it. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 'int' : 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof Date) return 'date';
  const tag = (value as { _bsontype?: string })._bsontype;
  if (tag === 'Int32') return 'int';
  if (tag) return tag.toLowerCase();
  return 'object';
}

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

const isPositional = (segment: string): boolean => segment.startsWith('$');

/**
 * Checks one `operator: { path: value }` pair against the document as MongoDB does: a path through an array by a
 * field name, or through a scalar, cannot be created; `$inc`/`$mul` need numbers; `$push`/`$addToSet` and the
 * removers need an array (or nothing) at the path. Paths with a positional segment are left to the updater.
 */
function checkPath(doc: Document, operator: string, path: string, value: unknown): void {
  const segments = path.split('.');
  if (segments.some(isPositional)) return;
  const creating = CREATING.has(operator);
  let node: unknown = doc;
  let nodeName = '';
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment)) {
        if (creating) throw pathNotViable(`Cannot create field '${segment}' in element {${nodeName}: ${show(node)}}`);
        return;
      }
    } else if (!isPlainObject(node)) {
      if (creating) throw pathNotViable(`Cannot create field '${segment}' in element {${nodeName}: ${show(node)}}`);
      return;
    }
    const next: unknown = (node as Document)[segment];
    if (next === undefined) return;
    node = next;
    nodeName = segment;
  }
  const id = show(doc['_id']);
  if (operator === '$inc' || operator === '$mul') {
    if (!isNumeric(value)) throw typeMismatch(`Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${show(value)}}`);
    if (!isNumeric(node)) {
      throw typeMismatch(`Cannot apply ${operator} to a value of non-numeric type. {_id: ${id}} has the field '${nodeName}' of non-numeric type ${typeName(node)}`);
    }
  }
  if (ARRAY_OPERATORS.has(operator) && !Array.isArray(node)) {
    throw badValue(`The field '${path}' must be an array but is of type ${typeName(node)} in document {_id: ${id}}`);
  }
  if (ARRAY_REMOVERS.has(operator) && !Array.isArray(node)) {
    throw badValue(`Cannot apply ${operator} to a non-array value`);
  }
}

/** The paths an update names, with positional segments kept: `a.$[].x` and `a.$[].y` do not conflict, `a` and `a.b` do. */
function checkConflicts(update: Document): void {
  const seen: string[] = [];
  for (const operator of Object.keys(update)) {
    const fields = update[operator] as Document;
    const targets = operator === '$rename' ? [...Object.keys(fields), ...Object.values(fields).map(String)] : Object.keys(fields);
    for (const path of targets) {
      for (const other of seen) {
        if (path === other || path.startsWith(`${other}.`) || other.startsWith(`${path}.`)) {
          throw conflict(path, path.length <= other.length ? path : other);
        }
      }
      seen.push(path);
    }
  }
}

export interface PreparedUpdate {
  /** The operators left for mingo (without an unchanged `_id` and the `$pull`s below). */
  operators: Document;
  /** `$pull` conditions of `$or`/`$and`/`$nor` at plain paths, which mingo would read as a value test. */
  logicalPulls: Array<{ path: string; query: Query }>;
  /** Whether some path holds `$[…]` or `$` next to another path (mingo's own conflict check would refuse it). */
  oneAtATime: boolean;
  /** Whether some path holds the positional `$`, which needs the statement's filter. */
  positional: boolean;
}

const LOGICAL = new Set(['$or', '$and', '$nor']);
const isLogicalCondition = (value: unknown): value is Document =>
  isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => LOGICAL.has(key));

/** Checks an operator update against the document it is about to change and sorts out what mingo can apply. */
export function prepareOperatorUpdate(doc: Document, update: Document): PreparedUpdate {
  for (const operator of Object.keys(update)) {
    if (!isPlainObject(update[operator])) throw new MongoCommandError(9, 'FailedToParse', `Modifiers operate on fields but we found type ${typeName(update[operator])} instead. For example: {$mod: {<field>: ...}} not {${operator}: ${show(update[operator])}}`);
  }
  checkConflicts(update);
  const operators: Document = {};
  const logicalPulls: PreparedUpdate['logicalPulls'] = [];
  let pathCount = 0;
  let positional = false;
  let arrayWide = false;
  for (const operator of Object.keys(update)) {
    const fields: Document = { ...(update[operator] as Document) };
    for (const [path, value] of Object.entries(fields)) {
      if (path === '_id' && operator !== '$unset' && doc['_id'] !== undefined) {
        // Setting `_id` to the value it has is allowed (mongoose's findByIdAndUpdate with the whole body).
        if ((operator === '$set' || operator === '$setOnInsert') && bsonEquals(value, doc['_id'])) {
          delete fields[path];
          continue;
        }
        throw immutableId();
      }
      if (path === '_id' && operator === '$unset' && doc['_id'] !== undefined) throw immutableId();
      checkPath(doc, operator, path, value);
      const segments = path.split('.');
      positional ||= segments.includes('$');
      arrayWide ||= segments.some((segment) => segment.startsWith('$['));
      if (operator === '$pull' && isLogicalCondition(value) && !segments.some(isPositional)) {
        logicalPulls.push({ path, query: new Query(value, mingoOptions()) });
        delete fields[path];
        continue;
      }
      pathCount += 1;
    }
    if (Object.keys(fields).length > 0) operators[operator] = fields;
  }
  return { operators, logicalPulls, oneAtATime: (positional || arrayWide) && pathCount > 1, positional };
}

/** Removes from the array at `path` the elements the query matches (documents only: a scalar has no fields to test). */
export function applyLogicalPull(doc: Document, path: string, query: Query): void {
  const segments = path.split('.');
  let node: unknown = doc;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(node) && !Array.isArray(node)) return;
    node = (node as Document)[segment];
  }
  if (!isPlainObject(node) && !Array.isArray(node)) return;
  const last = segments[segments.length - 1]!;
  const list: unknown = (node as Document)[last];
  if (!Array.isArray(list)) return;
  const kept = list.filter((item) => !(isPlainObject(item) && query.test(item)));
  if (kept.length !== list.length) (node as Document)[last] = kept;
}
