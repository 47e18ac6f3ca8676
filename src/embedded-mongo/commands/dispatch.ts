import type { Document } from 'bson';
import { COMMANDS, TRANSACTION_COMMANDS } from './command-table.js';
import type { CommandContext, ConnectionInfo } from './command-context.js';
import type { EngineState } from '../engine-state.js';
import { sessionKey } from '../transactions/transaction-registry.js';
import { notInTransaction } from '../transactions/transaction-errors.js';
import type { Transaction } from '../transactions/transaction.js';
import { MongoCommandError, commandNotFound, toErrorReply, badValue } from '../mongo-error.js';

const OPERATION_NOT_SUPPORTED_IN_TRANSACTION = 263;
const ENDS_TRANSACTION = new Set(['commitTransaction', 'abortTransaction']);

/**
 * Runs one command document and returns the reply document. A reply that follows writes is
 * held back until the journal has them on disk.
 */
/** A one-member set cannot acknowledge w > 1: the write stands, and the reply says so as MongoDB does. */
function withWriteConcernOutcome(command: Document, reply: Document): Document {
  const w = (command['writeConcern'] as Document | undefined)?.['w'];
  if (typeof w !== 'number' || w <= 1 || reply['ok'] !== 1) return reply;
  return { ...reply, writeConcernError: { code: 100, codeName: 'UnsatisfiableWriteConcern', errmsg: 'Not enough data-bearing nodes' } };
}

export async function dispatchCommand(engine: EngineState, connection: ConnectionInfo, command: Document): Promise<Document> {
  const session = sessionKey(command);
  let transaction: Transaction | undefined;
  try {
    const name = Object.keys(command)[0];
    if (!name) throw badValue('empty command');
    const handler = COMMANDS.get(name);
    if (!handler) throw commandNotFound(name);
    if (session) engine.transactions.touch(session, command['lsid'] as Document);
    if (command['autocommit'] === false && session && !ENDS_TRANSACTION.has(name)) {
      if (!TRANSACTION_COMMANDS.has(name)) throw notInTransaction(name);
      transaction = engine.transactions.join(session, command);
    }
    const db = typeof command['$db'] === 'string' ? command['$db'] : 'admin';
    const before = engine.journal.sequence;
    const ctx: CommandContext = {
      db,
      catalog: engine.catalog,
      cursors: engine.cursors,
      workspace: transaction ?? engine.workspace,
      connection,
      transactions: engine.transactions,
      session,
      ...(transaction ? { transaction } : {}),
    };
    const reply = await handler(command, ctx);
    if (transaction && session && reply['writeErrors']) engine.transactions.abortAfterError(session);
    const after = engine.journal.sequence;
    if (after !== before) await engine.journal.waitFor(after);
    return withWriteConcernOutcome(command, reply);
  } catch (error) {
    const failedInside = transaction && session && !(error instanceof MongoCommandError && error.code === OPERATION_NOT_SUPPORTED_IN_TRANSACTION);
    if (failedInside) engine.transactions.abortAfterError(session);
    return toErrorReply(error);
  }
}
