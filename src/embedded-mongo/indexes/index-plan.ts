import type { Document } from 'bson';
import type { CollectionData } from '../storage/collection-data.js';
import type { CollectionIndex } from './collection-index.js';
import { bracketOf } from './bson-order.js';
import type { KeyBound } from './sorted-keys.js';

/** What the filter says about one field, when that can drive an index. */
type FieldCondition =
  | { kind: 'points'; values: unknown[] }
  | { kind: 'range'; lower?: KeyBound; upper?: KeyBound };

const INDEXABLE_BRACKETS = new Set([3, 4, 8, 9, 10]);

/** Lowest value of a bracket, so `$lt` can start where its type starts. */
function bracketStart(value: unknown): unknown {
  switch (bracketOf(value)) {
    case 3: return -Infinity;
    case 4: return '';
    case 8: return { _bsontype: 'ObjectId', id: Buffer.alloc(12) };
    case 9: return false;
    case 10: return new Date(-8.64e15);
    default: return undefined;
  }
}

function isIndexableScalar(value: unknown): boolean {
  return INDEXABLE_BRACKETS.has(bracketOf(value)) && !(typeof value === 'number' && Number.isNaN(value));
}

function isOperatorObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function conditionFor(value: unknown): FieldCondition | null {
  if (!isOperatorObject(value)) return isIndexableScalar(value) ? { kind: 'points', values: [value] } : null;
  if ('$eq' in value && isIndexableScalar(value['$eq'])) return { kind: 'points', values: [value['$eq']] };
  if (Array.isArray(value['$in']) && value['$in'].length > 0 && value['$in'].every(isIndexableScalar)) {
    return { kind: 'points', values: value['$in'] };
  }
  let lower: KeyBound | undefined;
  let upper: KeyBound | undefined;
  for (const [op, bound] of Object.entries(value)) {
    if (!isIndexableScalar(bound)) continue;
    if (op === '$gt' || op === '$gte') lower = { key: [bound], inclusive: op === '$gte' };
    if (op === '$lt' || op === '$lte') upper = { key: [bound], inclusive: op === '$lte' };
  }
  if (!lower && !upper) return null;
  if (lower && upper && bracketOf(lower.key[0]) !== bracketOf(upper.key[0])) return null;
  // A range never crosses its type bracket (type bracketing), so bound the open side by it.
  if (!lower && upper) lower = { key: [bracketStart(upper.key[0])], inclusive: true };
  return { kind: 'range', lower, upper };
}

function fieldConditions(filter: Document): Map<string, FieldCondition> {
  const out = new Map<string, FieldCondition>();
  const visit = (clause: Document): void => {
    for (const [field, value] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(value)) value.forEach((part) => visit(part as Document));
      if (field.startsWith('$') || out.has(field)) continue;
      const condition = conditionFor(value);
      if (condition) out.set(field, condition);
    }
  };
  visit(filter);
  return out;
}

interface Plan {
  index: CollectionIndex;
  condition: FieldCondition;
}

function choosePlan(coll: CollectionData, conditions: Map<string, FieldCondition>): Plan | null {
  let best: Plan | null = null;
  for (const index of coll.indexes.values()) {
    // A partial or sparse index may lack matching documents, so only full indexes answer queries.
    if (index.spec.partialFilterExpression || index.spec.sparse) continue;
    const condition = conditions.get(index.fields[0]!);
    if (!condition) continue;
    if (!best || (condition.kind === 'points' && best.condition.kind === 'range')) best = { index, condition };
  }
  return best;
}

/**
 * The documents an index says may match `filter`, or null when no index applies and the
 * caller must scan. Callers still test each candidate against the whole filter.
 */
export function indexCandidates(coll: CollectionData, filter: Document | undefined): Document[] | null {
  if (!filter) return null;
  const conditions = fieldConditions(filter);
  if (conditions.size === 0) return null;
  const idCondition = conditions.get('_id');
  if (idCondition?.kind === 'points') {
    const out: Document[] = [];
    for (const value of idCondition.values) {
      const rid = coll.ridOf(value);
      const doc = rid === undefined ? undefined : coll.docs.get(rid);
      if (doc && !out.includes(doc)) out.push(doc);
    }
    return out;
  }
  const plan = choosePlan(coll, conditions);
  if (!plan) return null;
  const rids = new Set<number>();
  const { keys } = plan.index;
  if (plan.condition.kind === 'points') {
    for (const value of plan.condition.values) {
      const bound: KeyBound = { key: [value], inclusive: true };
      for (const entry of keys.range(bound, bound)) rids.add(entry.rid);
    }
  } else {
    const bracket = bracketOf(plan.condition.lower!.key[0]);
    for (const entry of keys.range(plan.condition.lower, plan.condition.upper)) {
      if (bracketOf(entry.key[0]) !== bracket) break;
      rids.add(entry.rid);
    }
  }
  const out: Document[] = [];
  for (const rid of rids) {
    const doc = coll.docs.get(rid);
    if (doc) out.push(doc);
  }
  return out;
}
