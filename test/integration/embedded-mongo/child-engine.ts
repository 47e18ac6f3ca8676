import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildEngine {
  child: ChildProcess;
  uri: string;
}

/** Runs `scripts/engine.ts` in its own process (so it can be killed with SIGKILL) and waits for its URI line. */
export async function spawnChildEngine(dataDir: string): Promise<ChildEngine> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/engine.ts', '--data', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('mongodb://'));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`engine exited with ${String(code)}: ${stderr}`)));
  });
  return { child, uri };
}

export async function killHard(engine: ChildEngine): Promise<void> {
  if (engine.child.exitCode !== null || engine.child.signalCode !== null) return;
  const exited = once(engine.child, 'exit');
  engine.child.kill('SIGKILL');
  await exited;
}
