import type { Document } from 'bson';
import { cloneDocument, isPlainObject } from './clone-document.js';
import { sameStoredValue } from './document-equality.js';
import type { DocumentPatch } from '../storage/document-patch.js';

export interface UpdateOutcome {
  doc: Document;
  modified: boolean;
}

/** Where an update that knows it leaves what turns the document into its new version (see `documentPatch`), for the journal. */
export interface PatchNote {
  patch?: DocumentPatch;
}

const TOP_LEVEL_OPERATORS = new Set(['$set', '$unset', '$inc', '$push']);
const isTopLevelField = (field: string): boolean =>
  field !== '_id' && field !== '' && field !== '__proto__' && !field.includes('.') && !field.startsWith('$');
const isPushable = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const has = (doc: Document, field: string): boolean => Object.prototype.hasOwnProperty.call(doc, field);

/** True when each operator is a `$set`, `$unset`, `$inc` (of numbers) or `$push` (of one plain value) of top-level fields named once. */
function checkedShape(doc: Document, update: Document): boolean {
  for (const operator in update) {
    const fields: unknown = update[operator];
    if (!TOP_LEVEL_OPERATORS.has(operator) || !isPlainObject(fields)) return false;
    let count = 0;
    for (const field in fields) {
      count += 1;
      if (!isTopLevelField(field) || namedBefore(update, operator, field)) return false;
      const value: unknown = fields[field];
      const current = doc[field];
      if (operator === '$inc' && (typeof value !== 'number' || (current !== undefined && typeof current !== 'number'))) return false;
      if (operator === '$push' && (!isPushable(value) || (current !== undefined && !Array.isArray(current)))) return false;
    }
    if (count === 0) return false;
  }
  return true;
}

/** Whether an operator before `operator` names `field` too (an update names a handful of fields: no set is built for them). */
function namedBefore(update: Document, operator: string, field: string): boolean {
  for (const earlier in update) {
    if (earlier === operator) return false;
    if (has(update[earlier] as Document, field)) return true;
  }
  return false;
}

/**
 * `$set`, `$unset`, `$inc` of plain numbers and `$push` of one plain value, each on top-level fields named
 * once: the shape of most state changes, applied without mingo (whose updater costs more than the rest of
 * the update). Fields change in the order mingo would change them; anything else returns undefined for mingo.
 * The untouched fields are shared with the stored version, which is never mutated in place, and whether the
 * document changed is told by the fields touched rather than by comparing every field.
 */
export function topLevelUpdate(doc: Document, update: Document, note?: PatchNote): UpdateOutcome | undefined {
  if (!checkedShape(doc, update)) return undefined;
  const next: Document = { ...doc };
  let modified = false;
  // The journal's patch, noted as the fields change: the same as documentPatch(doc, next) would find by
  // walking both documents again (kept fields stay in place, new ones are added last, in this order).
  const set: Document = {};
  const unset: string[] = [];
  for (const operator in update) {
    const fields = update[operator] as Document;
    for (const field in fields) {
      const value: unknown = fields[field];
      const present = has(next, field);
      let changed: unknown;
      if (operator === '$set') {
        changed = cloneDocument(value);
        modified ||= !present || !sameStoredValue(next[field], changed);
      } else if (operator === '$unset') {
        modified ||= present;
        if (present) unset.push(field);
        delete next[field];
        continue;
      } else if (operator === '$inc') {
        changed = ((next[field] as number | undefined) ?? 0) + (value as number);
        modified ||= !present || changed !== next[field];
      } else {
        modified = true;
        changed = [...((next[field] as unknown[] | undefined) ?? []), value];
      }
      if (!present || changed !== next[field]) set[field] = changed;
      next[field] = changed;
    }
  }
  if (note) note.patch = { set, unset };
  return { doc: next, modified };
}
