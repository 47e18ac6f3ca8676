import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The spec folders the default run takes, under a specs root. */
export const SPEC_FOLDERS = ['crud', 'transactions'] as const;

export interface SpecsLookup {
  /** The first candidate holding a spec folder; undefined when none does. */
  root: string | undefined;
  /** Every place looked at, in order, for the message when nothing is found. */
  tried: string[];
}

const hasSpecs = (root: string): boolean => SPEC_FOLDERS.some((folder) => existsSync(join(root, folder)));

/**
 * The folder a clone's `origin` points to when it is on this machine (a path or a `file://` URL); undefined for
 * a network remote, no `origin`, or no git at all.
 */
export function localOriginPath(repoRoot: string): string | undefined {
  let url: string;
  try {
    url = execFileSync('git', ['-C', repoRoot, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
  if (url.startsWith('file://')) return fileURLToPath(url);
  // `https://…`, `ssh://…` and scp-like `git@host:path` are remote.
  if (url === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+:/.test(url)) return undefined;
  return isAbsolute(url) ? url : resolve(repoRoot, url);
}

/**
 * Where the MongoDB spec tests are, when no file is named: `SPECS_DIR` if set (the caller treats a wrong one
 * as an error), else `<repo>/../shared/specs` (a worktree next to the shared folder), else, for a clone of a
 * local repository (e.g. `git clone /work/main /tmp/fresh`), `<origin>/../shared/specs`.
 */
export function findSpecsRoot(repoRoot: string, env: NodeJS.ProcessEnv): SpecsLookup & { explicit: boolean } {
  if (env.SPECS_DIR) {
    const root = resolve(env.SPECS_DIR);
    return { root: hasSpecs(root) ? root : undefined, tried: [root], explicit: true };
  }
  const origin = localOriginPath(repoRoot);
  const tried = [...new Set([resolve(repoRoot, '../shared/specs'), ...(origin ? [resolve(origin, '../shared/specs')] : [])])];
  return { root: tried.find(hasSpecs), tried, explicit: false };
}
