import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { runStatements, writeReply } from './write-errors.js';
import { selectDocuments } from '../query/select-documents.js';
import { letVariables } from '../query/mingo-options.js';

export const deleteCommand: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'delete');
  const statements = (command['deletes'] ?? []) as Document[];
  const variables = letVariables(command['let']);
  let n = 0;
  const writeErrors = runStatements(statements, command['ordered'] !== false, (statement) => {
    const limit = Number(statement['limit'] ?? 0);
    const victims = selectDocuments(ctx.workspace, ctx.db, coll, { filter: statement['q'] as Document, limit: limit === 1 ? 1 : 0, variables });
    for (const doc of victims) ctx.workspace.remove(ctx.db, coll, doc);
    n += victims.length;
  });
  return writeReply({ n }, writeErrors);
};
