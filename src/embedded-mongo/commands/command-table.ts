import type { CommandHandler } from './command-context.js';
import { hello } from './handshake.command.js';
import { buildInfo, endSessions, getParameter, ping, serverStatus } from './server-info.command.js';
import { insert } from './insert.command.js';
import { find, getMore, killCursors } from './find.command.js';
import { update } from './update.command.js';
import { deleteCommand } from './delete.command.js';
import { findAndModify } from './find-and-modify.command.js';
import { count } from './count.command.js';
import { distinct } from './distinct.command.js';
import { aggregate } from './aggregate.command.js';
import { createIndexes, dropIndexes, listIndexes } from './indexes.command.js';
import { create, drop, listCollections } from './collections.command.js';
import { dropDatabase, listDatabases } from './databases.command.js';
import { abortTransaction, commitTransaction } from './transaction.command.js';
import { explain } from './explain.command.js';
import { collMod } from './coll-mod.command.js';

/** Every command the engine answers, by the name the driver sends. */
export const COMMANDS: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['hello', hello],
  ['isMaster', hello],
  ['ismaster', hello],
  ['ping', ping],
  ['buildInfo', buildInfo],
  ['buildinfo', buildInfo],
  ['endSessions', endSessions],
  ['getParameter', getParameter],
  ['serverStatus', serverStatus],
  ['insert', insert],
  ['find', find],
  ['getMore', getMore],
  ['killCursors', killCursors],
  ['update', update],
  ['delete', deleteCommand],
  ['findAndModify', findAndModify],
  ['findandmodify', findAndModify],
  ['count', count],
  ['distinct', distinct],
  ['aggregate', aggregate],
  ['createIndexes', createIndexes],
  ['listIndexes', listIndexes],
  ['dropIndexes', dropIndexes],
  ['create', create],
  ['drop', drop],
  ['listCollections', listCollections],
  ['listDatabases', listDatabases],
  ['dropDatabase', dropDatabase],
  ['commitTransaction', commitTransaction],
  ['abortTransaction', abortTransaction],
  ['explain', explain],
  ['collMod', collMod],
]);

/** What MongoDB lets a multi-document transaction run. */
export const TRANSACTION_COMMANDS = new Set([
  'find', 'getMore', 'killCursors', 'insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'aggregate',
  'distinct', 'create', 'createIndexes', 'commitTransaction', 'abortTransaction',
]);

/** Commands that change nothing: they never wait for the journal. */
export const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);
