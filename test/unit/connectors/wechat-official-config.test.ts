import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/platform/config.js';

const PRODUCTION = {
  SPORTELLO_MODE: 'production',
  MONGODB_URI: 'mongodb://db.example:27017/sportello',
  REDIS_URL: 'redis://cache.example:6379',
  SESSION_SECRET: 'x'.repeat(40),
};

const ACCOUNT = {
  platform: 'wechat-official',
  id: 'oa-viaroma101',
  kind: 'subscription',
  appId: 'wx0123456789abcdef',
  appSecret: '0123456789abcdef0123456789abcdef',
  token: 'serverToken1',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig: WeChat Official Accounts', () => {
  it('an Official Account in production: WeChat\'s API, Chinese and Italian tags, no pacing of its own beyond WeChat\'s quotas', () => {
    const config = loadConfig({ ...PRODUCTION, CONNECTORS: JSON.stringify([ACCOUNT]) });

    expect(config.connectors.accounts[0]).to.deep.include({
      platform: 'wechat-official',
      kind: 'subscription',
      apiBaseUrl: 'https://api.weixin.qq.com',
      languages: ['zh-Hans', 'it'],
      rateLimit: { minIntervalMs: 100, dailyCap: 100_000 },
    });
  });

  it('an AppID, AppSecret, token or EncodingAESKey not in WeChat\'s format: refused, naming CONNECTORS', () => {
    for (const broken of [{ appId: 'wx123' }, { appSecret: 'secret' }, { token: 'a b' }, { encodingAESKey: 'short' }, { kind: 'enterprise' }]) {
      expect(problemsOf({ ...PRODUCTION, CONNECTORS: JSON.stringify([{ ...ACCOUNT, ...broken }]) }), JSON.stringify(broken)).to.have.length(1).and.satisfy((p: string[]) => p[0]!.startsWith('CONNECTORS:'));
    }
  });

  it('the demo with DEMO_OFFICIAL_ACCOUNT_API: a third account, the Official Account on that API; refused outside the demo', () => {
    const demo = loadConfig({ SPORTELLO_MODE: 'demo', DEMO_OFFICIAL_ACCOUNT_API: 'http://127.0.0.1:4100' });

    expect(demo.connectors.accounts.map((a) => a.id)).to.deep.equal(['sim-wechat', 'sim-whatsapp', 'oa-viaroma101']);
    expect(demo.connectors.accounts[2]).to.deep.include({ apiBaseUrl: 'http://127.0.0.1:4100' });
    expect(problemsOf({ ...PRODUCTION, CONNECTORS: JSON.stringify([ACCOUNT]), DEMO_OFFICIAL_ACCOUNT_API: 'http://127.0.0.1:4100' })).to.deep.equal([
      'DEMO_OFFICIAL_ACCOUNT_API: only allowed in demo mode',
    ]);
  });
});
