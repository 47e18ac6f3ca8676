import type { CommandHandler } from './command-context.js';

export const commitTransaction: CommandHandler = (command, ctx) => {
  ctx.transactions.commit(ctx.session, command);
  return { ok: 1 };
};

export const abortTransaction: CommandHandler = (command, ctx) => {
  ctx.transactions.abort(ctx.session, command);
  return { ok: 1 };
};
