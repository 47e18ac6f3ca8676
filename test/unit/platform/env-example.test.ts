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

/** Every variable `src/platform/config.ts` validates has a row in the README's configuration table. */
describe('README configuration table', () => {
  const source = readFileSync(new URL('../../../src/platform/config.ts', import.meta.url), 'utf8');
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  // The keys of `const Env = z.object({ … })`, at its first level of indentation.
  const schema = /^const Env = z\.object\(\{\n([\s\S]*?)^\}\);/m.exec(source)?.[1] ?? '';
  const variables = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]!);
  const table = readme
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|')[1] ?? '')
    .join(' ');

  it('finds the variables config.ts reads', () => {
    expect(variables).to.include.members(['SPORTELLO_MODE', 'MONGODB_URI', 'METRICS_TOKEN']);
    expect(variables.length).to.be.greaterThan(30);
  });

  it('has a row naming each of them in its first column', () => {
    expect(variables.filter((name) => !table.includes(`\`${name}\``))).to.deep.equal([]);
  });
});
