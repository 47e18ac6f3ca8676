import type { Announcement, Announcements, AuditRecorder } from '../announcements/index.js';
import type { DispatchAccount, ReachCounter, SendableAnnouncement, Target, TargetSource } from '../dispatch/index.js';
import type { AuditLog } from '../identity/index.js';
import type { Inbox, InboxAudit } from '../inbox/index.js';
import type { Config } from '../platform/config.js';

// What one feature needs of another, shaped by the composition root: each feature declares a port, and these
// fill them from the other features' public APIs.

/** Announcements' model as dispatch needs it; deliveries are keyed by the source revision, not every edit. */
export function sendableOf(announcement: Announcement, announcements: Announcements): SendableAnnouncement {
  return {
    id: announcement.id,
    version: announcement.sourceRevision,
    priority: announcement.priority,
    topics: announcement.topics,
    languages: announcement.translations.map((t) => t.lang),
    approvedLanguages: announcement.translations.filter((t) => t.status === 'approved').map((t) => t.lang),
    ...(announcement.scheduledAt ? { scheduledAt: announcement.scheduledAt } : {}),
    ...(announcement.validUntil ? { validUntil: announcement.validUntil } : {}),
    render: (lang, channel, kind) => announcements.renderForChannel(announcement, lang, channel, kind),
  };
}

/** The chat accounts with the limits dispatch paces them by; a simulated account sends like the platform it imitates. */
export function dispatchAccountsOf(config: Config): DispatchAccount[] {
  return config.connectors.accounts.map((account) => ({
    id: account.id,
    channel: account.platform === 'simulator' ? account.imitates : account.platform === 'wechat-official' ? 'wechat' : account.platform,
    rateLimit: account.rateLimit,
  }));
}

/**
 * The inbox's subscribed citizens as dispatch targets: an announcement goes to their direct chat in their
 * language (every one, or those with a topic they chose), outside the town's quiet hours for private chats (`CITIZEN_QUIET_HOURS`; urgent
 * ones at once), and what is sent there is kept only as long as the inbox keeps texts. `inbox`
 * is read when an announcement is planned, after start-up: the inbox is created after dispatch, whose
 * deliveries it needs for a citizen's export and erasure. Subscribers on `massSendAccounts` (Official Accounts)
 * are left out: their language tag, a registered group, reaches them all in one mass send.
 */
export function citizenTargetsOf(inbox: () => Inbox, quietHours: Target['quietHours'], massSendAccounts: ReadonlySet<string> = new Set()): { targets: TargetSource; reach: ReachCounter } {
  return {
    targets: {
      async *matching(topics): AsyncIterable<Target[]> {
        const { retentionMs } = inbox();
        for await (const page of inbox().subscribedChats(topics)) {
          yield page.filter((chat) => !massSendAccounts.has(chat.account)).map((chat) => ({ key: `citizen:${chat.contactId}`, kind: 'citizen' as const, account: chat.account, chatId: chat.chatId, language: chat.language, keepDeliveriesMs: retentionMs, ...(quietHours ? { quietHours } : {}) }));
        }
      },
    },
    reach: async (topics) => (await inbox().subscribersByLanguage(topics)).map((row) => ({ language: row.language, count: row.subscribers })),
  };
}

/** Identity's audit trail as the inbox records into it and reads it for a citizen's export and erasure. */
export function inboxAuditOf(audit: AuditLog): InboxAudit {
  return {
    async record({ actor, action, target, details }) {
      await audit.record({
        actor: { type: 'user', id: actor.userId, email: actor.email },
        action,
        target,
        ...(details ? { details } : {}),
      });
    },
    async referencing(targets) {
      const events = await audit.referencing(targets);
      return events.map((e) => ({ id: e.id, at: e.at, action: e.action, actorId: e.actor.type === 'user' ? e.actor.id : null, target: e.target ?? { type: '', id: '' } }));
    },
    pseudonymise: (targets, pseudonym) => audit.pseudonymise(targets, pseudonym),
  };
}

/** Identity's audit trail as announcements record into it; the scheduler's own changes are the system's. */
export function announcementsAuditOf(audit: AuditLog): AuditRecorder {
  return async ({ actor, action, announcementId, details }) => {
    await audit.record({
      actor: actor.userId === 'system' ? { type: 'system' } : { type: 'user', id: actor.userId, email: actor.email },
      action,
      target: { type: 'announcement', id: announcementId },
      details,
    });
  };
}
