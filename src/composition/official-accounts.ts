import { isOfficialAccount, tagChatId, type ConnectorRegistry } from '../connectors/index.js';
import type { Dispatch } from '../dispatch/index.js';
import type { Inbox } from '../inbox/index.js';
import type { Logger } from '../platform/logging/logger.js';

/** Language tags are brought in step this long after a follow or a message (a LINGUA change), and every so often. */
const SYNC_AFTER_MS = 2000;
const SYNC_EVERY_MS = 10 * 60_000;
/** A mass send's report can come before its delivery is marked sent; it is tried again meanwhile, then dropped. */
const REPORT_MATCH_MS = 10 * 60_000;

/**
 * Ties each WeChat Official Account to the features: followers become the inbox's subscribers, each language tag
 * a registered group of that language (so a notice goes out as one mass send per tag), WeChat's mass-send reports
 * land on their deliveries, and the tags follow the followers' languages.
 */
export async function wireOfficialAccounts(deps: { connectors: ConnectorRegistry; inbox: () => Inbox; dispatch: Dispatch; log: Logger }): Promise<{ stop(): void }> {
  const accounts = deps.connectors.all().filter(isOfficialAccount);
  const timers: NodeJS.Timeout[] = [];
  for (const connector of accounts) {
    const account = connector.account.id;
    await deps.dispatch.registerGroups(
      connector.languages.map((language) => ({ account, chatId: tagChatId(language), name: `WeChat followers — ${language}`, language, topics: [], enabled: true })),
    );
    let pending: NodeJS.Timeout | undefined;
    const sync = (): void => {
      clearTimeout(pending);
      pending = undefined;
      if (connector.state.status !== 'ready') return;
      connector
        .syncLanguageTags(() => deps.inbox().followersOf(account))
        .then((done) => done && (done.tagged > 0 || done.untagged > 0) && deps.log.info({ account, ...done }, 'WeChat language tags brought in step'))
        .catch((error: unknown) => deps.log.warn({ err: error, account }, 'WeChat language tags not synced; the next sync tries again'));
    };
    const syncSoon = (): void => {
      clearTimeout(pending);
      pending = setTimeout(sync, SYNC_AFTER_MS);
      pending.unref();
    };
    connector.onFollower(async (event) => {
      const change = { account, platform: 'wechat-official' as const, openid: event.openid, at: event.at, language: event.language };
      if (event.kind === 'follow') await deps.inbox().follow(change);
      else await deps.inbox().unfollow(change);
      syncSoon();
    });
    connector.on('message', async () => syncSoon());
    connector.on('state', (state) => state.status === 'ready' && syncSoon());
    connector.onMassSendReport(async (report) => {
      const updated = await deps.dispatch.recordPlatformReport(account, report.msgId, { status: report.status, total: report.total, sent: report.sent, errors: report.errors });
      if (updated > 0) return;
      // Thrown, the report stays in the connector's spool and is tried again; an old one is a send made elsewhere.
      if (Date.now() - report.at.getTime() < REPORT_MATCH_MS) throw new Error('no delivery carries this mass send yet');
      deps.log.info({ account }, 'a WeChat mass-send report matches no delivery (sent from the WeChat admin page?)');
    });
    const every = setInterval(sync, SYNC_EVERY_MS);
    every.unref();
    timers.push(every);
  }
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
