import type { CommandHandler } from './command-context.js';

export const ping: CommandHandler = () => ({ ok: 1 });

export const buildInfo: CommandHandler = () => ({
  version: '7.0.0',
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['embedded'],
  modules: [],
  ok: 1,
});

/** Ending a session aborts its open transaction; sessions hold no other server state. */
export const endSessions: CommandHandler = (command, ctx) => {
  const ids = (command['endSessions'] ?? []) as Array<{ id?: { buffer?: Uint8Array } }>;
  ctx.transactions.endSessions(ids.flatMap((lsid) => (lsid.id?.buffer ? [Buffer.from(lsid.id.buffer).toString('hex')] : [])));
  return { ok: 1 };
};

export const getParameter: CommandHandler = () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 });

export const serverStatus: CommandHandler = () => ({
  host: 'embedded',
  version: '7.0.0',
  process: 'embedded-mongo',
  uptime: Math.floor(process.uptime()),
  localTime: new Date(),
  ok: 1,
});
