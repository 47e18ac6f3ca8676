import { EJSON, type Document } from 'bson';
import { MongoCommandError } from '../mongo-error.js';

/** The E11000 error MongoDB raises, with the keyPattern and keyValue mongoose reads. */
export function duplicateKeyError(ns: string, indexName: string, keyPattern: Document, keyValue: Document): MongoCommandError {
  const shown = EJSON.stringify(keyValue, { relaxed: true }).replace(/"([^"]+)":/g, '$1: ').replace(/^\{/, '{ ').replace(/\}$/, ' }');
  return new MongoCommandError(
    11000,
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${shown}`,
    { keyPattern, keyValue },
  );
}
