import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import type { IndexSpec } from '../indexes/collection-index.js';
import { bsonEquals } from '../indexes/bson-order.js';
import { MongoCommandError, badValue, namespaceNotFound } from '../mongo-error.js';

function defaultIndexName(key: Document): string {
  return Object.entries(key).map(([field, kind]) => `${field}_${String(kind)}`).join('_');
}

const OPTIONS_THAT_MATTER = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds'];

function sameOptions(a: Document, b: Document): boolean {
  return OPTIONS_THAT_MATTER.every((option) => bsonEquals(a[option] ?? null, b[option] ?? null));
}

function toIndexSpec(raw: Document): IndexSpec {
  const key = raw['key'] as IndexSpec['key'] | undefined;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) throw badValue('index key pattern must be a non-empty object');
  return { v: 2, ...raw, key, name: typeof raw['name'] === 'string' ? raw['name'] : defaultIndexName(key) };
}

export const createIndexes: CommandHandler = (command, ctx) => {
  const name = targetCollection(command, 'createIndexes');
  const requested = command['indexes'];
  if (!Array.isArray(requested) || requested.length === 0) throw badValue('Must specify at least one index to create');
  const specs = (requested as Document[]).map(toIndexSpec);
  if (ctx.transaction) {
    // Inside a transaction the index appears at commit, with the collection if that is new too.
    for (const spec of specs) ctx.transaction.deferCreateIndex(ctx.db, name, spec);
    return { numIndexesBefore: 1, numIndexesAfter: 1 + specs.length, createdCollectionAutomatically: !ctx.transaction.exists(ctx.db, name), ok: 1 };
  }
  const existed = ctx.catalog.collection(ctx.db, name) !== undefined;
  const coll = ctx.catalog.ensureCollection(ctx.db, name);
  const before = coll.indexes.size;
  for (const spec of specs) {
    const key = spec.key;
    const sameName = coll.indexes.get(spec.name);
    const sameKey = [...coll.indexes.values()].find((index) => bsonEquals(index.spec.key, key));
    if (sameName && bsonEquals(sameName.spec.key, key) && sameOptions(sameName.spec, spec)) continue;
    if (sameName) throw new MongoCommandError(86, 'IndexKeySpecsConflict', `An existing index has the same name as the requested index: ${spec.name}`);
    if (sameKey && spec.name !== '_id_') {
      throw new MongoCommandError(85, 'IndexOptionsConflict', `Index already exists with a different name: ${sameKey.spec.name}`);
    }
    ctx.catalog.createIndex(coll, spec);
  }
  return { numIndexesBefore: before, numIndexesAfter: coll.indexes.size, createdCollectionAutomatically: !existed, ok: 1 };
};

export const listIndexes: CommandHandler = (command, ctx) => {
  const name = targetCollection(command, 'listIndexes');
  const coll = ctx.catalog.collection(ctx.db, name);
  if (!coll) throw namespaceNotFound(`ns does not exist: ${ctx.db}.${name}`);
  const specs = [...coll.indexes.values()].map((index) => index.spec);
  const batchSize = (command['cursor'] as Document | undefined)?.['batchSize'];
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.${name}`, specs, batchSize === undefined ? undefined : Number(batchSize)), ok: 1 };
};

export const dropIndexes: CommandHandler = (command, ctx) => {
  const name = targetCollection(command, 'dropIndexes');
  const coll = ctx.catalog.collection(ctx.db, name);
  if (!coll) throw namespaceNotFound(`ns not found ${ctx.db}.${name}`);
  const nIndexesWas = coll.indexes.size;
  const target = command['index'];
  const names = target === '*'
    ? [...coll.indexes.keys()].filter((indexName) => indexName !== '_id_')
    : (Array.isArray(target) ? target : [target]).map((one) => resolveIndexName(coll.indexes, one));
  for (const indexName of names) {
    if (indexName === '_id_') throw new MongoCommandError(72, 'InvalidOptions', 'cannot drop _id index');
    ctx.catalog.dropIndex(coll, indexName);
  }
  return { nIndexesWas, ok: 1 };
};

function resolveIndexName(indexes: Map<string, { spec: IndexSpec }>, target: unknown): string {
  if (typeof target === 'string') {
    if (!indexes.has(target)) throw new MongoCommandError(27, 'IndexNotFound', `index not found with name [${target}]`);
    return target;
  }
  for (const [indexName, index] of indexes) if (bsonEquals(index.spec.key, target)) return indexName;
  throw new MongoCommandError(27, 'IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`);
}
