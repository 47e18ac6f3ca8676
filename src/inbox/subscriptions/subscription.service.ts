import type { Principal } from '../../identity/index.js';
import { composeAutomaticText, type AutomaticTextOptions, type InboxText, type Translate } from '../intake/acknowledgement.js';
import type { ContactRepository } from '../conversations/contact.repository.js';
import type { ConversationRepository } from '../conversations/conversation.repository.js';
import { assertCanWork } from '../inbox-access.js';
import type { InboxAudit } from '../inbox-audit.port.js';
import { ContactOptedOut, ConversationNotFound, SubscriptionNeedsDirectChat } from '../inbox.errors.js';
import type { Contact, Conversation } from '../inbox.types.js';
import type { Outbox } from '../outbound/outbox.js';

export interface SubscriptionServiceDeps {
  contacts: ContactRepository;
  conversations: ConversationRepository;
  outbox: Outbox;
  audit: InboxAudit;
  translate: Translate;
  clock: () => Date;
  retentionMs: number;
}

/**
 * Staff subscribe a citizen to the notices, or end it, when the citizen asked in their own words ("vorrei
 * ricevere gli avvisi") rather than with the keyword. Only the citizen's own direct chat can receive them, and
 * only a citizen who has not written STOP (that is theirs to undo); the citizen is told, in their language,
 * exactly as after the keyword. Asking again for what is already so changes and sends nothing.
 */
export class SubscriptionService {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  /**
   * `topics`: only announcements with one of them (the citizen asked for school notices only); none, every one.
   * For a subscriber already, only the topics change, and nothing is sent.
   */
  async subscribe(who: Principal, conversationId: string, topics: readonly string[] = []): Promise<Contact> {
    const { conversation, contact } = await this.workable(who, conversationId);
    if (contact.optedOut) throw new ContactOptedOut();
    const withTopics = (subscription: NonNullable<Contact['subscription']>): Contact => {
      const { topics: _old, ...rest } = subscription;
      return { ...contact, subscription: { ...rest, ...(topics.length ? { topics: [...topics] } : {}) } };
    };
    if (contact.subscription) {
      await this.deps.contacts.setSubscriptionTopics(contact.id, topics);
      await this.record(who, 'inbox.subscription_topics_changed', conversationId, { topics: topics.join(',') });
      return withTopics(contact.subscription);
    }
    if (conversation.replyTo.chatType !== 'direct') throw new SubscriptionNeedsDirectChat();
    const now = this.deps.clock();
    await this.deps.contacts.subscribe(contact.id, conversation.replyTo.chatId, now, topics);
    // Told which topics, or, for all of them, how to choose some: as after the keyword.
    if (topics.length > 0) await this.tell('subscribedTopics', conversation, contact, conversation.replyTo.chatId, now, { topics });
    else await this.tell('subscribed', conversation, contact, conversation.replyTo.chatId, now, { topicsMenu: true });
    await this.record(who, 'inbox.subscribed', conversationId, { topics: topics.join(',') });
    return withTopics({ chatId: conversation.replyTo.chatId, since: now });
  }

  async unsubscribe(who: Principal, conversationId: string): Promise<Contact> {
    const { conversation, contact } = await this.workable(who, conversationId);
    if (!contact.subscription) return contact;
    const now = this.deps.clock();
    await this.deps.contacts.unsubscribe(contact.id, now);
    // Told in the chat the notices went to; a citizen who wrote STOP hears nothing more.
    if (!contact.optedOut) await this.tell('unsubscribed', conversation, contact, contact.subscription.chatId, now);
    await this.record(who, 'inbox.unsubscribed', conversationId);
    const { subscription: _ended, ...rest } = contact;
    return rest;
  }

  private async workable(who: Principal, id: string): Promise<{ conversation: Conversation; contact: Contact }> {
    const conversation = await this.deps.conversations.get(id);
    if (!conversation) throw new ConversationNotFound(id);
    assertCanWork(who, conversation.language);
    const contact = await this.deps.contacts.get(conversation.contactId);
    if (!contact) throw new ConversationNotFound(id);
    return { conversation, contact };
  }

  /** The same confirmation the keyword gets, into the citizen's direct chat. */
  private async tell(key: InboxText, conversation: Conversation, contact: Contact, chatId: string, now: Date, additions: AutomaticTextOptions = {}): Promise<void> {
    await this.deps.outbox.send({
      conversationId: conversation.id,
      contactId: contact.id,
      kind: 'keyword',
      account: conversation.account,
      chatId,
      chatType: 'direct',
      text: composeAutomaticText(this.deps.translate, key, contact.language, contact.languageSource !== 'default', additions),
      createdAt: now,
      expireAt: new Date(now.getTime() + this.deps.retentionMs),
    });
  }

  private record(who: Principal, action: string, conversationId: string, details?: Record<string, string>): Promise<void> {
    return this.deps.audit.record({ actor: who, action, target: { type: 'inbox_conversation', id: conversationId }, ...(details ? { details } : {}) });
  }
}
