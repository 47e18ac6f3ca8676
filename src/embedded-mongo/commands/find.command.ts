import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { selectDocuments } from '../query/select-documents.js';
import { badValue } from '../mongo-error.js';
import { letVariables } from '../query/mingo-options.js';

function optionalNumber(command: Document, name: string): number | undefined {
  const value = command[name];
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw badValue(`${name} must be a number`);
  return n;
}

export const find: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'find');
  const limit = optionalNumber(command, 'limit');
  const skip = optionalNumber(command, 'skip');
  if (skip !== undefined && skip < 0) throw badValue('skip value must be non-negative');
  const docs = selectDocuments(ctx.workspace, ctx.db, coll, {
    filter: command['filter'] as Document | undefined,
    sort: command['sort'] as Document | undefined,
    projection: command['projection'] as Document | undefined,
    skip,
    limit,
    variables: letVariables(command['let']),
  });
  // A negative limit is the legacy way of asking for one batch.
  const singleBatch = command['singleBatch'] === true || (limit !== undefined && limit < 0);
  const cursor = ctx.cursors.firstBatch(`${ctx.db}.${coll}`, docs, optionalNumber(command, 'batchSize'), singleBatch);
  return { cursor, ok: 1 };
};

export const getMore: CommandHandler = (command, ctx) => {
  const cursor = ctx.cursors.nextBatch(command['getMore'], optionalNumber(command, 'batchSize'));
  return { cursor, ok: 1 };
};

export const killCursors: CommandHandler = (command, ctx) => {
  const { killed, notFound } = ctx.cursors.kill((command['cursors'] ?? []) as unknown[]);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};
