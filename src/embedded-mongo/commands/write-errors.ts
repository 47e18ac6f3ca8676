import type { Document } from 'bson';
import { MongoCommandError } from '../mongo-error.js';

/**
 * A failed statement of insert/update/delete, reported in `writeErrors` with `ok: 1`.
 * Anything that is not a MongoDB error is a bug and is rethrown as a command failure.
 */
export function toWriteError(index: number, error: unknown): Document {
  if (!(error instanceof MongoCommandError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { index, code: 2, codeName: 'BadValue', errmsg: message };
  }
  return { index, code: error.code, codeName: error.codeName, errmsg: error.message, ...error.extra };
}

/** Runs each statement; ordered batches stop at the first failure, unordered ones go on. */
export function runStatements<T>(statements: T[], ordered: boolean, run: (statement: T, index: number) => void): Document[] {
  const errors: Document[] = [];
  for (let i = 0; i < statements.length; i += 1) {
    try {
      run(statements[i]!, i);
    } catch (error) {
      // Transaction failures (WriteConflict, NoSuchTransaction) fail the whole command, as in MongoDB.
      if (error instanceof MongoCommandError && error.errorLabels.length > 0) throw error;
      errors.push(toWriteError(i, error));
      if (ordered) break;
    }
  }
  return errors;
}

export function writeReply(body: Document, writeErrors: Document[]): Document {
  return writeErrors.length > 0 ? { ...body, writeErrors, ok: 1 } : { ...body, ok: 1 };
}
