import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';

/**
 * `npm run engine -- --data <dir> --port <n> [--snapshot-after-bytes <n>] [--erase-compaction-ms <n>]`: runs the embedded
 * engine alone and prints its URI.
 */
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '.data/engine' },
    port: { type: 'string', default: '0' },
    'snapshot-after-bytes': { type: 'string' },
    'erase-compaction-ms': { type: 'string' },
  },
});

const snapshotAfter = values['snapshot-after-bytes'];
const engine = await startEmbeddedMongo({
  dataDir: resolve(values.data),
  port: Number(values.port),
  ...(snapshotAfter === undefined ? {} : { snapshotAfterBytes: Number(snapshotAfter) }),
  ...(values['erase-compaction-ms'] === undefined ? {} : { eraseCompactionMs: Number(values['erase-compaction-ms']) }),
});
process.stdout.write(`${engine.uri}\n`);

const shutdown = (): void => {
  engine.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`engine stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
