import type { Document } from 'bson';
import type { CollectionData } from '../storage/collection-data.js';
import type { CollectionIndex } from './collection-index.js';
import { bracketOf } from './bson-order.js';
import { fieldConditions, isIndexableScalar, type FieldCondition } from './field-conditions.js';
import type { KeyBound } from './sorted-keys.js';

export type SortSpec = Record<string, 1 | -1>;

/** Candidate documents for a filter; callers still test each one against the whole filter. */
export interface CandidateScan {
  /** True when the documents arrive in the order the sort asks for (always, without a sort). */
  readonly ordered: boolean;
  /** True when an index narrowed the candidates (false: every document of the collection). */
  readonly indexed: boolean;
  /** The index read, for `explain` (undefined: the whole collection). */
  readonly indexName?: string;
  /** Visits candidates, each once, until `visit` returns false. */
  forEach(visit: (doc: Document) => boolean): void;
}

type RangeCondition = Extract<FieldCondition, { kind: 'range' }>;

interface IndexPlan {
  index: CollectionIndex;
  /** Looked-up values of the index's leading fields, one list per field. */
  points: unknown[][];
  /** A range on the field after the points. */
  range?: RangeCondition;
  ordered: boolean;
  reverse: boolean;
  score: number;
}

/** Past this many combinations of `$in` values, the later fields are left to the filter. */
const MAX_POINT_COMBINATIONS = 1000;

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

function combinations(points: unknown[][]): unknown[][] {
  if (points.every((values) => values.length === 1)) return [points.map((values) => values[0])];
  let out: unknown[][] = [[]];
  for (const values of points) out = out.flatMap((prefix) => values.map((value) => [...prefix, value]));
  return out;
}

/**
 * Whether walking `index` after its looked-up prefix yields the sort order: the sort's fields,
 * apart from those fixed by a single looked-up value, must be the next index fields, all in
 * one direction (keys are stored ascending, so -1 walks backwards).
 */
function sortDirection(index: CollectionIndex, points: unknown[][], sort: SortSpec | undefined): { reverse: boolean } | null {
  const entries = sort ? Object.entries(sort) : [];
  if (entries.length === 0) return { reverse: false };
  if (index.multikey || points.some((values) => values.length > 1)) return null;
  const fixed = new Set(index.fields.slice(0, points.length));
  const rest = entries.filter(([field]) => !fixed.has(field));
  if (rest.length === 0) return { reverse: false };
  const direction = rest[0]![1];
  const served = rest.every(([field, d], j) => index.fields[points.length + j] === field && d === direction);
  return served ? { reverse: direction === -1 } : null;
}

function planFor(index: CollectionIndex, conditions: Map<string, FieldCondition>, sort: SortSpec | undefined): IndexPlan | null {
  const points: unknown[][] = [];
  let combos = 1;
  for (const field of index.fields) {
    const condition = conditions.get(field);
    if (condition?.kind !== 'points' || combos * condition.values.length > MAX_POINT_COMBINATIONS) break;
    points.push(condition.values);
    combos *= condition.values.length;
  }
  const next = points.length < index.fields.length ? conditions.get(index.fields[points.length]!) : undefined;
  const range = next?.kind === 'range' ? next : undefined;
  const direction = sortDirection(index, points, sort);
  const sorting = sort !== undefined && Object.keys(sort).length > 0;
  // Walking a whole index only pays when it saves sorting the collection.
  if (points.length === 0 && !range && !(direction && sorting)) return null;
  const score = points.length * 4 + (range ? 2 : 0) + (direction ? 1 : 0);
  return { index, points, ...(range ? { range } : {}), ordered: direction !== null, reverse: direction?.reverse ?? false, score };
}

function choosePlan(coll: CollectionData, conditions: Map<string, FieldCondition>, sort: SortSpec | undefined): IndexPlan | null {
  let best: IndexPlan | null = null;
  for (const index of coll.indexes.values()) {
    // A partial or sparse index may lack matching documents, so only full indexes answer queries.
    if (index.spec.partialFilterExpression || index.spec.sparse) continue;
    const plan = planFor(index, conditions, sort);
    if (plan && (!best || plan.score > best.score)) best = plan;
  }
  return best;
}

function scanIndex(coll: CollectionData, plan: IndexPlan, visit: (doc: Document) => boolean): void {
  const { index, range, reverse } = plan;
  const at = plan.points.length;
  const seen = index.multikey ? new Set<number>() : null;
  const rangeValue = range ? (range.lower ?? range.upper)!.value : undefined;
  const bracket = range ? bracketOf(rangeValue) : 0;
  for (const combo of combinations(plan.points)) {
    let lower: KeyBound | undefined = at > 0 ? { key: combo, inclusive: true } : undefined;
    let upper: KeyBound | undefined = lower;
    if (range?.lower) lower = { key: [...combo, range.lower.value], inclusive: range.lower.inclusive };
    else if (range?.upper) lower = { key: [...combo, bracketStart(range.upper.value)], inclusive: true };
    if (range?.upper) upper = { key: [...combo, range.upper.value], inclusive: range.upper.inclusive };
    let stopped = false;
    index.keys.scan(lower, upper, (key, rid) => {
      if (range) {
        const b = bracketOf(index.keys.field(key, at));
        // Past the range's type: forwards nothing more can match; backwards, higher types come first.
        if (b !== bracket) return reverse ? b > bracket : b < bracket;
      }
      if (seen) {
        if (seen.has(rid)) return true;
        seen.add(rid);
      }
      const doc = coll.docs.get(rid);
      if (!doc || visit(doc)) return true;
      stopped = true;
      return false;
    }, reverse);
    if (stopped) return;
  }
}

/*
 * The three ways of reading candidates are classes rather than closures: a point read builds one
 * per request, and a class costs nothing to define again.
 */
class IdScan implements CandidateScan {
  readonly indexed = true;
  readonly indexName = '_id_';
  constructor(private readonly coll: CollectionData, private readonly ids: unknown[], readonly ordered: boolean) {}

  forEach(visit: (doc: Document) => boolean): void {
    if (this.ids.length === 1) {
      const rid = this.coll.ridOf(this.ids[0]);
      const doc = rid === undefined ? undefined : this.coll.docs.get(rid);
      if (doc) visit(doc);
      return;
    }
    const seen = new Set<number>();
    for (const value of this.ids) {
      const rid = this.coll.ridOf(value);
      if (rid === undefined || seen.has(rid)) continue;
      seen.add(rid);
      const doc = this.coll.docs.get(rid);
      if (doc && !visit(doc)) return;
    }
  }
}

class IndexScan implements CandidateScan {
  readonly indexed = true;
  constructor(private readonly coll: CollectionData, private readonly plan: IndexPlan) {}

  get ordered(): boolean {
    return this.plan.ordered;
  }

  get indexName(): string {
    return this.plan.index.spec.name;
  }

  forEach(visit: (doc: Document) => boolean): void {
    scanIndex(this.coll, this.plan, visit);
  }
}

class CollectionScan implements CandidateScan {
  readonly indexed = false;
  constructor(private readonly coll: CollectionData, readonly ordered: boolean) {}

  forEach(visit: (doc: Document) => boolean): void {
    for (const doc of this.coll.docs.values()) if (!visit(doc)) return;
  }
}

/**
 * How to read the candidates of `filter`: the `_id` map for `_id` equality, else the index
 * with the longest equality prefix (then a range on the next field, then serving the sort),
 * else the whole collection.
 */
export function planScan(coll: CollectionData, filter: Document | undefined, sort?: SortSpec): CandidateScan {
  // `{ _id: value, … }`, a point write's filter: the document with that `_id` is the only candidate.
  const id: unknown = filter?.['_id'];
  if (id !== undefined && isIndexableScalar(id)) return new IdScan(coll, [id], true);
  const conditions = fieldConditions(filter);
  const sorting = sort !== undefined && Object.keys(sort).length > 0;
  const idCondition = conditions.get('_id');
  if (idCondition?.kind === 'points') return new IdScan(coll, idCondition.values, !sorting || idCondition.values.length === 1);
  const plan = choosePlan(coll, conditions, sort);
  return plan ? new IndexScan(coll, plan) : new CollectionScan(coll, !sorting);
}

/**
 * The documents an index says may match `filter`, or null when no index applies and the
 * caller must scan. Callers still test each candidate against the whole filter.
 */
export function indexCandidates(coll: CollectionData, filter: Document | undefined): Document[] | null {
  const scan = planScan(coll, filter);
  if (!scan.indexed) return null;
  const out: Document[] = [];
  scan.forEach((doc) => {
    out.push(doc);
    return true;
  });
  return out;
}
