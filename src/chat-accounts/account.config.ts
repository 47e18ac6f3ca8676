import { z } from 'zod';
import { AccountId } from '../platform/account-id.js';
import { SendBudgetSetting, sendBudgetOf, type SendBudget } from './send-budget.config.js';

const SimulatorChat = z.object({
  chatId: z.string().min(1),
  name: z.string().min(1),
  type: z.enum(['group', 'direct']),
  /** Demo only: the community language of a simulated group, used to register it at first start. */
  language: z.string().optional(),
  topics: z.array(z.string()).optional(),
});

/** One entry of `CONNECTORS`: the account's platform, how to reach it, and its send budget. */
export const AccountSetting = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('simulator'),
    id: AccountId,
    /** Which real platform the simulated account stands in for (its formatting and limits). */
    imitates: z.enum(['wechat', 'whatsapp']).default('whatsapp'),
    latencyMs: z.number().int().nonnegative().default(0),
    chats: z.array(SimulatorChat).default([]),
    rateLimit: SendBudgetSetting.optional(),
  }),
  z.object({
    platform: z.literal('wechat'),
    id: AccountId,
    /** e.g. `wechaty-puppet-service` (hosted) or `wechaty-puppet-wechat4u`. Never implicit. */
    puppet: z.string().min(1),
    puppetToken: z.string().optional(),
    rateLimit: SendBudgetSetting.optional(),
  }),
  z.object({
    platform: z.literal('whatsapp'),
    id: AccountId,
    auth: z.enum(['local', 'remote']).default('local'),
    rateLimit: SendBudgetSetting.optional(),
  }),
  z.object({
    /** A WeChat Official Account (公众号), through WeChat's server callback and HTTP API. */
    platform: z.literal('wechat-official'),
    id: AccountId,
    /** 订阅号 (one mass send a day) or 服务号 (four a month per follower). */
    kind: z.enum(['subscription', 'service']),
    appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'must be the AppID (wx followed by 16 hex digits)'),
    appSecret: z.string().regex(/^[0-9a-f]{32}$/, 'must be the AppSecret (32 hex digits)'),
    /** The server token set in the account's server configuration (3-32 letters and digits). */
    token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters and digits'),
    /** Set for safe (encrypted) or compatible mode; absent, only plain callbacks are accepted. */
    encodingAESKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters and digits').optional(),
    /** WeChat's API; tests and the demo point it at a local double. */
    apiBaseUrl: z.string().url().default('https://api.weixin.qq.com'),
    /** One tag (and one registered group) per language; a new follower starts in the first. */
    languages: z.array(z.string().min(2)).min(1).default(['zh-Hans', 'it']),
    rateLimit: SendBudgetSetting.optional(),
  }),
]);
export type AccountConfig = z.infer<typeof AccountSetting>;

/** The simulated community of the demo and of the tests when `CONNECTORS` is not set. */
const DEMO_ACCOUNTS: z.input<typeof AccountSetting>[] = [
  {
    platform: 'simulator',
    id: 'sim-wechat',
    imitates: 'wechat',
    chats: [
      { chatId: 'room-zh-prato', name: 'Comunità cinese Prato — 中文', type: 'group', language: 'zh-Hans', topics: [] },
      { chatId: 'room-zh-genitori', name: '普拉托家长群 — Genitori', type: 'group', language: 'zh-Hans', topics: ['school'] },
      { chatId: 'wxid-citizen-1', name: '王芳', type: 'direct' },
    ],
  },
  {
    platform: 'simulator',
    id: 'sim-whatsapp',
    imitates: 'whatsapp',
    chats: [
      { chatId: '120363000000000001@g.us', name: 'Comunità araba — العربية', type: 'group', language: 'ar', topics: [] },
      { chatId: '120363000000000002@g.us', name: 'Shqiptarët në Prato', type: 'group', language: 'sq', topics: [] },
      { chatId: '120363000000000003@g.us', name: 'Români în Prato', type: 'group', language: 'ro', topics: [] },
      { chatId: '120363000000000004@g.us', name: 'Pakistani community — اردو', type: 'group', language: 'ur', topics: [] },
      { chatId: '393330000001@c.us', name: 'Ahmed', type: 'direct' },
    ],
  },
];

/**
 * The demo's Official Account ("ViaRoma101", a service account), on the stand-in of WeChat's API that
 * `scripts/demo-official-account.ts` runs; the credentials are the stand-in's, made up in WeChat's formats.
 */
function demoOfficialAccount(apiBaseUrl: string): z.input<typeof AccountSetting> {
  return {
    platform: 'wechat-official',
    id: 'oa-viaroma101',
    kind: 'service',
    appId: 'wx5f0a1b2c3d4e5f60',
    appSecret: '5f0a1b2c3d4e5f605f0a1b2c3d4e5f60',
    token: 'viaroma101demo',
    encodingAESKey: 'ViaRoma101DemoEncodingAESKey0123456789abcde',
    apiBaseUrl,
  };
}

/**
 * The accounts to run: those of `CONNECTORS`, or the demo's simulated ones (with the demo's Official Account when
 * its stand-in API is given), each with every field of its send budget filled in from its platform's defaults.
 */
export function accountsOf(configured: readonly AccountConfig[] | undefined, demoOfficialAccountApi: string | undefined) {
  const demoAccounts = [...DEMO_ACCOUNTS, ...(demoOfficialAccountApi ? [demoOfficialAccount(demoOfficialAccountApi)] : [])];
  return (configured ?? z.array(AccountSetting).parse(demoAccounts)).map((account) => ({
    ...account,
    // Typed as the optional shape so that tools and tests may build an account with only a gap and a cap.
    rateLimit: sendBudgetOf(account, account.rateLimit) as SendBudget,
  }));
}
