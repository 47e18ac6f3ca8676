import { MongoCommandError } from '../mongo-error.js';

const TRANSIENT = ['TransientTransactionError'];

export const writeConflict = (): MongoCommandError =>
  new MongoCommandError(112, 'WriteConflict', 'Write conflict during plan execution and yielding is disabled.', {}, TRANSIENT);

export const noSuchTransaction = (txnNumber: unknown): MongoCommandError =>
  new MongoCommandError(251, 'NoSuchTransaction', `Transaction with txnNumber ${String(txnNumber)} has been aborted.`, {}, TRANSIENT);

export const notInTransaction = (command: string): MongoCommandError =>
  new MongoCommandError(263, 'OperationNotSupportedInTransaction', `Cannot run '${command}' in a multi-document transaction.`);

export const transactionCommitted = (txnNumber: unknown): MongoCommandError =>
  new MongoCommandError(256, 'TransactionCommitted', `Transaction ${String(txnNumber)} has been committed.`);
