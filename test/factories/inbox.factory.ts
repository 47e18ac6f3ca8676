import { randomBytes } from 'node:crypto';
import type { InboundMessage } from '../../src/connectors/index.js';
import type { ChannelAccountConfig } from '../../src/platform/config.js';

type SimulatorAccountConfig = Extract<ChannelAccountConfig, { platform: 'simulator' }>;

/** A WhatsApp-like simulated account with `citizens` direct chats (`39333000000N@c.us`) and an Arabic and a Chinese group. */
export function buildCitizensAccount(overrides: Partial<SimulatorAccountConfig> & { citizens?: number } = {}): SimulatorAccountConfig {
  const { citizens = 12, ...rest } = overrides;
  return {
    platform: 'simulator',
    id: 'sim-citizens',
    imitates: 'whatsapp',
    latencyMs: 0,
    chats: [
      { chatId: '120363000000000001@g.us', name: 'Comunità araba — العربية', type: 'group', language: 'ar', topics: [] },
      { chatId: '120363000000000009@g.us', name: 'Comunità cinese — 中文', type: 'group', language: 'zh-Hans', topics: [] },
      ...Array.from({ length: citizens }, (_, i) => ({ chatId: citizenChat(i + 1), name: `Citizen ${i + 1}`, type: 'direct' as const })),
    ],
    rateLimit: { minIntervalMs: 0, dailyCap: 1000 },
    ...rest,
  };
}

/** The direct chat id (a phone number, as on WhatsApp) of the simulated citizen `n`. */
export function citizenChat(n: number): string {
  return `39333${String(n).padStart(7, '0')}@c.us`;
}

/** A question as a citizen types it, with a unique marker so a test can find it (or prove it absent). */
export function buildQuestion(text = 'Buongiorno, come rinnovo il permesso di soggiorno?'): string {
  return `${text} [${randomBytes(4).toString('hex')}]`;
}

/** A direct message as a connector hands it to the inbox, on account `sim-port`, from citizen 1. */
export function buildInboundMessage(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    platform: 'simulator',
    account: 'sim-port',
    chatId: citizenChat(1),
    chatType: 'direct',
    senderId: citizenChat(1),
    senderName: 'Citizen',
    text: 'Buongiorno',
    mentionsUs: false,
    timestamp: new Date(),
    platformMessageId: 'wamid-1',
    ...overrides,
  };
}
