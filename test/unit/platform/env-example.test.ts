import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../../src/platform/config.js';

/**
 * `.env.example` is what a town's IT office copies first: with its secrets filled in it must start a production
 * service; as it stands, it must not (its placeholders would be everyone's secrets).
 */
describe('.env.example', () => {
  const env: Record<string, string> = {};
  for (const line of readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8').split('\n')) {
    const assignment = /^([A-Z_]+)=(.*)$/.exec(line);
    if (assignment) env[assignment[1]!] = assignment[2]!;
  }

  const composeAddresses = { MONGODB_URI: 'mongodb://mongo:27017/sportello?replicaSet=rs0', REDIS_URL: 'redis://redis:6379' };

  it('as it stands, refused in production, naming every secret still a placeholder', () => {
    let problems: string[] = [];
    try {
      loadConfig({ ...env, ...composeAddresses });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }

    expect(problems.map((p) => p.split(' ')[0])).to.have.members(['SESSION_SECRET:', 'BOOTSTRAP_ADMIN_PASSWORD:', 'CONNECTORS:']);
    expect(problems.find((p) => p.startsWith('CONNECTORS:'))).to.contain('wx-prato.puppetToken');
  });

  it('with its secrets filled in, passes the start-up validation in production, with the addresses compose.yaml sets', () => {
    const connectors = env.CONNECTORS!.replace('"puppetToken":"change-me"', '"puppetToken":"puppet_2f8Kq9wLmZ"');
    const config = loadConfig({
      ...env,
      ...composeAddresses,
      SESSION_SECRET: 'Vd8s2kLq0PzX7mWc4NbR9tYh6Gf3Ja1E',
      BOOTSTRAP_ADMIN_PASSWORD: 'rT5-wQ8x-Lm2z-Kp7c',
      CONNECTORS: connectors,
    });

    expect(config.mode).to.equal('production');
    expect(config.connectors.accounts.map((a) => a.platform)).to.deep.equal(['whatsapp', 'wechat']);
    expect(config.inbox.openingHours?.weekly.size).to.equal(5);
  });

  it('names every variable it sets in the README’s configuration table', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(env)) expect(readme, name).to.contain(`\`${name}\``);
  });
});
