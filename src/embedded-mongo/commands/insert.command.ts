import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { runStatements, writeReply } from './write-errors.js';
import { withId } from '../storage/collection-data.js';
import { receivedBytes } from '../wire/received-documents.js';
import { badValue } from '../mongo-error.js';

/** MongoDB refuses an array `_id` and a `$`-prefixed field inside an `_id` document. */
function checkId(id: unknown): void {
  if (id === null || typeof id !== 'object') return;
  if (Array.isArray(id)) throw badValue("can't use an array for _id");
  if (Object.getPrototypeOf(id) !== Object.prototype) return;
  const dollar = Object.keys(id).find((key) => key.startsWith('$'));
  if (dollar) throw badValue(`_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`);
}

export const insert: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'insert');
  const documents = (command['documents'] ?? []) as Document[];
  let n = 0;
  // The documents were just decoded from the request, which nothing else holds: they are stored as they are.
  const writeErrors = runStatements(documents, command['ordered'] !== false, (doc, index) => {
    checkId(doc['_id']);
    const stored = withId(doc);
    ctx.workspace.insert(ctx.db, coll, stored, stored === doc ? receivedBytes(documents, index) : undefined);
    n += 1;
  });
  return writeReply({ n }, writeErrors);
};
