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

/** Sessions hold no server state outside transactions, so ending them is a no-op. */
export const endSessions: CommandHandler = () => ({ ok: 1 });

export const getParameter: CommandHandler = () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 });

export const serverStatus: CommandHandler = () => ({
  host: 'embedded',
  version: '7.0.0',
  process: 'embedded-mongo',
  uptime: Math.floor(process.uptime()),
  localTime: new Date(),
  ok: 1,
});
