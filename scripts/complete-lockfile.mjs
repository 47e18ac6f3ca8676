// Some registries (this project's build machines use a partial npm mirror) lack the other platforms'
// builds of optional native packages (@swc/core-darwin-*, @msgpackr-extract/*-win32-*). npm then writes a
// lock file without them and `npm ci` refuses it ("Missing: … from lock file"). This adds a placeholder
// entry for each missing optional platform package, with its os/cpu, so `npm ci` accepts the lock file;
// npm never fetches them on a platform they do not match. Run after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];

for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const leaf = name.split('/').pop().replace('gnueabihf', '');
    const os = /(darwin|linux|win32|android|freebsd|openbsd|sunos|aix|netbsd)/.exec(leaf)?.[1];
    const cpu = /(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64|wasm32)/.exec(leaf)?.[1];
    const placeholder = { version: spec.replace(/^[\^~=]/, ''), ...(entry.dev ? { dev: true } : {}), optional: true };
    if (os) placeholder.os = [os];
    if (cpu) placeholder.cpu = [cpu];
    if (os === 'linux') placeholder.libc = [leaf.includes('musl') ? 'musl' : 'glibc'];
    packages[`node_modules/${name}`] = placeholder;
    added.push(name);
  }
}

const ordered = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
lock.packages = ordered;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: ${added.length} placeholder(s)${added.length ? `: ${added.join(', ')}` : ''}\n`);
