import type { Announcements } from '../announcements/index.js';
import type { Identity } from '../identity/index.js';
import type { Inbox } from '../inbox/index.js';

/** The activity log names notices by their title and conversations by their queue's language, nothing personal. */
export function labelAuditTargets(identity: Pick<Identity, 'labelAuditTargets'>, announcements: Announcements, inbox: Pick<Inbox, 'conversationLanguages'>): void {
  identity.labelAuditTargets('announcement', async (ids) => {
    const found = await Promise.all(ids.map((id) => announcements.service.get(id).catch(() => undefined)));
    return new Map(found.flatMap((a) => (a ? [[a.id, a.translations.find((t) => t.lang === a.sourceLanguage)?.title ?? a.slug] as const] : [])));
  });
  identity.labelAuditTargets('inbox_conversation', (ids) => inbox.conversationLanguages(ids));
}
