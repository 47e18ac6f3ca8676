import type { InboundMessage } from '../../connectors/index.js';
import type { Logger } from '../../platform/logging/logger.js';
import { composeAutomaticText, type AutomaticTextOptions, type InboxText, type Translate } from './acknowledgement.js';
import type { ContactRepository } from '../conversations/contact.repository.js';
import type { ConversationRepository } from '../conversations/conversation.repository.js';
import type { Contact, Conversation, ConversationLanguage, ConversationState, InboxMessage } from '../inbox.types.js';
import { parseKeyword, type Keyword } from './keywords.js';
import { topicsOfChoices } from '../subscriptions/subscription-topics.js';
import { nextOpening, type OpeningHours } from '../../platform/opening-hours.js';
import type { LanguageDetector } from './language-detection.js';
import { chooseLanguage, type LanguageChoice } from './language-choice.js';
import type { MessageRepository } from '../conversations/message.repository.js';
import type { AutomaticReplies } from '../outbound/automatic-replies.js';
import type { InboxChanges } from '../inbox-changes.js';

/** The community language of a registered group, when the message is a mention in one. */
export type GroupLanguageLookup = (account: string, chatId: string) => Promise<string | undefined>;

export interface IntakeDeps {
  contacts: ContactRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  automatic: AutomaticReplies;
  groupLanguage: GroupLanguageLookup;
  /** Reads the town's languages (TOWN_LANGUAGES). */
  detector: LanguageDetector;
  /** LANGUAGE_UNSURE_BELOW: a guess less confident than this leaves the conversation unsure. */
  unsureBelow: number;
  translate: Translate;
  clock: () => Date;
  retentionMs: number;
  /** A citizen who writes again after this long without an answer from us is acknowledged again. */
  ackQuietMs: number;
  /** When mediators answer: an acknowledgement outside them says when the office opens again. */
  openingHours?: OpeningHours;
  /** Open consoles hear of every message stored. */
  changes?: InboxChanges;
  log: Logger;
}

export type IntakeOutcome = 'stored' | 'duplicate' | 'ignored';

/**
 * Turns a connector's inbound message into the inbox's records. Every direct message and every group message
 * that mentions us is written to the database before anything is sent back, and a message already stored
 * (the platform delivered it again) is not stored twice.
 */
export class IntakeService {
  constructor(private readonly deps: IntakeDeps) {}

  /**
   * One attempt, idempotent on the platform message id: the caller (the intake queue's processor) runs it again
   * after a database outage or a lost race between two messages creating the same contact (duplicate key).
   */
  async receive(inbound: InboundMessage): Promise<IntakeOutcome> {
    if (inbound.chatType === 'group' && !inbound.mentionsUs) return 'ignored';
    const now = this.deps.clock();
    const contact = await this.deps.contacts.findOrCreate({ account: inbound.account, platform: inbound.platform, senderId: inbound.senderId, displayName: inbound.senderName, at: now });

    const keyword = keywordOf(inbound);
    const language = await this.languageOf(contact, inbound, keyword);
    const replyTo = { chatId: inbound.chatId, chatType: inbound.chatType, platformMessageId: inbound.platformMessageId };
    // Asking for the notices is asking to hear from us again, as START is.
    const optedOut = keyword?.kind === 'stop' || (contact.optedOut && keyword?.kind !== 'start' && keyword?.kind !== 'subscribe');
    const ackWanted = !keyword && !optedOut;
    const { before, conversation } = await this.deps.conversations.findOrCreate({
      contactId: contact.id,
      account: inbound.account,
      language: language.language,
      unsure: language.unsure,
      languageChoice: conversationLanguage(language),
      state: keyword ? 'closed' : 'open',
      replyTo,
      at: now,
      // A new conversation is always acknowledged: recorded as it is created.
      ...(ackWanted ? { ackAt: now } : {}),
    });
    let ackDue = ackWanted && !before;
    if (ackWanted && before && this.needsAck(before, now)) {
      // A message stored already (a redelivery) must not claim an acknowledgement: staff see when the last one went.
      const existing = await this.deps.messages.byPlatformId(inbound.account, inbound.platformMessageId);
      if (existing) return this.finishInterrupted(existing);
      ackDue = await this.deps.conversations.claimAck(conversation.id, before.lastAckAt, now);
    }

    const stored = await this.deps.messages.insert({
      conversationId: conversation.id,
      contactId: contact.id,
      account: inbound.account,
      platformMessageId: inbound.platformMessageId,
      chatId: inbound.chatId,
      chatType: inbound.chatType,
      text: inbound.text,
      ...(keyword ? { keyword: keyword.kind } : {}),
      language: { chosen: language.language, source: language.source, confidence: language.confidence, ...(language.detected ? { detected: language.detected } : {}) },
      ...(inbound.media ? { media: inbound.media } : {}),
      sentAt: inbound.timestamp,
      receivedAt: now,
      expireAt: new Date(now.getTime() + this.deps.retentionMs),
      ackDue,
    });
    if (!stored) {
      // Stored already (the platform delivered it again, or a run stopped half-way): found by the message's unique
      // index rather than looked up before every message, a round trip each paid. Until here such a message moved
      // only the contact's and the conversation's expiry.
      const existing = await this.deps.messages.byPlatformId(inbound.account, inbound.platformMessageId);
      return existing ? this.finishInterrupted(existing) : 'duplicate';
    }

    if (language.contact || contact.optedOut !== optedOut) {
      await this.deps.contacts.update(contact.id, { ...(language.contact ? { language: language.contact.language, languageSource: language.contact.source } : {}), optedOut });
    }
    await this.changeSubscription(contact, keyword, inbound.chatId, now);
    const updated = await this.deps.conversations.update(
      conversation.id,
      {
        language: language.language,
        unsure: language.unsure,
        languageChoice: conversationLanguage(language),
        replyTo,
        lastInboundAt: now,
        ...stateChange(before ? conversation : undefined, keyword),
        ...waitChange(keyword, optedOut, now, before?.state === 'closed'),
      },
      now,
    );
    this.deps.log.info(
      { conversationId: conversation.id, messageId: stored.id, account: inbound.account, keyword: keyword?.kind ?? null, language: language.language, languageSource: language.source },
      'inbox message stored',
    );
    if (updated) this.deps.changes?.conversation(updated, before ? 'message' : 'created');

    // An opted-out citizen hears from us once more only to confirm the STOP.
    const automatic = ackDue ? 'ack' : optedOut && keyword?.kind !== 'stop' ? undefined : keywordReply(keyword);
    if (automatic && updated) await this.sendAutomatic(automatic, stored, updated, { language: language.language, known: !language.unsure }, { notSubscribed: !contact.subscription, keyword });
    return 'stored';
  }

  /**
   * ISCRIVIMI subscribes the chat it came from (a direct chat, see `keywordOf`) to every topic, ISCRIVIMI 1 3 to
   * those of the menu (and emergencies); a subscriber who writes it again changes topics. UNSUBSCRIBE and STOP end it.
   */
  private async changeSubscription(contact: Contact, keyword: Keyword | undefined, chatId: string, now: Date): Promise<void> {
    if (keyword?.kind === 'subscribe') await this.deps.contacts.subscribe(contact.id, chatId, contact.subscription?.since ?? now, topicsOfChoices(keyword.choices ?? []));
    else if ((keyword?.kind === 'unsubscribe' || keyword?.kind === 'stop') && contact.subscription) await this.deps.contacts.unsubscribe(contact.id, now);
  }

  private needsAck(before: Conversation | undefined, now: Date): boolean {
    if (!before || before.state === 'closed' || !before.lastAckAt) return true;
    return now.getTime() - before.lastInboundAt.getTime() >= this.deps.ackQuietMs;
  }

  /** See `chooseLanguage`: the detector is asked only about a question, never about a keyword. */
  private async languageOf(contact: Contact, inbound: InboundMessage, keyword: Keyword | undefined): Promise<LanguageChoice> {
    const group = inbound.chatType === 'group' ? await this.deps.groupLanguage(inbound.account, inbound.chatId) : undefined;
    return chooseLanguage({
      ...(keyword?.kind === 'language' ? { declared: keyword.language } : {}),
      ...(group ? { group } : {}),
      contact: { language: contact.language, source: contact.languageSource },
      ...(keyword ? {} : { guess: this.deps.detector.detect(inbound.text) }),
      threshold: this.deps.unsureBelow,
    });
  }

  private async sendAutomatic(
    key: InboxText,
    trigger: InboxMessage,
    conversation: Conversation,
    language: { language: string; known: boolean },
    context: { notSubscribed: boolean; keyword?: Keyword | undefined },
  ): Promise<void> {
    await this.deps.automatic.send({
      key: `${key}:${trigger.id}`,
      conversationId: conversation.id,
      contactId: trigger.contactId,
      kind: key === 'ack' ? 'ack' : 'keyword',
      account: trigger.account,
      chatId: trigger.chatId,
      chatType: trigger.chatType,
      text: composeAutomaticText(this.deps.translate, key, language.language, language.known, {
        ...additionsTo(key, trigger, context),
        ...(key === 'ack' ? this.closedUntil() : {}),
      }),
      ...(trigger.chatType === 'group' ? { quotedMessageId: trigger.platformMessageId } : {}),
      createdAt: this.deps.clock(),
      expireAt: trigger.expireAt,
    });
  }

  /** Outside office hours, when they start again (on the town's clock). */
  private closedUntil(): Pick<AutomaticTextOptions, 'opensAt'> {
    const hours = this.deps.openingHours;
    const opens = hours ? nextOpening(this.deps.clock(), hours) : undefined;
    return opens && hours ? { opensAt: { at: opens, timeZone: hours.timeZone } } : {};
  }

  /**
   * The message was stored, but the process may have stopped before the conversation took it into account or
   * its acknowledgement was written: a redelivery finishes both (each step is idempotent).
   */
  private async finishInterrupted(message: InboxMessage & { ackDue: boolean }): Promise<'duplicate'> {
    const [found, conversation] = await Promise.all([this.deps.contacts.get(message.contactId), this.deps.conversations.get(message.conversationId)]);
    if (!found || !conversation) return 'duplicate';
    let contact = found;
    let current = conversation;
    if (conversation.lastInboundAt < message.receivedAt) {
      const keyword = message.keyword ? parseKeyword(message.text) : undefined;
      // A STOP, a language or a subscription the process stored but did not apply: applied, and confirmed, now.
      if (keyword) contact = await this.redoKeyword(contact, keyword, message);
      const replyTo = { chatId: message.chatId, chatType: message.chatType, platformMessageId: message.platformMessageId };
      current =
        (await this.deps.conversations.update(
          conversation.id,
          {
            replyTo,
            lastInboundAt: message.receivedAt,
            ...stateChange(conversation, keyword),
            ...waitChange(keyword, contact.optedOut, message.receivedAt, conversation.state === 'closed'),
          },
          this.deps.clock(),
        )) ?? conversation;
      this.deps.changes?.conversation(current, 'message');
    }
    if (message.ackDue) await this.sendAutomatic('ack', message, current, { language: current.language, known: !current.unsure }, { notSubscribed: !contact.subscription });
    return 'duplicate';
  }

  /** What a keyword changes on the contact, as `receive` does it; each step is idempotent, and so is the confirmation (keyed by message). */
  private async redoKeyword(contact: Contact, keyword: Keyword, message: InboxMessage): Promise<Contact> {
    const optedOut = keyword.kind === 'stop' || (contact.optedOut && keyword.kind !== 'start' && keyword.kind !== 'subscribe');
    const language = keyword.kind === 'language' ? { language: keyword.language, languageSource: 'declared' as const } : {};
    await this.deps.contacts.update(contact.id, { optedOut, ...language });
    await this.changeSubscription(contact, keyword, message.chatId, message.receivedAt);
    const updated = { ...contact, optedOut, ...language };
    const reply = optedOut && keyword.kind !== 'stop' ? undefined : keywordReply(keyword);
    const conversation = await this.deps.conversations.get(message.conversationId);
    if (reply && conversation) await this.sendAutomatic(reply, message, conversation, { language: updated.language, known: updated.languageSource !== 'default' }, { notSubscribed: false, keyword });
    return updated;
  }
}

function conversationLanguage(choice: LanguageChoice): ConversationLanguage {
  return { source: choice.source, confidence: choice.confidence, candidates: choice.candidates };
}

/**
 * The keyword a message is, if any. Subscribing is for direct chats only: the notices go to the chat the
 * citizen asked from, and a group's own notices are the groups registry's business.
 */
function keywordOf(inbound: InboundMessage): Keyword | undefined {
  const keyword = parseKeyword(inbound.text);
  if (inbound.chatType !== 'direct' && (keyword?.kind === 'subscribe' || keyword?.kind === 'unsubscribe')) return undefined;
  return keyword;
}

const KEYWORD_REPLIES: Record<Keyword['kind'], InboxText> = {
  language: 'languageSet',
  stop: 'stopped',
  start: 'started',
  subscribe: 'subscribed',
  unsubscribe: 'unsubscribed',
};

function keywordReply(keyword: Keyword | undefined): InboxText | undefined {
  if (keyword?.kind === 'subscribe' && topicsOfChoices(keyword.choices ?? []).length > 0) return 'subscribedTopics';
  return keyword ? KEYWORD_REPLIES[keyword.kind] : undefined;
}

/**
 * What follows an automatic message: a first answer in a direct chat says how to receive the notices there too
 * (a group has its own); a subscription to every topic, how to choose some; one to some topics names them.
 */
function additionsTo(key: InboxText, trigger: InboxMessage, context: { notSubscribed: boolean; keyword?: Keyword | undefined }): AutomaticTextOptions {
  if (key === 'ack') return { subscribeHint: trigger.chatType === 'direct' && context.notSubscribed };
  if (key === 'subscribed') return { topicsMenu: true };
  if (key === 'subscribedTopics' && context.keyword?.kind === 'subscribe') return { topics: topicsOfChoices(context.keyword.choices ?? []) };
  return {};
}

/**
 * A question starts the citizen's wait for staff's answer (unless one is running: the earliest unanswered
 * question counts; in a closed conversation it starts over, whatever an earlier wait left); STOP ends it, as
 * the citizen no longer expects one; other keywords are answered by us.
 */
function waitChange(keyword: Keyword | undefined, optedOut: boolean, at: Date, wasClosed: boolean): { waitingSince?: Date | null; restartWait?: Date } {
  if (keyword?.kind === 'stop') return { waitingSince: null };
  if (keyword || optedOut) return {};
  return wasClosed ? { restartWait: at } : { waitingSince: at };
}

/** A question (re)opens the conversation, back to its assignee if it had one; STOP closes it; other keywords leave it. */
function stateChange(existing: Conversation | undefined, keyword: Keyword | undefined): { state?: ConversationState } {
  if (keyword?.kind === 'stop') return { state: 'closed' };
  if (keyword) return {};
  if (!existing) return { state: 'open' };
  return { state: existing.assigneeId ? 'assigned' : 'open' };
}
