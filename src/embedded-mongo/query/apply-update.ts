import { ObjectId, type Document } from 'bson';
import { update as mingoUpdate, updateMany as mingoUpdateMany } from 'mingo/updater';
import { cloneDocument, isPlainObject } from './clone-document.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { OPERATOR_UPDATE_OPTIONS, PIPELINE_UPDATE_OPTIONS } from './mingo-options.js';
import { failedToParse } from '../mongo-error.js';
import { applyLogicalPull, immutableId, prepareOperatorUpdate } from './update-checks.js';
import { refuseUnsupportedOperators } from './refused-operators.js';
import { topLevelUpdate, type PatchNote, type UpdateOutcome } from './top-level-update.js';
import { deepEqualDocuments } from './document-equality.js';

export type UpdateSpec = Document | Document[];

export function isReplacement(update: UpdateSpec): update is Document {
  return !Array.isArray(update) && Object.keys(update).every((key) => !key.startsWith('$'));
}


/**
 * Applies an update (replacement, operators or pipeline) to a copy of `doc`; the stored version is untouched.
 * `note`, if given, receives the journal's patch when the update worked it out (its `patch` is left unset otherwise).
 * `filter` is the statement's query, which the positional `$` refers to; `variables` the command's `let`.
 */
export function applyUpdate(
  doc: Document,
  update: UpdateSpec,
  arrayFilters: Document[] | undefined,
  inserting: boolean,
  note?: PatchNote,
  filter?: Document,
  variables?: Document,
): UpdateOutcome {
  refuseUnsupportedOperators(update);
  if (note) note.patch = undefined;
  let next: Document;
  if (Array.isArray(update)) {
    const holder = [cloneDocument(doc)];
    // updateMany over the one document: mingo's updateOne asserts it can name the fields a pipeline changed,
    // which it cannot for fields set through `$setField`/`$literal` (dots and dollars in names).
    mingoUpdateMany(holder, {}, update as never, variables ? { let: variables } : {}, PIPELINE_UPDATE_OPTIONS);
    next = holder[0]!;
    // A stage that drops `_id` (`$replaceRoot`, `$replaceWith`, `$project`, `$unset`) leaves it as it was, as in MongoDB.
    if (next['_id'] === undefined && doc['_id'] !== undefined) next = { _id: doc['_id'], ...next };
  } else if (isReplacement(update)) {
    if (update['_id'] !== undefined && doc['_id'] !== undefined && !bsonEquals(update['_id'], doc['_id'])) throw immutableId();
    const rest: Document = { ...update };
    delete rest['_id'];
    next = doc['_id'] !== undefined ? { _id: doc['_id'], ...rest } : { ...update };
  } else {
    const fast = topLevelUpdate(doc, update, note);
    // It leaves `_id` and the order of the fields as they were: a document that starts with its `_id` needs no check.
    if (fast && doc['_id'] !== undefined && startsWithId(doc)) return fast;
    // Otherwise `_id` may be moved first below, which the patch would not say.
    if (note) note.patch = undefined;
    next = fast?.doc ?? operatorUpdate(doc, update, arrayFilters, inserting, filter);
  }
  if (doc['_id'] !== undefined && !bsonEquals(next['_id'], doc['_id'])) throw immutableId();
  if (next['_id'] === undefined) next = { _id: new ObjectId(), ...next };
  else if (Object.keys(next)[0] !== '_id') {
    const { _id, ...rest } = next;
    next = { _id, ...rest };
  }
  return { doc: next, modified: !deepEqualDocuments(doc, next) };
}

function startsWithId(doc: Document): boolean {
  for (const key in doc) return key === '_id';
  return false;
}

function operatorUpdate(doc: Document, update: Document, arrayFilters: Document[] | undefined, inserting: boolean, filter: Document | undefined): Document {
  const next = cloneDocument(doc);
  const onInsert: unknown = update['$setOnInsert'];
  if (onInsert !== undefined && !isPlainObject(onInsert)) throw failedToParse('$setOnInsert takes an object');
  const { operators, logicalPulls, oneAtATime, positional } = prepareOperatorUpdate(doc, inserting ? update : withoutOnInsert(update));
  // The positional `$` finds its element with the statement's filter; an upsert's seed has no matched element.
  const condition = positional && !inserting && filter && Object.keys(filter).length > 0 ? filter : undefined;
  const apply = (part: Document): void => {
    mingoUpdate(next, part as never, arrayFilters, condition as never, { cloneMode: 'copy', queryOptions: OPERATOR_UPDATE_OPTIONS });
  };
  if (oneAtATime) {
    // mingo takes `a.$[].x` and `a.$[].y` for a conflict at `a`: the paths were checked above, so each goes alone.
    for (const [operator, fields] of Object.entries(operators)) {
      const as = operator === '$setOnInsert' ? '$set' : operator;
      for (const [path, value] of Object.entries(fields as Document)) apply({ [as]: { [path]: value } });
    }
  } else {
    const { $setOnInsert: inserted, ...rest } = operators;
    if (Object.keys(rest).length > 0) apply(rest);
    if (inserted) apply({ $set: inserted });
  }
  for (const { path, query } of logicalPulls) applyLogicalPull(next, path, query);
  return next;
}

function withoutOnInsert(update: Document): Document {
  if (update['$setOnInsert'] === undefined) return update;
  const { $setOnInsert: _ignored, ...rest } = update;
  return rest;
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
