import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { idKey } from '../storage/id-key.js';
import type { EventLoopYielder } from './event-loop-yielder.js';

/** A group bigger than this is accumulated in parts when its accumulators can be combined. */
const PART_SIZE = 4096;

/** How the partial results of each combinable accumulator are folded into the final one. */
const COMBINE: Record<string, string> = { $sum: '$sum', $count: '$sum', $min: '$min', $max: '$max', $first: '$first', $last: '$last', $push: '$push' };

function groupOnce(docs: Document[], spec: Document, options: Options): Document {
  return new Aggregator([{ $group: spec }], options).run(docs)[0] as Document;
}

function accumulatorOf(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const keys = Object.keys(value);
  return keys.length === 1 && COMBINE[keys[0]!] ? keys[0]! : null;
}

/** One group's result; a large group is accumulated part by part, pausing in between. */
async function groupBucket(docs: Document[], spec: Document, options: Options, yielder: EventLoopYielder): Promise<Document> {
  const fields = Object.entries(spec).filter(([field]) => field !== '_id');
  if (docs.length <= PART_SIZE || !fields.every(([, value]) => accumulatorOf(value))) return groupOnce(docs, spec, options);
  const partials: Document[] = [];
  for (let start = 0; start < docs.length; start += PART_SIZE) {
    partials.push(groupOnce(docs.slice(start, start + PART_SIZE), spec, options));
    if (yielder.due()) await yielder.pause();
  }
  const combine: Document = { _id: null };
  for (const [field, value] of fields) combine[field] = { [COMBINE[accumulatorOf(value)!]!]: `$${field}` };
  const combined = groupOnce(partials, combine, options);
  const out: Document = { _id: partials[0]!['_id'] };
  for (const [field, value] of fields) out[field] = accumulatorOf(value) === '$push' ? (combined[field] as unknown[][]).flat(1) : combined[field];
  return out;
}

const ownValue = (doc: Document, field: string): unknown => (Object.prototype.hasOwnProperty.call(doc, field) ? doc[field] : undefined);
const isTopLevelPath = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 1 && value[0] === '$' && value[1] !== '$' && !value.includes('.');

/**
 * For `_id: '$field'` or `_id: { name: '$field', … }` of top-level fields (a summary by state, language and
 * channel), a bucket key read from the document without evaluating the expression with mingo and turning the
 * result into EJSON, for every document. Undefined for a document whose object key holds anything but strings
 * (it takes the general key, which no string-only group shares), and for other `_id` expressions.
 */
function fieldsKey(id: unknown): ((doc: Document) => string | undefined) | undefined {
  if (isTopLevelPath(id)) {
    const field = id.slice(1);
    return (doc) => idKey(ownValue(doc, field) ?? null);
  }
  if (id === null || typeof id !== 'object' || Object.getPrototypeOf(id) !== Object.prototype) return undefined;
  const paths = Object.values(id as Document);
  if (paths.length === 0 || !paths.every(isTopLevelPath)) return undefined;
  const fields = paths.map((path) => path.slice(1));
  return (doc) => {
    // Not a character any idKey starts with; each value is prefixed by its length, so no two groups share a key.
    let key = '\u0001';
    for (const field of fields) {
      const value = ownValue(doc, field);
      if (typeof value !== 'string') return undefined;
      key += `${value.length}:${value}`;
    }
    return key;
  };
}

/**
 * `$group` that pauses between slices: documents are first sorted into their groups (the `_id`
 * expression evaluated by mingo, groups told apart by BSON equality), then mingo accumulates
 * each group on its own. Groups come out in the order they were first seen, as mingo's do.
 */
export async function groupInSlices(docs: Document[], spec: Document, options: Options, yielder: EventLoopYielder): Promise<Document[]> {
  const buckets = new Map<string, Document[]>();
  const fastKey = fieldsKey(spec['_id']);
  for (const doc of docs) {
    const key = fastKey?.(doc) ?? idKey(evalExpr(doc, spec['_id'], options) ?? null);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(doc);
    else buckets.set(key, [doc]);
    if (yielder.due()) await yielder.pause();
  }
  const out: Document[] = [];
  for (const bucket of buckets.values()) {
    out.push(await groupBucket(bucket, spec, options, yielder));
    if (yielder.due()) await yielder.pause();
  }
  return out;
}
