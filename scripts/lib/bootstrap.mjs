// Installs what `npm run demo` and `npm test` need on a fresh machine, and nothing else: the npm
// packages from the lock file, and Debian's redis-server and chromium when they are absent.
// Plain JavaScript, because it runs before the TypeScript toolchain is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function say(line) {
  process.stderr.write(`sportello: ${line}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  return result.status === 0;
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * True when every package the lock file names for this platform is installed at its locked version.
 * (Comparing file times is not enough: a checkout or merge touches the lock file without changing it.)
 */
function installedAsLocked() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/') || entry.link) continue;
    if (entry.optional && ((entry.os && !entry.os.includes(process.platform)) || (entry.cpu && !entry.cpu.includes(process.arch)))) continue;
    const manifest = join(ROOT, path, 'package.json');
    if (!existsSync(manifest)) {
      if (entry.optional) continue;
      return false;
    }
    if (JSON.parse(readFileSync(manifest, 'utf8')).version !== entry.version) return false;
  }
  return true;
}

export function ensureNodeModules() {
  if (existsSync(join(ROOT, 'node_modules')) && installedAsLocked()) return;
  say('installing npm packages (npm ci)');
  // Puppeteer (under whatsapp-web.js) would download its own Chrome: we use Debian's chromium instead.
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' };
  if (!run('npm', ['ci', '--no-audit', '--no-fund'], { env })) {
    say('npm ci failed; see above');
    process.exit(1);
  }
}

let aptUpdated = false;
function aptInstall(debianPackage, reason) {
  if (process.getuid?.() !== 0) {
    say(`${reason} is missing: install it with \`sudo apt-get install ${debianPackage}\``);
    process.exit(1);
  }
  say(`installing Debian's ${debianPackage} (${reason})`);
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  if (!aptUpdated) {
    run('apt-get', [...lockWait, 'update', '-qq']);
    aptUpdated = true;
  }
  if (!run('apt-get', [...lockWait, 'install', '-y', '-qq', '--no-install-recommends', debianPackage], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })) {
    say(`could not install ${debianPackage}; install it by hand`);
    process.exit(1);
  }
}

export function ensureRedis() {
  if (process.env.REDIS_URL || has('redis-server')) return;
  aptInstall('redis-server', 'redis-server, for the job queues');
}

export function ensureChromium() {
  if (existsSync(process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium')) return;
  aptInstall('chromium', 'chromium, for the WhatsApp connector and browser tests');
}
