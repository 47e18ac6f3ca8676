import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/platform/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const PRODUCTION = {
  SPORTELLO_MODE: 'production',
  MONGODB_URI: 'mongodb://db.example:27017/sportello',
  REDIS_URL: 'redis://cache.example:6379',
  SESSION_SECRET: 'k3Jq9vXw2mTzR8pLc5NbY7hGd4Fs6Ae1',
  CONNECTORS: JSON.stringify([{ platform: 'whatsapp', id: 'wa-main' }]),
};

describe('loadConfig', () => {
  it('demo mode with nothing set: defaults, simulator accounts with declared rate limits', () => {
    const config = loadConfig({ SPORTELLO_MODE: 'demo' });
    expect(config.http.port).to.equal(3000);
    expect(config.mongo.uri).to.equal(undefined);
    expect(config.connectors.accounts.map((a) => a.id)).to.deep.equal(['sim-wechat', 'sim-whatsapp']);
    expect(config.connectors.accounts[0]?.rateLimit).to.include({ minIntervalMs: 2000, dailyCap: 2000 });
    expect(config.connectors.accounts[1]?.rateLimit).to.include({ minIntervalMs: 3000, dailyCap: 1000 });
  });

  it('a complete production configuration: accepted and mapped into slices', () => {
    const config = loadConfig({ ...PRODUCTION, PORT: '8080', DISPATCH_PAUSE_WINDOW_MINUTES: '5' });
    expect(config.http.port).to.equal(8080);
    expect(config.dispatch.pauseWindowMs).to.equal(300_000);
    expect(config.connectors.accounts).to.have.length(1);
    expect(config.connectors.accounts[0]).to.include({ platform: 'whatsapp', id: 'wa-main', auth: 'local' });
    // The safe WhatsApp budget of issue #18: a random 30-60 s between messages.
    expect(config.connectors.accounts[0]?.rateLimit).to.include({ minIntervalMs: 30_000, maxIntervalMs: 60_000 });
  });

  const badValues: Array<[string, Record<string, string>, string]> = [
    ['an unknown mode', { SPORTELLO_MODE: 'staging' }, 'SPORTELLO_MODE:'],
    ['a port that is not a number', { PORT: 'eighty' }, 'PORT:'],
    ['a port out of range', { PORT: '70000' }, 'PORT:'],
    ['a MongoDB URI of another scheme', { MONGODB_URI: 'postgres://x' }, 'MONGODB_URI: must be a mongodb://'],
    ['a Redis URL of another scheme', { REDIS_URL: 'http://x' }, 'REDIS_URL: must be a redis://'],
    ['a short session secret', { SESSION_SECRET: 'short' }, 'SESSION_SECRET: must be at least 32'],
    ['connectors that are not JSON', { CONNECTORS: '[{' }, 'CONNECTORS: is not valid JSON'],
    ['a connector of an unknown platform', { CONNECTORS: '[{"platform":"telegram","id":"t"}]' }, 'CONNECTORS:'],
    ['a wechat connector without a puppet', { CONNECTORS: '[{"platform":"wechat","id":"wc"}]' }, 'CONNECTORS:'],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL:'],
    ['a retention of zero days', { RETENTION_MESSAGE_DAYS: '0' }, 'RETENTION_MESSAGE_DAYS:'],
    ['an answer target of zero hours', { ANSWER_TARGET_HOURS: '0' }, 'ANSWER_TARGET_HOURS:'],
    ['an answer target that is not a number', { ANSWER_TARGET_HOURS: 'soon' }, 'ANSWER_TARGET_HOURS:'],
    ['quiet hours for citizens that are not a range', { CITIZEN_QUIET_HOURS: '21-8' }, 'CITIZEN_QUIET_HOURS: must be HH:mm-HH:mm'],
    ['quiet hours for citizens past midnight', { CITIZEN_QUIET_HOURS: '21:00-24:30' }, 'CITIZEN_QUIET_HOURS:'],
    ['office hours that are not a schedule', { INBOX_OPENING_HOURS: 'Mon-Fri 9-13' }, 'INBOX_OPENING_HOURS: "9-13" is not HH:mm-HH:mm'],
    ['office hours on an unknown day', { INBOX_OPENING_HOURS: 'Lun 09:00-13:00' }, 'INBOX_OPENING_HOURS: "lun" is not a day'],
    ['a closed date that is not a date', { INBOX_CLOSED_DATES: '12-25,31-12' }, 'INBOX_CLOSED_DATES: "31-12" is not MM-DD'],
    ['a mail server that is not an SMTP URL', { SMTP_URL: 'mail.comune.test:25' }, 'SMTP_URL: must be an smtp:// or smtps:// URL'],
    ['a mail server without a sender', { SMTP_URL: 'smtp://mail.comune.test:25' }, 'MAIL_FROM: required with SMTP_URL'],
    ['a sender that is not an address', { SMTP_URL: 'smtp://mail.comune.test:25', MAIL_FROM: 'Sportello' }, 'MAIL_FROM: must be an e-mail address'],
    ['an alert threshold of zero hours', { INBOX_ALERT_AFTER_HOURS: '0' }, 'INBOX_ALERT_AFTER_HOURS:'],
    ['a trusted proxy that is neither hops nor addresses', { TRUST_PROXY: 'proxy.comune.local' }, 'TRUST_PROXY: must be off, a number of proxy hops'],
    ['a trusted proxy range with a bad prefix', { TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY:'],
    ['trusting every proxy (anyone could choose their address)', { TRUST_PROXY: 'true' }, 'TRUST_PROXY:'],
    ['a demo token outside demo mode', { SPORTELLO_MODE: 'test', DEMO_ADMIN_TOKEN: 'x'.repeat(24) }, 'DEMO_ADMIN_TOKEN: only allowed in demo mode'],
  ];
  for (const [situation, env, expected] of badValues) {
    it(`${situation}: refused with a line naming the variable`, () => {
      const problems = problemsOf({ SPORTELLO_MODE: 'test', ...env });
      expect(problems.some((p) => p.startsWith(expected)), problems.join('\n')).to.equal(true);
    });
  }

  it('the client address: only loopback proxies are trusted unless the town names its proxy by hops or addresses', () => {
    expect(loadConfig({ SPORTELLO_MODE: 'test' }).http.trustProxy).to.deep.equal(['loopback']);
    expect(loadConfig({ SPORTELLO_MODE: 'test', TRUST_PROXY: '1' }).http.trustProxy).to.equal(1);
    expect(loadConfig({ SPORTELLO_MODE: 'test', TRUST_PROXY: 'off' }).http.trustProxy).to.equal(false);
    expect(loadConfig({ SPORTELLO_MODE: 'test', TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,loopback,::1' }).http.trustProxy).to.deep.equal([
      '10.0.0.5',
      '172.16.0.0/12',
      'loopback',
      '::1',
    ]);
  });

  const placeholders: Array<[string, Record<string, string>, string]> = [
    ['the session secret of .env.example', { SESSION_SECRET: 'change-me-to-32-or-more-random-characters' }, 'SESSION_SECRET: still the placeholder'],
    [
      'the admin password of .env.example',
      { BOOTSTRAP_ADMIN_EMAIL: 'it@comune.test', BOOTSTRAP_ADMIN_PASSWORD: 'change-me-at-first-sign-in' },
      'BOOTSTRAP_ADMIN_PASSWORD: still the placeholder',
    ],
    ['a metrics token left as the placeholder', { METRICS_TOKEN: 'change-me-to-20-or-more-random-characters' }, 'METRICS_TOKEN: still the placeholder'],
    ['a mail password left as the placeholder', { SMTP_URL: 'smtp://sportello:change-me@smtp.comune.test:587', MAIL_FROM: 'a@comune.test' }, 'SMTP_URL: still the placeholder'],
    [
      'a WeChat puppet token left as the placeholder',
      { CONNECTORS: '[{"platform":"wechat","id":"wx-prato","puppet":"wechaty-puppet-service","puppetToken":"change-me"}]' },
      'CONNECTORS: wx-prato.puppetToken still the placeholder',
    ],
    ['a long session secret of one repeated character', { SESSION_SECRET: 'x'.repeat(40) }, 'SESSION_SECRET: too simple'],
    ['a session secret shorter than 32 characters', { SESSION_SECRET: 'k3Jq9vXw2mTzR8pL' }, 'SESSION_SECRET: must be at least 32'],
    ['an admin password shorter than 12 characters', { BOOTSTRAP_ADMIN_EMAIL: 'it@comune.test', BOOTSTRAP_ADMIN_PASSWORD: 'Prato2026!' }, 'BOOTSTRAP_ADMIN_PASSWORD: must be at least 12'],
  ];
  for (const [situation, env, expected] of placeholders) {
    it(`production with ${situation}: refused, naming the variable`, () => {
      const problems = problemsOf({ ...PRODUCTION, ...env });
      expect(problems.some((p) => p.startsWith(expected)), problems.join('\n')).to.equal(true);
    });
  }

  it('the demo with a placeholder secret: accepted (no town data is at stake there)', () => {
    expect(loadConfig({ SPORTELLO_MODE: 'demo', SESSION_SECRET: 'change-me-to-32-or-more-random-characters' }).mode).to.equal('demo');
  });

  it('production without database, Redis, secret or accounts: refused, every missing variable named', () => {
    const problems = problemsOf({ SPORTELLO_MODE: 'production' });
    expect(problems).to.include.members([
      'MONGODB_URI: required in production',
      'REDIS_URL: required in production',
      'SESSION_SECRET: required in production',
      'CONNECTORS: required in production (which WeChat and WhatsApp accounts to run)',
    ]);
  });

  it('the answer target: three hours unless the town sets its own, in hours', () => {
    expect(loadConfig({ SPORTELLO_MODE: 'test' }).inbox.answerTargetMs).to.equal(3 * 3600_000);
    expect(loadConfig({ SPORTELLO_MODE: 'test', ANSWER_TARGET_HOURS: '1.5' }).inbox.answerTargetMs).to.equal(5400_000);
  });

  it('citizens’ own chats are quiet from 21:00 to 08:00 unless the town sets other hours, or off', () => {
    expect(loadConfig({ SPORTELLO_MODE: 'test' }).dispatch.citizenQuietHours).to.deep.equal({ from: '21:00', to: '08:00' });
    expect(loadConfig({ SPORTELLO_MODE: 'test', CITIZEN_QUIET_HOURS: '22:30-07:15' }).dispatch.citizenQuietHours).to.deep.equal({ from: '22:30', to: '07:15' });
    expect(loadConfig({ SPORTELLO_MODE: 'test', CITIZEN_QUIET_HOURS: 'off' }).dispatch.citizenQuietHours).to.equal(undefined);
  });

  it('office hours: none said outside the demo unless set; the demo has a desk’s; Italy’s holidays closed by default', () => {
    expect(loadConfig({ SPORTELLO_MODE: 'test' }).inbox.openingHours).to.equal(undefined);
    const demo = loadConfig({ SPORTELLO_MODE: 'demo' }).inbox.openingHours;
    expect(demo?.weekly.get(2)).to.deep.equal([
      { from: 540, to: 780 },
      { from: 870, to: 1020 },
    ]);
    expect(demo?.weekly.has(6)).to.equal(false);
    expect(demo?.closed).to.deep.include({ kind: 'easter-monday' });
    const town = loadConfig({ SPORTELLO_MODE: 'test', INBOX_OPENING_HOURS: 'Mon,Wed 08:30-12:30', INBOX_CLOSED_DATES: '06-24', TIME_ZONE: 'Europe/Rome' }).inbox.openingHours;
    expect(town).to.deep.include({ closed: [{ kind: 'yearly', monthDay: '06-24' }], timeZone: 'Europe/Rome' });
    expect(loadConfig({ SPORTELLO_MODE: 'demo', INBOX_OPENING_HOURS: 'off' }).inbox.openingHours).to.equal(undefined);
  });

  it('staff alerts: none without a mail server; after 2 hours, checked every 5 minutes, unless set', () => {
    expect(loadConfig({ SPORTELLO_MODE: 'test' }).mail).to.equal(undefined);
    const config = loadConfig({ SPORTELLO_MODE: 'test', SMTP_URL: 'smtps://u:p@mail.comune.test:465', MAIL_FROM: 'Sportello Immigrazione <sportello@comune.test>' });
    expect(config.mail).to.deep.equal({ smtpUrl: 'smtps://u:p@mail.comune.test:465', from: 'Sportello Immigrazione <sportello@comune.test>' });
    expect(config.inbox).to.include({ alertAfterMs: 2 * 3_600_000, alertCheckMs: 300_000 });
  });

  it('a fractional message retention (for TTL tests): accepted as days', () => {
    expect(loadConfig({ SPORTELLO_MODE: 'test', RETENTION_MESSAGE_DAYS: '0.5' }).privacy.messageRetentionDays).to.equal(0.5);
  });

  it('production with a simulator account: refused', () => {
    const problems = problemsOf({ ...PRODUCTION, CONNECTORS: '[{"platform":"simulator","id":"sim"}]' });
    expect(problems).to.include('CONNECTORS: the simulator is not allowed in production');
  });
});
