import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scarfSettings?: { enabled?: boolean };
};

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.(ts|mjs|js|cjs)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Loaded by name rather than imported: Wechaty loads the puppet named in CONNECTORS; the README tells production to use this one. */
const LOADED_BY_NAME = ['wechaty-puppet-service'];

describe('package.json', () => {
  it('every runtime dependency is imported by the service (or loaded by name, for a stated reason)', () => {
    const code = sourcesUnder(join(ROOT, 'src')).join('\n');
    const unused = Object.keys(manifest.dependencies).filter(
      (name) => !LOADED_BY_NAME.includes(name) && !new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^'"]*)?['"]`).test(code),
    );

    expect(unused).to.deep.equal([]);
  });

  it('packages only tests use are development dependencies; the removed ones stay removed', () => {
    expect(manifest.dependencies).not.to.have.any.keys('wechaty-puppet-mock', 'dotenv', 'pino-pretty', '@types/swagger-ui-dist');
    expect(manifest.devDependencies).to.have.property('wechaty-puppet-mock');
    expect(manifest.devDependencies).not.to.have.any.keys('pino-pretty', '@types/swagger-ui-dist');
  });

  it('every version range is explicit: a full version with ^, ~ or none, never a bare "1.20"', () => {
    const ranges = { ...manifest.dependencies, ...manifest.devDependencies };
    const vague = Object.entries(ranges).filter(([, range]) => !/^[\^~]?\d+\.\d+\.\d+$/.test(range));

    expect(vague).to.deep.equal([]);
  });

  it('Node 22 LTS in engines, Node 20 still allowed (the development machines run it)', () => {
    expect(manifest.engines.node).to.equal('^22.12.0 || ^20.19.0');
  });

  it('swagger-ui-dist’s install-time telemetry (@scarf/scarf) is turned off', () => {
    expect(manifest.scarfSettings).to.deep.equal({ enabled: false });
  });
});
