import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../../src/platform/config.js';
import { readEnvExample, withSecretsFilledIn } from '../../support/env-example.js';

/**
 * `.env.example` is what a town's IT office copies first: with its secrets filled in it must start a production
 * service; as it stands, it must not (its placeholders would be everyone's secrets).
 */
describe('.env.example', () => {
  const env = readEnvExample();

  it('as it stands, refused in production, naming every secret still a placeholder', () => {
    let problems: string[] = [];
    try {
      loadConfig(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }

    expect(problems.map((p) => p.split(' ')[0])).to.have.members(['SESSION_SECRET:', 'BOOTSTRAP_ADMIN_PASSWORD:', 'CONNECTORS:']);
    expect(problems.find((p) => p.startsWith('CONNECTORS:'))).to.contain('wx-prato.puppetToken');
  });

  it('with its secrets filled in, passes the start-up validation in production (compose.yaml’s MongoDB and Redis)', () => {
    const config = loadConfig(withSecretsFilledIn(env));

    expect(config.mode).to.equal('production');
    expect(config.connectors.accounts.map((a) => a.platform)).to.deep.equal(['whatsapp', 'wechat']);
    expect(config.inbox.openingHours?.weekly.size).to.equal(5);
  });

  it('names every variable it sets in the README’s configuration table', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(env)) expect(readme, name).to.contain(`\`${name}\``);
  });
});
