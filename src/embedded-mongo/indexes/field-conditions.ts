import type { Document } from 'bson';
import { bracketOf } from './bson-order.js';

export interface ValueBound {
  value: unknown;
  inclusive: boolean;
}

/** What the filter says about one field, when that can drive an index. */
export type FieldCondition =
  | { kind: 'points'; values: unknown[] }
  | { kind: 'range'; lower?: ValueBound; upper?: ValueBound };

const INDEXABLE_BRACKETS = new Set([3, 4, 8, 9, 10]);

export function isIndexableScalar(value: unknown): boolean {
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
  let lower: ValueBound | undefined;
  let upper: ValueBound | undefined;
  for (const [op, bound] of Object.entries(value)) {
    if (!isIndexableScalar(bound)) continue;
    if (op === '$gt' || op === '$gte') lower = { value: bound, inclusive: op === '$gte' };
    if (op === '$lt' || op === '$lte') upper = { value: bound, inclusive: op === '$lte' };
  }
  if (!lower && !upper) return null;
  // A range never crosses its type bracket (type bracketing): bounds of two types match nothing an index can find.
  if (lower && upper && bracketOf(lower.value) !== bracketOf(upper.value)) return null;
  return { kind: 'range', ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

function visitClause(clause: Document, out: Map<string, FieldCondition>): void {
  for (const [field, value] of Object.entries(clause)) {
    if (field === '$and' && Array.isArray(value)) for (const part of value) visitClause(part as Document, out);
    if (field.startsWith('$') || out.has(field)) continue;
    const condition = conditionFor(value);
    if (condition) out.set(field, condition);
  }
}

/** The conditions of a filter's top-level conjunction that an index can look up. */
export function fieldConditions(filter: Document | undefined): Map<string, FieldCondition> {
  const out = new Map<string, FieldCondition>();
  if (filter) visitClause(filter, out);
  return out;
}
