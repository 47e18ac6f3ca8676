import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { runStatements, writeReply } from './write-errors.js';
import { withId } from '../storage/collection-data.js';
import { cloneDocument } from '../query/clone-document.js';

export const insert: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'insert');
  const documents = (command['documents'] ?? []) as Document[];
  let n = 0;
  const writeErrors = runStatements(documents, command['ordered'] !== false, (doc) => {
    ctx.workspace.insert(ctx.db, coll, withId(cloneDocument(doc)));
    n += 1;
  });
  return writeReply({ n }, writeErrors);
};
