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

/**
 * `$group` that pauses between slices: documents are first sorted into their groups (the `_id`
 * expression evaluated by mingo, groups told apart by BSON equality), then mingo accumulates
 * each group on its own. Groups come out in the order they were first seen, as mingo's do.
 */
export async function groupInSlices(docs: Document[], spec: Document, options: Options, yielder: EventLoopYielder): Promise<Document[]> {
  const buckets = new Map<string, Document[]>();
  for (const doc of docs) {
    const key = idKey(evalExpr(doc, spec['_id'], options) ?? null);
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
