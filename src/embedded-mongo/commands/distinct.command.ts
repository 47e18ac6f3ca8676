import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { selectDocuments } from '../query/select-documents.js';
import { valuesAtPath } from '../indexes/key-paths.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { badValue } from '../mongo-error.js';

export const distinct: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'distinct');
  const key = command['key'];
  if (typeof key !== 'string') throw badValue('distinct key must be a string');
  const docs = selectDocuments(ctx.workspace, ctx.db, coll, { filter: command['query'] as Document | undefined });
  const values: unknown[] = [];
  for (const doc of docs) {
    for (const value of valuesAtPath(doc, key)) {
      // A missing field contributes nothing; an explicit null does.
      if (value === undefined || (value === null && !hasExplicitNull(doc, key))) continue;
      if (!values.some((seen) => bsonEquals(seen, value))) values.push(value);
    }
  }
  return { values, ok: 1 };
};

function hasExplicitNull(doc: Document, path: string): boolean {
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in (node as Document))) return false;
    node = (node as Document)[part];
  }
  return node === null;
}
