import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { MongoCommandError, badValue, namespaceNotFound } from '../mongo-error.js';

/**
 * `collMod`: a TTL index's `expireAfterSeconds` changed in place (the one change an application makes to a live
 * collection: a retention period), and the index options that change nothing here (`hidden: false`). Document
 * validation is not implemented: a validator is refused rather than stored and ignored.
 */
export const collMod: CommandHandler = (command, ctx) => {
  const name = targetCollection(command, 'collMod');
  const coll = ctx.catalog.collection(ctx.db, name);
  if (!coll) throw namespaceNotFound(`ns does not exist: ${ctx.db}.${name}`);
  const reply: Document = { ok: 1 };
  for (const option of Object.keys(command)) {
    if (option === 'collMod' || option.startsWith('$') || ['lsid', 'txnNumber', 'writeConcern', 'comment', 'maxTimeMS'].includes(option)) continue;
    if (option !== 'index') {
      throw new MongoCommandError(238, 'NotImplemented', `collMod option '${option}' is not supported by the embedded engine`);
    }
  }
  const change = command['index'] as Document | undefined;
  if (change === undefined) return reply;
  if (change === null || typeof change !== 'object') throw badValue('index must be an object');
  const target = [...coll.indexes.values()].find((index) =>
    typeof change['name'] === 'string' ? index.spec.name === change['name'] : bsonEquals(index.spec.key, change['keyPattern']),
  );
  if (!target) throw new MongoCommandError(27, 'IndexNotFound', `cannot find index ${JSON.stringify(change['name'] ?? change['keyPattern'])} for ns ${ctx.db}.${name}`);
  for (const option of Object.keys(change)) {
    if (['name', 'keyPattern', 'expireAfterSeconds'].includes(option) || (option === 'hidden' && change['hidden'] === false)) continue;
    throw new MongoCommandError(238, 'NotImplemented', `collMod index option '${option}' is not supported by the embedded engine`);
  }
  const seconds: unknown = change['expireAfterSeconds'];
  if (seconds === undefined) return reply;
  if (target.spec.expireAfterSeconds === undefined) throw new MongoCommandError(72, 'InvalidOptions', 'no expireAfterSeconds field to update');
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) throw badValue('expireAfterSeconds must be a number >= 0');
  const old = target.spec.expireAfterSeconds;
  // Dropped and created again under the same name: the journal already replays both changes.
  ctx.catalog.dropIndex(coll, target.spec.name);
  ctx.catalog.createIndex(coll, { ...target.spec, expireAfterSeconds: seconds });
  return { expireAfterSeconds_old: old, expireAfterSeconds_new: seconds, ok: 1 };
};
