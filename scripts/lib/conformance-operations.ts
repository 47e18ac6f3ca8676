import type { Document } from 'bson';
import type { EntityMap } from './conformance-entities.js';

export interface Operation {
  object: string;
  name: string;
  arguments?: Document;
}

/** Raised for a test the runner does not run, with the reason printed on its line. */
export class SkipTest extends Error {}

type AnyCollection = {
  [method: string]: (...args: unknown[]) => unknown;
};

/** The arguments that become driver options: everything but the positional ones, with the session resolved. */
function options(entities: EntityMap, args: Document, positional: string[]): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(args)) {
    if (positional.includes(key)) continue;
    if (key === 'session') out['session'] = entities.session(String(value));
    else if (key === 'returnDocument') out['returnDocument'] = String(value).toLowerCase();
    else out[key] = value;
  }
  return out;
}

function plainResult(result: unknown, keys: string[]): Document {
  const out: Document = {};
  const source = result as Document;
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

const BULK_KEYS = ['deletedCount', 'insertedCount', 'insertedIds', 'matchedCount', 'modifiedCount', 'upsertedCount', 'upsertedIds'];
const UPDATE_KEYS = ['matchedCount', 'modifiedCount', 'upsertedCount', 'upsertedId'];

/** Normalises driver result objects so the matcher sees documents, as the format's examples do. */
export function resultOf(name: string, result: unknown): unknown {
  if (name === 'bulkWrite') return plainResult(result, BULK_KEYS);
  if (['updateOne', 'updateMany', 'replaceOne'].includes(name)) return plainResult(result, UPDATE_KEYS);
  if (name === 'insertMany') return plainResult(result, ['insertedIds']);
  if (name === 'insertOne') return plainResult(result, ['insertedId']);
  if (name === 'deleteOne' || name === 'deleteMany') return plainResult(result, ['deletedCount']);
  return result;
}

/** Whether `key` names a field anywhere in `value` (a bulk write's requests, a pipeline's stages). */
function mentions(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => mentions(item, key));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value as Document).some(([name, inner]) => name === key || mentions(inner, key));
}

function refuseByDesign(args: Document): void {
  if (mentions(args, 'collation')) throw new SkipTest('collation is refused by design');
  if (args['viewOn'] !== undefined) throw new SkipTest('views are refused by design');
  if (mentions(args['pipeline'], '$out') || mentions(args['pipeline'], '$merge')) throw new SkipTest('$out and $merge (aggregations writing to a collection) are refused by design');
  if (args['validator'] !== undefined) throw new SkipTest('document validation (validator) is not implemented');
}

async function collectionOperation(collection: AnyCollection, entities: EntityMap, op: Operation): Promise<unknown> {
  const a = op.arguments ?? {};
  refuseByDesign(a);
  const call = (method: string, ...args: unknown[]): unknown => collection[method]!.apply(collection, args);
  switch (op.name) {
    case 'insertOne': return call('insertOne', a['document'], options(entities, a, ['document']));
    case 'insertMany': return call('insertMany', a['documents'], options(entities, a, ['documents']));
    case 'find': return (call('find', a['filter'] ?? {}, options(entities, a, ['filter'])) as { toArray(): Promise<unknown> }).toArray();
    case 'findOne': return call('findOne', a['filter'] ?? {}, options(entities, a, ['filter']));
    case 'aggregate': return (call('aggregate', a['pipeline'], options(entities, a, ['pipeline'])) as { toArray(): Promise<unknown> }).toArray();
    case 'updateOne':
    case 'updateMany': return call(op.name, a['filter'], a['update'], options(entities, a, ['filter', 'update']));
    case 'replaceOne': return call('replaceOne', a['filter'], a['replacement'], options(entities, a, ['filter', 'replacement']));
    case 'deleteOne':
    case 'deleteMany': return call(op.name, a['filter'], options(entities, a, ['filter']));
    case 'findOneAndUpdate': return call('findOneAndUpdate', a['filter'], a['update'], options(entities, a, ['filter', 'update']));
    case 'findOneAndReplace': return call('findOneAndReplace', a['filter'], a['replacement'], options(entities, a, ['filter', 'replacement']));
    case 'findOneAndDelete': return call('findOneAndDelete', a['filter'], options(entities, a, ['filter']));
    case 'countDocuments': return call('countDocuments', a['filter'], options(entities, a, ['filter']));
    case 'estimatedDocumentCount': return call('estimatedDocumentCount', options(entities, a, []));
    case 'count': return call('count', a['filter'], options(entities, a, ['filter']));
    case 'distinct': return call('distinct', a['fieldName'], a['filter'] ?? {}, options(entities, a, ['fieldName', 'filter']));
    case 'bulkWrite': return call('bulkWrite', a['requests'], options(entities, a, ['requests']));
    case 'createIndex': return call('createIndex', a['keys'], options(entities, a, ['keys']));
    case 'dropIndex': return call('dropIndex', a['name'], options(entities, a, ['name']));
    case 'listIndexes': return (call('listIndexes', options(entities, a, [])) as { toArray(): Promise<unknown> }).toArray();
    case 'drop': return call('drop', options(entities, a, []));
    default: throw new Error(`collection operation ${op.name} is not supported by this runner`);
  }
}

async function databaseOperation(entities: EntityMap, op: Operation): Promise<unknown> {
  const db = entities.database(op.object);
  const a = op.arguments ?? {};
  refuseByDesign(a);
  switch (op.name) {
    case 'createCollection': return db.createCollection(String(a['collection']), options(entities, a, ['collection']));
    case 'dropCollection': return db.dropCollection(String(a['collection']), options(entities, a, ['collection']));
    case 'aggregate': return db.aggregate(a['pipeline'] as Document[], options(entities, a, ['pipeline'])).toArray();
    case 'runCommand': return db.command(a['command'] as Document, options(entities, a, ['command', 'commandName']));
    case 'listCollections': return db.listCollections(a['filter'] as Document, options(entities, a, ['filter'])).toArray();
    case 'listCollectionNames': return (await db.listCollections(a['filter'] as Document, { nameOnly: true }).toArray()).map((c) => c.name);
    default: throw new Error(`database operation ${op.name} is not supported by this runner`);
  }
}

async function sessionOperation(entities: EntityMap, op: Operation): Promise<unknown> {
  const session = entities.session(op.object);
  const a = op.arguments ?? {};
  switch (op.name) {
    case 'startTransaction': return session.startTransaction(a as never);
    case 'commitTransaction': return session.commitTransaction();
    case 'abortTransaction': return session.abortTransaction();
    case 'endSession': return session.endSession();
    default: throw new Error(`session operation ${op.name} is not supported by this runner`);
  }
}

/** Runs one operation of a test and returns its (normalised) result. */
export async function runOperation(entities: EntityMap, op: Operation, runner: (op: Operation) => Promise<unknown>): Promise<unknown> {
  if (op.object === 'testRunner') return runner(op);
  const entity = entities.get(op.object);
  switch (entity.kind) {
    case 'collection': return resultOf(op.name, await collectionOperation(entity.collection as unknown as AnyCollection, entities, op));
    case 'database': return databaseOperation(entities, op);
    case 'session': return sessionOperation(entities, op);
    case 'client':
      if (op.name === 'listDatabases') return (await entity.client.db('admin').admin().listDatabases()).databases;
      if (op.name === 'clientBulkWrite') throw new SkipTest('clientBulkWrite needs wire version 25, above the engine');
      throw new Error(`client operation ${op.name} is not supported by this runner`);
    default:
      throw new Error(`entity ${op.object} has no operations`);
  }
}
