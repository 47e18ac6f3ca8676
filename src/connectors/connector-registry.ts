import type { ChannelAccountConfig } from '../platform/config.js';
import { backoffDelayMs, type BackoffPolicy } from '../platform/backoff.js';
import type { ChatConnector, ConnectorState, Platform, RateLimit } from './chat-connector.port.js';
import { createConnector, type ConnectorDeps } from './connector.factory.js';

/** One line of `GET /api/v1/connectors`. The QR payload is there only while a login is required. */
export interface ConnectorStatus {
  account: string;
  platform: Platform;
  /** A simulated account: the platform it behaves as (its ids, limits and formatting), so the console can say so. */
  imitates?: 'wechat' | 'whatsapp';
  state: ConnectorState['status'];
  qr?: string;
  reason?: string;
  rateLimit: RateLimit;
}

/** Shaped like the platform's readiness checks for `/readyz`. */
export interface ConnectorReadinessCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export interface ConnectorRegistry {
  /** Starts every connector; one that fails is restarted with backoff, so this never rejects. */
  start(): Promise<void>;
  /** Stops every connector and cancels pending restarts. */
  stop(): Promise<void>;
  get(accountId: string): ChatConnector | undefined;
  all(): ChatConnector[];
  statuses(): ConnectorStatus[];
  /** Not ready while a connector has failed (it is being restarted); a pending QR scan does not count. */
  readinessChecks(): ConnectorReadinessCheck[];
}

export interface ConnectorRegistryDeps extends ConnectorDeps {
  accounts: readonly ChannelAccountConfig[];
  /** Defaults to the adapter for each account's platform. */
  build?: (account: ChannelAccountConfig) => ChatConnector | Promise<ChatConnector>;
  restart?: BackoffPolicy;
}

const DEFAULT_RESTART: BackoffPolicy = { initialMs: 10_000, maxMs: 10 * 60_000 };

function statusOf(connector: ChatConnector, config: ChannelAccountConfig | undefined): ConnectorStatus {
  const { state, account } = connector;
  return {
    account: account.id,
    platform: account.platform,
    ...(config?.platform === 'simulator' ? { imitates: config.imitates } : {}),
    state: state.status,
    ...(state.status === 'login_required' ? { qr: state.qr } : {}),
    ...(state.status === 'failed' || state.status === 'reconnecting' ? { reason: state.reason } : {}),
    rateLimit: account.rateLimit,
  };
}

/** Builds one connector per configured account and keeps them running. */
export async function createConnectorRegistry(deps: ConnectorRegistryDeps): Promise<ConnectorRegistry> {
  const build = deps.build ?? ((account: ChannelAccountConfig) => createConnector(account, deps));
  const policy = deps.restart ?? DEFAULT_RESTART;
  const configs = new Map(deps.accounts.map((account) => [account.id, account]));
  const connectors = new Map(await Promise.all(deps.accounts.map(async (account) => [account.id, await build(account)] as const)));
  const restarts = new Map<string, { attempt: number; timer?: NodeJS.Timeout }>();
  let running = false;

  const scheduleRestart = (connector: ChatConnector): void => {
    const entry = restarts.get(connector.account.id) ?? { attempt: 0 };
    if (!running || entry.timer) return;
    entry.attempt += 1;
    const delayMs = backoffDelayMs(entry.attempt, policy);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      connector.start().catch(() => undefined);
    }, delayMs);
    restarts.set(connector.account.id, entry);
    deps.log.info({ account: connector.account.id, attempt: entry.attempt, delayMs }, 'connector restart scheduled');
  };

  for (const connector of connectors.values()) {
    connector.on('state', (state) => {
      // Only the status and a scrubbed reason: chat ids, numbers, texts and QR payloads stay out of logs.
      const fields = { account: connector.account.id, platform: connector.account.platform, state: state.status };
      if (state.status === 'failed') deps.log.warn({ ...fields, reason: state.reason }, 'connector state changed');
      else deps.log.info(fields, 'connector state changed');
      if (state.status === 'ready') restarts.delete(connector.account.id);
      if (state.status === 'failed') scheduleRestart(connector);
    });
  }

  return {
    async start() {
      running = true;
      // A failed start leaves the state `failed`, which schedules the restart.
      await Promise.allSettled([...connectors.values()].map((connector) => connector.start()));
    },
    async stop() {
      running = false;
      for (const entry of restarts.values()) clearTimeout(entry.timer);
      restarts.clear();
      await Promise.allSettled([...connectors.values()].map((connector) => connector.stop()));
    },
    get: (accountId) => connectors.get(accountId),
    all: () => [...connectors.values()],
    statuses: () => [...connectors.values()].map((connector) => statusOf(connector, configs.get(connector.account.id))),
    readinessChecks: () =>
      [...connectors.values()].map((connector) => ({
        name: `connector ${connector.account.id}`,
        check: async () => ({ ok: connector.state.status !== 'failed', detail: connector.state.status }),
      })),
  };
}
