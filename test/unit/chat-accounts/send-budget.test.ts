import { expect } from 'chai';
import { dailyCapOn, drawGapMs, maxGapMs, meanGapMs, typingMsFor } from '../../../src/chat-accounts/index.js';
import { loadConfig } from '../../../src/platform/config.js';

const whatsapp = { minIntervalMs: 30_000, maxIntervalMs: 60_000, dailyCap: 400, warmUp: { days: 20, firstDayCap: 40 }, typingMsPerChar: 40, typingMaxMs: 8000 };

describe('send budget', () => {
  describe('gap', () => {
    it('drawn at random, stays within the configured bounds at both ends of the random range', () => {
      expect(drawGapMs(whatsapp, () => 0)).to.equal(30_000);
      expect(drawGapMs(whatsapp, () => 0.999999)).to.equal(60_000);
      for (let i = 0; i < 1000; i += 1) expect(drawGapMs(whatsapp)).to.be.within(30_000, 60_000);
    });

    it('without a longest gap, keeps 25 % of jitter above the shortest (an account configured before budgets)', () => {
      expect(maxGapMs({ minIntervalMs: 2000, dailyCap: 10 })).to.equal(2500);
      expect(meanGapMs({ minIntervalMs: 2000, dailyCap: 10 })).to.equal(2250);
    });

    it('of an account without a gap, is always 0', () => {
      expect(drawGapMs({ minIntervalMs: 0, dailyCap: 10 })).to.equal(0);
    });
  });

  describe('warm-up', () => {
    it('a new number, starts at the first day cap and rises evenly to the daily cap over its days', () => {
      expect(dailyCapOn(whatsapp, 0)).to.equal(40);
      expect(dailyCapOn(whatsapp, 10)).to.equal(220);
      expect(dailyCapOn(whatsapp, 19)).to.equal(382);
      expect(dailyCapOn(whatsapp, 20)).to.equal(400);
      expect(dailyCapOn(whatsapp, 365)).to.equal(400);
    });

    it('switched off, is the daily cap from the first day', () => {
      expect(dailyCapOn({ ...whatsapp, warmUp: false }, 0)).to.equal(400);
    });

    it('never rises day after day by less than nothing (the curve is monotonic)', () => {
      for (let day = 1; day < 30; day += 1) expect(dailyCapOn(whatsapp, day)).to.be.at.least(dailyCapOn(whatsapp, day - 1));
    });
  });

  describe('typing', () => {
    it('lasts in proportion to the text, up to the longest', () => {
      expect(typingMsFor(whatsapp, 'Ciao a tutti')).to.equal(12 * 40);
      expect(typingMsFor(whatsapp, 'x'.repeat(10_000))).to.equal(8000);
    });

    it('counts characters, not UTF-16 units (Chinese and Arabic type as many keys as they show)', () => {
      expect(typingMsFor(whatsapp, '你好😀')).to.equal(3 * 40);
    });

    it('is none on an account without typing', () => {
      expect(typingMsFor({ minIntervalMs: 0, dailyCap: 1 }, 'hello')).to.equal(0);
    });
  });

  describe('defaults from CONNECTORS', () => {
    const accounts = (connectors: unknown[]) => loadConfig({ SPORTELLO_MODE: 'test', CONNECTORS: JSON.stringify(connectors) }).connectors.accounts;

    it('a real WhatsApp account without a budget, gets the safe one: 30-60 s, hourly and daily caps, a warm-up, typing, a per-contact limit', () => {
      const [account] = accounts([{ platform: 'whatsapp', id: 'wa-main' }]);
      expect(account?.rateLimit).to.deep.equal({
        minIntervalMs: 30_000,
        maxIntervalMs: 60_000,
        hourlyCap: 60,
        dailyCap: 400,
        warmUp: { days: 21, firstDayCap: 40 },
        typingMsPerChar: 40,
        typingMaxMs: 8000,
        perContactHourly: 3,
      });
    });

    it('a WeChat personal account, gets 10-20 s', () => {
      const [account] = accounts([{ platform: 'wechat', id: 'wx-main', puppet: 'wechaty-puppet-mock' }]);
      expect(account?.rateLimit).to.include({ minIntervalMs: 10_000, maxIntervalMs: 20_000 });
    });

    it('each field configured, overrides only that field', () => {
      const [account] = accounts([{ platform: 'whatsapp', id: 'wa-main', rateLimit: { hourlyCap: null, warmUp: { days: 7, firstDayCap: 10, since: '2026-01-05' } } }]);
      expect(account?.rateLimit).to.include({ minIntervalMs: 30_000, maxIntervalMs: 60_000, hourlyCap: null, dailyCap: 400 });
      expect(account?.rateLimit.warmUp).to.deep.equal({ days: 7, firstDayCap: 10, since: '2026-01-05' });
    });

    it('a longest gap below the shortest, is refused naming the field', () => {
      expect(() => accounts([{ platform: 'whatsapp', id: 'wa-main', rateLimit: { minIntervalMs: 5000, maxIntervalMs: 1000 } }])).to.throw(/CONNECTORS/);
    });

    it('a simulated account, keeps a short pace without caps per hour or contact (tests and the demo)', () => {
      const [account] = accounts([{ platform: 'simulator', id: 'sim-a' }]);
      expect(account?.rateLimit).to.include({ minIntervalMs: 3000, maxIntervalMs: 3750, hourlyCap: null, warmUp: false, perContactHourly: null });
    });
  });
});
