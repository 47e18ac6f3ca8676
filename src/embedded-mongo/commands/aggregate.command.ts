import type { Document } from 'bson';
import type { CommandHandler } from './command-context.js';
import { letVariables, mingoOptions } from '../query/mingo-options.js';
import { refuseUnsupportedStages } from '../query/refused-operators.js';
import { badValue } from '../mongo-error.js';
import { runPipeline } from '../aggregation/run-pipeline.js';
import { compilePlainFilter } from '../query/filter.js';

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
  // A leading $match that find's filter reads directly is tested that way, not by mingo for every candidate.
  const plainMatch = leadingMatch ? compilePlainFilter(leadingMatch) : null;
  const stages = (listsSessions || plainMatch ? pipeline.slice(1) : pipeline) as Document[];
  const matched = plainMatch ? source.filter(plainMatch) : source;
  const docs = await runPipeline(matched, stages, mingoOptions(resolver, letVariables(command['let'])));
  const cursorOptions = (command['cursor'] ?? {}) as Document;
  const ns = `${ctx.db}.${typeof target === 'string' ? target : '$cmd.aggregate'}`;
  const batchSize = cursorOptions['batchSize'] === undefined ? undefined : Number(cursorOptions['batchSize']);
  return { cursor: ctx.cursors.firstBatch(ns, docs, batchSize), ok: 1 };
};
