import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { runStatements, writeReply } from './write-errors.js';
import { withId } from '../storage/collection-data.js';
import { receivedBytes } from '../wire/received-documents.js';

export const insert: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'insert');
  const documents = (command['documents'] ?? []) as Document[];
  let n = 0;
  // The documents were just decoded from the request, which nothing else holds: they are stored as they are.
  const writeErrors = runStatements(documents, command['ordered'] !== false, (doc, index) => {
    const stored = withId(doc);
    ctx.workspace.insert(ctx.db, coll, stored, stored === doc ? receivedBytes(documents, index) : undefined);
    n += 1;
  });
  return writeReply({ n }, writeErrors);
};
