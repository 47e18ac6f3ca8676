import type { ChannelAccountConfig } from '../../src/platform/config.js';

type SimulatorAccountConfig = Extract<ChannelAccountConfig, { platform: 'simulator' }>;

/** A simulated account with `groups` community groups per language, chat ids `<account>-<lang>-<n>`. */
export function buildCommunityAccount(
  overrides: Partial<SimulatorAccountConfig> & { languages?: string[]; groupsPerLanguage?: number } = {},
): SimulatorAccountConfig {
  const { languages = ['ar', 'zh-Hans', 'sq'], groupsPerLanguage = 4, ...rest } = overrides;
  const id = rest.id ?? 'sim-community';
  return {
    platform: 'simulator',
    id,
    imitates: 'whatsapp',
    latencyMs: 0,
    chats: languages.flatMap((language) =>
      Array.from({ length: groupsPerLanguage }, (_, n) => ({ chatId: `${id}-${language}-${n + 1}`, name: `Group ${language} ${n + 1}`, type: 'group' as const, language })),
    ),
    rateLimit: { minIntervalMs: 20, dailyCap: 10_000 },
    ...rest,
  };
}

/** Body of `POST /api/v1/groups`; override any field. */
export function buildGroupInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { account: 'sim-community', chatId: 'sim-community-ar-1', name: 'Group ar 1', language: 'ar', topics: [], enabled: true, ...overrides };
}
