import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/embedded-mongo/index.js';

export interface TempEngine {
  engine: EmbeddedMongo;
  dataDir: string;
  /** Stops the engine and deletes its folder. */
  dispose(): Promise<void>;
}

/** A fresh engine in a fresh temporary folder, as every integration run gets. */
export async function startTempEngine(): Promise<TempEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'embedded-mongo-'));
  const engine = await startEmbeddedMongo({ dataDir });
  return {
    engine,
    dataDir,
    dispose: async () => {
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
