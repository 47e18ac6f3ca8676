import type { Document } from 'bson';
import { COMMANDS, TRANSACTION_COMMANDS } from './command-table.js';
import type { CommandContext, CommandHandler, ConnectionInfo } from './command-context.js';
import type { EngineState } from '../engine-state.js';
import { sessionKey } from '../transactions/transaction-registry.js';
import { WriteBlockedByTransaction, notInTransaction } from '../transactions/transaction-errors.js';
import type { Transaction } from '../transactions/transaction.js';
import { MongoCommandError, commandNotFound, toErrorReply, badValue } from '../mongo-error.js';
import { refuseCollation } from './collation.js';

const OPERATION_NOT_SUPPORTED_IN_TRANSACTION = 263;
const ENDS_TRANSACTION = new Set(['commitTransaction', 'abortTransaction']);
/** Document writes that, outside a transaction, wait for an open transaction holding a document they touch. */
const WAITING_WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

const maxTimeExpired = (): MongoCommandError => new MongoCommandError(50, 'MaxTimeMSExpired', 'operation exceeded time limit');

/**
 * Runs a write outside any transaction all-or-nothing; when it reaches a document an open
 * transaction wrote, its changes so far are undone, and it runs again once that transaction
 * has ended (or fails with MaxTimeMSExpired past the command's `maxTimeMS`).
 */
async function runWaitingWrite(handler: CommandHandler, command: Document, ctx: CommandContext): Promise<Document> {
  const maxTimeMS = Number(command['maxTimeMS'] ?? 0);
  const deadline = maxTimeMS > 0 ? Date.now() + maxTimeMS : Infinity;
  for (;;) {
    try {
      return await ctx.catalog.transact(() => handler(command, ctx));
    } catch (error) {
      if (!(error instanceof WriteBlockedByTransaction)) throw error;
      if (deadline === Infinity) {
        await error.finished;
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()));
      });
      const expired = await Promise.race([error.finished.then(() => false), timedOut]);
      clearTimeout(timer);
      if (expired) throw maxTimeExpired();
    }
  }
}

/** A one-member set cannot acknowledge w > 1: the write stands, and the reply says so as MongoDB does. */
function withWriteConcernOutcome(command: Document, reply: Document): Document {
  const w = (command['writeConcern'] as Document | undefined)?.['w'];
  if (typeof w !== 'number' || w <= 1 || reply['ok'] !== 1) return reply;
  return { ...reply, writeConcernError: { code: 100, codeName: 'UnsatisfiableWriteConcern', errmsg: 'Not enough data-bearing nodes' } };
}

/**
 * Runs one command document and returns the reply document. A reply that follows writes is
 * held back until the journal has them on disk.
 */
export async function dispatchCommand(engine: EngineState, connection: ConnectionInfo, command: Document): Promise<Document> {
  const session = sessionKey(command);
  let transaction: Transaction | undefined;
  try {
    const name = Object.keys(command)[0];
    if (!name) throw badValue('empty command');
    const handler = COMMANDS.get(name);
    if (!handler) throw commandNotFound(name);
    refuseCollation(command);
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
    const reply = !transaction && WAITING_WRITES.has(name) ? await runWaitingWrite(handler, command, ctx) : await handler(command, ctx);
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
