import { existsSync } from 'node:fs';
import { ConfigError } from '../platform/config.js';
import type { RunningSportello, StartOptions } from '../main.js';

/**
 * `npm start` and `npm run worker`: starts Sportello from the environment (and an optional `.env`), says where it
 * runs, and stops it cleanly on a signal, within the grace period, or when the demo's launcher goes away.
 */
export async function runFromCommandLine(start: (env: NodeJS.ProcessEnv, options: StartOptions) => Promise<RunningSportello>): Promise<void> {
  // An optional .env file; variables already in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let running: RunningSportello;
  try {
    running = await start(process.env, { worker: process.argv.includes('--worker') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`sportello: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`sportello: failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Sportello is running at ${running.url}\n`);
  if (!process.argv.includes('--worker')) {
    process.stdout.write(`Staff console:   ${new URL('/console/', running.url).href}\nAPI docs:        ${new URL('/api/docs', running.url).href}\n`);
  }
  const demo = running.demoCredentials;
  if (demo) {
    process.stdout.write(`Admin e-mail:    ${demo.email}\nAdmin password:  ${demo.password}\nAdmin API token: ${demo.token}\n`);
  }
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), running.config.shutdownGraceMs);
    force.unref();
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started by `npm run demo` over an IPC channel: if the demo's launcher dies (even by kill -9), the channel
  // closes and the service stops cleanly with it, instead of running on as an orphan with its private Redis.
  if (process.send) process.on('disconnect', () => shutdown('launcher exited'));
}
