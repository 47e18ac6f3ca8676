import type { ChannelAccountConfig } from '../../src/platform/config.js';

type SimulatorAccountConfig = Extract<ChannelAccountConfig, { platform: 'simulator' }>;

export function buildSimulatorAccount(overrides: Partial<SimulatorAccountConfig> = {}): SimulatorAccountConfig {
  return {
    platform: 'simulator',
    id: 'sim-test',
    imitates: 'whatsapp',
    latencyMs: 0,
    chats: [
      { chatId: '120363000000000001@g.us', name: 'Comunità araba — العربية', type: 'group', language: 'ar', topics: [] },
      { chatId: '393330000001@c.us', name: 'Ahmed', type: 'direct' },
    ],
    rateLimit: { minIntervalMs: 3000, dailyCap: 1000 },
    ...overrides,
  };
}

export function buildWhatsAppAccount(overrides: Partial<Extract<ChannelAccountConfig, { platform: 'whatsapp' }>> = {}) {
  return { platform: 'whatsapp' as const, id: 'whatsapp-test', auth: 'local' as const, rateLimit: { minIntervalMs: 3000, dailyCap: 1000 }, ...overrides };
}

export function buildWeChatAccount(overrides: Partial<Extract<ChannelAccountConfig, { platform: 'wechat' }>> = {}) {
  return { platform: 'wechat' as const, id: 'wechat-test', puppet: 'wechaty-puppet-mock', rateLimit: { minIntervalMs: 2000, dailyCap: 2000 }, ...overrides };
}
