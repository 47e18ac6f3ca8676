import { rmSync, statSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export class DataDirInUse extends Error {}

/**
 * One engine process per data folder, held by a listening unix socket rather than a pid in a file.
 *
 * The kernel closes a process's sockets when it dies, before its parent reaps it, so a restart right after
 * `kill -9` always finds the folder free; a pid file answered `kill(pid, 0)` for the zombie (and for an unrelated
 * process that reused the pid) and refused that restart. MongoDB's `mongod.lock` is an `flock` on an open file,
 * which behaves the same, but Node has no `flock`: `fs-ext` is a native addon that must be compiled at install
 * (no prebuilt binaries; our images and CI build none), and `proper-lockfile` judges staleness by mtime, so a
 * killed engine would hold the folder until its lock aged out.
 *
 * On Linux the socket is in the abstract namespace, named after the folder's device and inode: no file is left
 * behind, a second `bind` fails with EADDRINUSE atomically, and any path to the same folder (symlink, relative)
 * names the same lock. The abstract namespace belongs to a network namespace, so two containers that share a
 * volume but not a network do not see each other's lock (run one engine per volume). Elsewhere (macOS, for
 * development) the socket is `engine.sock` in the folder: a bind that finds it and cannot connect to it takes
 * it over, as the file is then left by a dead process.
 */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  // A folder written by an earlier version holds its pid file: it no longer means anything.
  rmSync(join(dataDir, 'engine.lock'), { force: true });
  const { dev, ino } = statSync(dataDir);
  const abstract = process.platform === 'linux';
  const address = abstract ? `\0sportello-embedded-mongo-${dev}-${ino}` : join(dataDir, 'engine.sock');
  const inUse = (): DataDirInUse =>
    new DataDirInUse(`data folder ${dataDir} is in use by another embedded engine; stop it or choose another --data folder`);
  let server: Server;
  try {
    server = await listen(address);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (abstract || (await answers(address))) throw inUse();
    rmSync(address, { force: true });
    try {
      server = await listen(address);
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === 'EADDRINUSE') throw inUse();
      throw retryError;
    }
  }
  // Whoever connects (a second engine checking a socket file) is told nothing and let go.
  server.on('connection', (socket) => socket.destroy());
  server.unref();
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function listen(address: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Whether a live process listens on the socket file (connection refused: it was left by a dead one). */
function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
