import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { CommandHandler } from './command-context.js';
import { mingoOptions } from '../query/mingo-options.js';

export const listDatabases: CommandHandler = (command, ctx) => {
  const all = ctx.catalog.databaseNames().map((name) => ({
    name,
    sizeOnDisk: 0,
    empty: ctx.catalog.collections(name).every((coll) => coll.docs.size === 0),
  }));
  const filter = command['filter'] as Document | undefined;
  const databases = filter && Object.keys(filter).length > 0 ? new Query(filter, mingoOptions()).find<Document>(all).all() : all;
  if (command['nameOnly'] === true) return { databases: databases.map((db) => ({ name: db['name'] })), ok: 1 };
  return { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
};

export const dropDatabase: CommandHandler = (_command, ctx) => {
  ctx.catalog.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};
