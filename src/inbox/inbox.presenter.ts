import type { ConversationRow, ConversationView } from './conversations/inbox.service.js';
import type { ResponseStats } from './conversations/answer-waits.js';
import type { LanguageResponseStats } from './conversations/response-stats.js';
import type { Contact, Conversation, InboxMessage, Note, Outbound } from './inbox.types.js';

/**
 * What staff read. Message texts are the citizen's own, returned as JSON strings: clients must escape them
 * (they are never rendered by Sportello). The contact's platform id (a phone number on WhatsApp) is not shown:
 * staff answer through the conversation, and only an admin's export reveals it.
 */
export function presentConversation(c: Conversation) {
  return {
    id: c.id,
    contactId: c.contactId,
    account: c.account,
    language: c.language,
    unsure: c.unsure,
    ...(c.languageChoice ? { languageSource: c.languageChoice.source, languageConfidence: c.languageChoice.confidence, languageCandidates: c.languageChoice.candidates } : {}),
    state: c.state,
    ...(c.assigneeId ? { assigneeId: c.assigneeId } : {}),
    chatType: c.replyTo.chatType,
    lastInboundAt: c.lastInboundAt.toISOString(),
    ...(c.lastAckAt ? { lastAckAt: c.lastAckAt.toISOString() } : {}),
    // Nobody waits in a closed conversation; the wait's start is kept only for a reopening.
    ...(c.waitingSince && c.state !== 'closed' ? { waitingSince: c.waitingSince.toISOString() } : {}),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The start of a citizen's message on a queue's row; the conversation shows it whole. */
const PREVIEW_CHARS = 120;

export function presentConversationRow(row: ConversationRow) {
  const text = row.lastMessage ? [...row.lastMessage.text] : [];
  return {
    ...presentConversation(row.conversation),
    ...(row.displayName !== undefined ? { displayName: row.displayName } : {}),
    ...(row.lastMessage
      ? {
          lastMessage: {
            text: text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1).join('')}…` : text.join(''),
            truncated: text.length > PREVIEW_CHARS,
            ...(row.lastMessage.media ? { media: row.lastMessage.media.kind } : {}),
            receivedAt: row.lastMessage.receivedAt.toISOString(),
          },
        }
      : {}),
  };
}

export function presentContact(c: Contact) {
  return {
    id: c.id,
    account: c.account,
    platform: c.platform,
    displayName: c.displayName,
    language: c.language,
    languageSource: c.languageSource,
    optedOut: c.optedOut,
    // Since when, not where: the chat id is the export's.
    ...(c.subscription ? { subscribedSince: c.subscription.since.toISOString(), subscribedTopics: c.subscription.topics ?? [] } : {}),
  };
}

export function presentMessage(m: InboxMessage) {
  return {
    id: m.id,
    chatType: m.chatType,
    text: m.text,
    ...(m.keyword ? { keyword: m.keyword } : {}),
    ...(m.language ? { language: m.language } : {}),
    ...(m.media ? { media: m.media } : {}),
    sentAt: m.sentAt.toISOString(),
    receivedAt: m.receivedAt.toISOString(),
    expireAt: m.expireAt.toISOString(),
  };
}

export function presentOutbound(o: Outbound) {
  return {
    id: o.id,
    kind: o.kind,
    text: o.text,
    state: o.state,
    attempts: o.attempts,
    ...(o.authorId ? { authorId: o.authorId } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
    createdAt: o.createdAt.toISOString(),
    ...(o.sentAt ? { sentAt: o.sentAt.toISOString() } : {}),
  };
}

export function presentNote(n: Note) {
  return { id: n.id, authorId: n.authorId, text: n.text, createdAt: n.createdAt.toISOString() };
}

export function presentConversationView(view: ConversationView) {
  return {
    ...presentConversation(view.conversation),
    contact: presentContact(view.contact),
    messages: view.messages.map(presentMessage),
    outbound: view.outbound.map(presentOutbound),
    ...(view.notes ? { notes: view.notes.map(presentNote) } : {}),
  };
}

function presentStatsRow(row: Omit<LanguageResponseStats, 'language'>) {
  const { oldestWaitingSince, ...numbers } = row;
  return { ...numbers, ...(oldestWaitingSince ? { oldestWaitingSince: oldestWaitingSince.toISOString() } : {}) };
}

export function presentResponseStats(stats: ResponseStats, days: number) {
  return {
    days,
    since: stats.since.toISOString(),
    targetSeconds: Math.round(stats.targetMs / 1000),
    measuredIn: stats.measuredIn,
    overall: presentStatsRow(stats.overall),
    languages: stats.languages.map(({ language, ...row }) => ({ language, ...presentStatsRow(row) })),
  };
}
