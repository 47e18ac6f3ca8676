import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { selectDocuments } from '../query/select-documents.js';

export const count: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'count');
  const docs = selectDocuments(ctx.workspace, ctx.db, coll, {
    filter: command['query'] as Document | undefined,
    skip: Number(command['skip'] ?? 0),
    limit: Number(command['limit'] ?? 0),
  });
  return { n: docs.length, ok: 1 };
};
