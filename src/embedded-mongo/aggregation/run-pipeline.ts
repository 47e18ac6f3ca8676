import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { Options } from 'mingo/types';
import { EventLoopYielder } from './event-loop-yielder.js';
import { groupInSlices } from './group-in-slices.js';
import { isDirectionSort, sortInSlices } from './sort-in-slices.js';

/** Below this many input documents, `$group` is left to mingo in one go. */
const SLICED_FROM = 2000;

async function streamStages(docs: Document[], stages: Document[], options: Options, yielder: EventLoopYielder): Promise<Document[]> {
  if (stages.length === 0) return docs;
  const iterator = new Aggregator(stages, options).stream(docs);
  const out: Document[] = [];
  for (;;) {
    const next = iterator.next();
    if (next.done) break;
    out.push(next.value as Document);
    if (yielder.due()) await yielder.pause();
  }
  return out;
}

/**
 * Runs a pipeline with mingo, pausing between slices so one long aggregation does not hold up
 * every other client. Streaming stages run through mingo's lazy iterator; `$sort`, `$group` and
 * `$sortByCount` (MongoDB's `$group` then `$sort`), which need their whole input, run in slices.
 * `$sort` always runs here, so arrays sort by their smallest or largest element as in MongoDB.
 */
export async function runPipeline(source: Document[], stages: Document[], options: Options): Promise<Document[]> {
  const yielder = new EventLoopYielder();
  let docs = source;
  let pending: Document[] = [];
  for (const stage of stages) {
    const name = Object.keys(stage)[0];
    const body: unknown = name === undefined ? undefined : stage[name];
    const sliceable = (name === '$sort' && isDirectionSort(body)) || (name === '$group' && body !== null && typeof body === 'object' && '_id' in body) || name === '$sortByCount';
    if (!sliceable) {
      pending.push(stage);
      continue;
    }
    docs = await streamStages(docs, pending, options, yielder);
    pending = [];
    if (name !== '$sort' && docs.length < SLICED_FROM) {
      pending.push(stage);
      continue;
    }
    if (name === '$sort') docs = await sortInSlices(docs, body as Record<string, 1 | -1>, yielder);
    else if (name === '$group') docs = await groupInSlices(docs, body as Document, options, yielder);
    else docs = await sortInSlices(await groupInSlices(docs, { _id: body, count: { $sum: 1 } }, options, yielder), { count: -1 }, yielder);
  }
  return streamStages(docs, pending, options, yielder);
}
