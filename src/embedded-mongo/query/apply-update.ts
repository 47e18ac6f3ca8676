import { ObjectId, type Document } from 'bson';
import { update as mingoUpdate, updateOne as mingoUpdateOne } from 'mingo/updater';
import { cloneDocument, isPlainObject } from './clone-document.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { OPERATOR_UPDATE_OPTIONS, PIPELINE_UPDATE_OPTIONS } from './mingo-options.js';
import { MongoCommandError, failedToParse } from '../mongo-error.js';
import { refuseUnsupportedOperators } from './refused-operators.js';

export type UpdateSpec = Document | Document[];

export interface UpdateOutcome {
  doc: Document;
  modified: boolean;
}

export function isReplacement(update: UpdateSpec): update is Document {
  return !Array.isArray(update) && Object.keys(update).every((key) => !key.startsWith('$'));
}

const immutableId = (): MongoCommandError =>
  new MongoCommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");

/** Applies an update (replacement, operators or pipeline) to a copy of `doc`; the stored version is untouched. */
export function applyUpdate(doc: Document, update: UpdateSpec, arrayFilters: Document[] | undefined, inserting: boolean): UpdateOutcome {
  refuseUnsupportedOperators(update);
  let next: Document;
  if (Array.isArray(update)) {
    const holder = [cloneDocument(doc)];
    mingoUpdateOne(holder, {}, update as never, {}, PIPELINE_UPDATE_OPTIONS);
    next = holder[0]!;
  } else if (isReplacement(update)) {
    if (update['_id'] !== undefined && doc['_id'] !== undefined && !bsonEquals(update['_id'], doc['_id'])) throw immutableId();
    const rest: Document = { ...update };
    delete rest['_id'];
    next = doc['_id'] !== undefined ? { _id: doc['_id'], ...rest } : { ...update };
  } else {
    next = topLevelUpdate(doc, update) ?? operatorUpdate(doc, update, arrayFilters, inserting);
  }
  if (doc['_id'] !== undefined && !bsonEquals(next['_id'], doc['_id'])) throw immutableId();
  if (next['_id'] === undefined) next = { _id: new ObjectId(), ...next };
  else if (Object.keys(next)[0] !== '_id') {
    const { _id, ...rest } = next;
    next = { _id, ...rest };
  }
  return { doc: next, modified: !deepEqualDocuments(doc, next) };
}

function operatorUpdate(doc: Document, update: Document, arrayFilters: Document[] | undefined, inserting: boolean): Document {
  const next = cloneDocument(doc);
  const operators: Document = { ...update };
  const onInsert: unknown = operators['$setOnInsert'];
  delete operators['$setOnInsert'];
  if (onInsert !== undefined && !isPlainObject(onInsert)) throw failedToParse('$setOnInsert takes an object');
  if (Object.keys(operators).length > 0) mingoUpdate(next, operators as never, arrayFilters, undefined, { cloneMode: 'copy', queryOptions: OPERATOR_UPDATE_OPTIONS });
  if (inserting && onInsert) mingoUpdate(next, { $set: onInsert } as never, undefined, undefined, { cloneMode: 'copy', queryOptions: OPERATOR_UPDATE_OPTIONS });
  return next;
}

const TOP_LEVEL_OPERATORS = new Set(['$set', '$unset', '$inc', '$push']);
const isTopLevelField = (field: string): boolean =>
  field !== '_id' && field !== '' && field !== '__proto__' && !field.includes('.') && !field.startsWith('$');
const isPushable = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * `$set`, `$unset`, `$inc` of plain numbers and `$push` of one plain value, each on top-level fields named
 * once: the shape of most state changes, applied without mingo (whose updater costs more than the rest of
 * the update). Fields change in the order mingo would change them; anything else returns undefined for mingo.
 * The untouched fields are shared with the stored version, which is never mutated in place.
 */
function topLevelUpdate(doc: Document, update: Document): Document | undefined {
  const seen = new Set<string>();
  for (const [operator, fields] of Object.entries(update)) {
    if (!TOP_LEVEL_OPERATORS.has(operator) || !isPlainObject(fields) || Object.keys(fields).length === 0) return undefined;
    for (const [field, value] of Object.entries(fields)) {
      if (!isTopLevelField(field) || seen.has(field)) return undefined;
      seen.add(field);
      const current = doc[field];
      if (operator === '$inc' && (typeof value !== 'number' || (current !== undefined && typeof current !== 'number'))) return undefined;
      if (operator === '$push' && (!isPushable(value) || (current !== undefined && !Array.isArray(current)))) return undefined;
    }
  }
  const next: Document = { ...doc };
  for (const [operator, fields] of Object.entries(update)) {
    for (const [field, value] of Object.entries(fields as Document)) {
      if (operator === '$set') next[field] = cloneDocument(value);
      else if (operator === '$unset') delete next[field];
      else if (operator === '$inc') next[field] = ((next[field] as number | undefined) ?? 0) + (value as number);
      else next[field] = [...((next[field] as unknown[] | undefined) ?? []), value];
    }
  }
  return next;
}

function deepEqualDocuments(a: Document, b: Document): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((key, i) => key === kb[i] && sameValue(a[key], b[key]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) return deepEqualDocuments(a, b);
  // Numbers of different BSON widths are different stored values even when they compare equal.
  return typeof a === 'object' && bsonEquals(a, b) && (a as object).constructor === (b as object)?.constructor;
}

/** The document an upsert starts from: the filter's equality fields, as MongoDB seeds it. */
export function seedFromFilter(filter: Document | undefined): Document {
  const seed: Document = {};
  const visit = (clause: Document): void => {
    for (const [field, value] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(value)) value.forEach((part) => visit(part as Document));
      if (field.startsWith('$')) continue;
      if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
        if ('$eq' in value) setPath(seed, field, cloneDocument(value['$eq']));
        continue;
      }
      setPath(seed, field, cloneDocument(value));
    }
  };
  if (filter) visit(filter);
  return seed;
}

function setPath(target: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Document;
  }
  node[parts[parts.length - 1]!] = value;
}
