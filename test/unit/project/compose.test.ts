import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/platform/config.js';
import { readEnvExample, variablesDocumentedInEnvExample, withSecretsFilledIn } from '../../support/env-example.js';

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string> | string[];
  restart?: string;
  volumes?: string[];
  shm_size?: string;
  user?: string;
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(new URL('../../../compose.yaml', import.meta.url), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
/** The runtime stage: everything after the last FROM. */
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

/** The image's ENV defaults (`ENV A=1 \ B=2`), as the container starts with them. */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  const block = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtimeStage)?.[1] ?? '';
  for (const [, name, value] of block.matchAll(/([A-Z_]+)=(\S+)/g)) env[name!] = value!;
  return env;
}

function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (!Array.isArray(environment)) return environment;
  return Object.fromEntries(environment.map((entry) => entry.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

/** What `docker compose up` gives the process: image ENV, then `env_file` (the town's .env), then `environment:`. */
function startEnvironment(service: ComposeService, dotEnv: Record<string, string>): Record<string, string> {
  expect([service.env_file].flat(), 'env_file').to.deep.equal(['.env']);
  return { ...imageEnv(), ...dotEnv, ...environmentOf(service) };
}

const SPORTELLO_SERVICES = ['sportello', 'worker'];

describe('compose.yaml with the Dockerfile and .env.example (parsed, not run)', () => {
  for (const name of SPORTELLO_SERVICES) {
    it(`${name}: the start environment from .env.example (secrets filled in) passes production’s validation`, () => {
      const env = startEnvironment(compose.services[name]!, withSecretsFilledIn(readEnvExample()));

      const config = loadConfig(env);

      expect(config.mode).to.equal('production');
      expect(config.dataDir).to.equal('/data');
      expect(new URL(config.mongo.uri!).hostname).to.equal('mongo');
      expect(new URL(config.redis.url!).hostname).to.equal('redis');
      expect(compose.services).to.have.keys('mongo', 'redis', ...SPORTELLO_SERVICES);
    });

    it(`${name}: nothing under environment: overrides a variable .env is documented to set`, () => {
      const overridden = Object.keys(environmentOf(compose.services[name]!)).filter((v) => variablesDocumentedInEnvExample().includes(v));

      expect(overridden).to.deep.equal([]);
    });

    it(`${name}: restarts, has shared memory for Chromium and a volume at /data`, () => {
      const service = compose.services[name]!;

      expect(service.restart).to.equal('unless-stopped');
      expect(service.shm_size).to.equal('1gb');
      expect(service.volumes?.some((v) => v.endsWith(':/data'))).to.equal(true);
      expect(service.depends_on).to.deep.equal({ mongo: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    });
  }

  it('the worker: started only on request (profile workers), as workers', () => {
    expect(compose.services.worker!.profiles).to.deep.equal(['workers']);
    expect(compose.services.worker!.command).to.include('--worker');
    expect(compose.services.sportello!.profiles).to.equal(undefined);
  });

  it('MongoDB runs as a replica set and Redis with its append-only file, each on a volume, restarting', () => {
    const { mongo, redis } = compose.services;

    expect(mongo!.command).to.include.members(['--replSet', 'rs0']);
    expect(redis!.command!.join(' ')).to.contain('--appendonly yes');
    for (const service of [mongo!, redis!]) {
      expect(service.restart).to.equal('unless-stopped');
      expect(service.volumes).to.have.length(1);
    }
    expect(Object.keys(compose.volumes)).to.include.members(['mongo-data', 'redis-data', 'sportello-data']);
  });

  it('the Dockerfile: Node 22 LTS in both stages, Debian’s Chromium, a non-root user, a health check', () => {
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).to.deep.equal(['node:22-bookworm-slim', 'node:22-bookworm-slim']);
    expect(runtimeStage).to.match(/apt-get install[^\n]*\bchromium\b/);
    expect(/^USER (\S+)$/m.exec(runtimeStage)?.[1]).to.equal('sportello');
    expect(runtimeStage).to.match(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(imageEnv()).to.include({ CHROMIUM_SANDBOX: 'off', PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium', DATA_DIR: '/data' });
  });
});
