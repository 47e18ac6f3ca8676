import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { CommandHandler } from './command-context.js';
import { mingoOptions } from '../query/mingo-options.js';
import { refuseUnsupportedStages } from '../query/refused-operators.js';
import { badValue } from '../mongo-error.js';

/** Documents handed to the pipeline per slice; between slices the event loop serves others. */
const YIELD_EVERY = 1000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const aggregate: CommandHandler = async (command, ctx) => {
  const target = command['aggregate'];
  const pipeline = command['pipeline'];
  if (!Array.isArray(pipeline)) throw badValue("'pipeline' option must be specified as an array");
  refuseUnsupportedStages(pipeline);
  if (command['explain']) throw badValue('explain is not supported by the embedded engine');
  // `aggregate: 1` runs a collection-less pipeline (starting with $documents).
  const first = pipeline[0] as Document | undefined;
  const leadingMatch = first && '$match' in first ? (first['$match'] as Document) : undefined;
  const listsSessions = first !== undefined && '$listLocalSessions' in first;
  const source = listsSessions
    ? ctx.transactions.localSessions()
    : typeof target === 'string'
      ? ctx.workspace.candidates(ctx.db, target, leadingMatch)
      : [];
  const resolver = (name: string): Document[] => ctx.workspace.candidates(ctx.db, name);
  const stages = (listsSessions ? pipeline.slice(1) : pipeline) as Document[];
  const aggregator = new Aggregator(stages, mingoOptions(resolver, command['let'] as Document | undefined));
  const iterator = aggregator.stream(source);
  const docs: Document[] = [];
  for (;;) {
    const next = iterator.next();
    if (next.done) break;
    docs.push(next.value as Document);
    if (docs.length % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  const cursorOptions = (command['cursor'] ?? {}) as Document;
  const ns = `${ctx.db}.${typeof target === 'string' ? target : '$cmd.aggregate'}`;
  const batchSize = cursorOptions['batchSize'] === undefined ? undefined : Number(cursorOptions['batchSize']);
  return { cursor: ctx.cursors.firstBatch(ns, docs, batchSize), ok: 1 };
};
