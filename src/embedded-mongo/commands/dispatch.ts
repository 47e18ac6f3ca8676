import type { Document } from 'bson';
import { COMMANDS } from './command-table.js';
import type { CommandContext, ConnectionInfo } from './command-context.js';
import type { EngineState } from '../engine-state.js';
import { commandNotFound, toErrorReply, badValue } from '../mongo-error.js';

/**
 * Runs one command document and returns the reply document. A reply that follows writes is
 * held back until the journal has them on disk.
 */
export async function dispatchCommand(engine: EngineState, connection: ConnectionInfo, command: Document): Promise<Document> {
  try {
    const name = Object.keys(command)[0];
    if (!name) throw badValue('empty command');
    const handler = COMMANDS.get(name);
    if (!handler) throw commandNotFound(name);
    const db = typeof command['$db'] === 'string' ? command['$db'] : 'admin';
    const before = engine.journal.sequence;
    const ctx: CommandContext = {
      db,
      catalog: engine.catalog,
      cursors: engine.cursors,
      workspace: engine.workspace,
      connection,
      inTransaction: false,
    };
    const reply = await handler(command, ctx);
    const after = engine.journal.sequence;
    if (after !== before) await engine.journal.waitFor(after);
    return reply;
  } catch (error) {
    return toErrorReply(error);
  }
}
