import { Binary, type Document } from 'bson';
import { Query } from 'mingo/query';
import { targetCollection, type CommandHandler } from './command-context.js';
import { ID_INDEX_SPEC } from '../storage/collection-data.js';
import { mingoOptions } from '../query/mingo-options.js';
import { namespaceExists, notSupported } from '../mongo-error.js';

const REFUSED_CREATE_OPTIONS = ['capped', 'viewOn', 'timeseries', 'clusteredIndex', 'changeStreamPreAndPostImages'];

export const create: CommandHandler = (command, ctx) => {
  const name = targetCollection(command, 'create');
  const options: Document = {};
  for (const [key, value] of Object.entries(command)) {
    if (key === 'create' || key.startsWith('$') || ['lsid', 'txnNumber', 'autocommit', 'startTransaction', 'writeConcern', 'comment'].includes(key)) continue;
    if (REFUSED_CREATE_OPTIONS.includes(key) && value) {
      throw notSupported(`option '${key}' is not supported by the embedded engine`);
    }
    options[key] = value;
  }
  if (ctx.transaction) {
    if (ctx.transaction.exists(ctx.db, name)) throw namespaceExists(`Collection ${ctx.db}.${name} already exists.`);
    ctx.transaction.deferCreateCollection(ctx.db, name, options);
  } else {
    ctx.catalog.createCollection(ctx.db, name, options);
  }
  return { ok: 1 };
};

/** As MongoDB 7 does, dropping a collection that does not exist succeeds. */
export const drop: CommandHandler = (command, ctx) => {
  const name = targetCollection(command, 'drop');
  if (!ctx.catalog.collection(ctx.db, name)) return { ns: `${ctx.db}.${name}`, ok: 1 };
  const coll = ctx.catalog.dropCollection(ctx.db, name);
  return { ns: coll.ns, nIndexesWas: coll.indexes.size, ok: 1 };
};

export const listCollections: CommandHandler = (command, ctx) => {
  const nameOnly = command['nameOnly'] === true;
  const entries = ctx.catalog.collections(ctx.db).map((coll) =>
    nameOnly
      ? { name: coll.name, type: 'collection' }
      : {
          name: coll.name,
          type: 'collection',
          options: coll.options,
          info: { readOnly: false, uuid: new Binary(coll.uuid, Binary.SUBTYPE_UUID) },
          idIndex: ID_INDEX_SPEC,
        },
  );
  const filter = command['filter'] as Document | undefined;
  const selected = filter && Object.keys(filter).length > 0 ? new Query(filter, mingoOptions()).find<Document>(entries).all() : entries;
  const batchSize = (command['cursor'] as Document | undefined)?.['batchSize'];
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, selected, batchSize === undefined ? undefined : Number(batchSize)), ok: 1 };
};
