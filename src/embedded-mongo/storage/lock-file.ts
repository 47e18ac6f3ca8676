import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUse extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One engine process per data folder. A lock left by a killed process (its pid is gone) is
 * taken over, so a restart after `kill -9` works.
 */
export function acquireLock(dataDir: string): () => void {
  const path = join(dataDir, 'engine.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUse(`data folder ${dataDir} is in use by another embedded engine (pid ${owner}); stop it or choose another --data folder`);
      }
      if (owner === process.pid) {
        throw new DataDirInUse(`data folder ${dataDir} is already open in this process`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirInUse(`could not lock data folder ${dataDir}`);
}
