import type { Router } from 'express';
import type { Mailer } from '../platform/mail/mailer.port.js';
import { WaitingAlerts } from './conversations/waiting-alerts.js';
import type { OpeningHours } from '../platform/opening-hours.js';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import type { InboundMessage } from '../connectors/index.js';
import type { Logger } from '../platform/logging/logger.js';
import type { QueueFactory } from '../platform/queue/job-queue.port.js';
import type { FileSpool } from '../platform/spool/file-spool.js';
import type { Translate } from './intake/acknowledgement.js';
import { ContactRepository } from './conversations/contact.repository.js';
import { ConversationRepository } from './conversations/conversation.repository.js';
import type { DirectDeliveries } from './privacy/direct-deliveries.port.js';
import type { InboxAudit } from './inbox-audit.port.js';
import type { AccountPace, AccountSender } from '../chat-accounts/index.js';
import type { InboxStaff } from './inbox-staff.port.js';
import { registerInboxMetrics } from './inbox.metrics.js';
import { createInboxRoutes } from './inbox.routes.js';
import { createMessageTranslationRoutes, type MessageTranslator } from './conversations/message-translation.js';
import { InboxService } from './conversations/inbox.service.js';
import { IntakeQueue, type AcceptOutcome, type SpooledMessage } from './intake/intake-queue.js';
import { startIntakeSpoolDrain } from './intake/intake-spool-drain.js';
import { IntakeService, type GroupLanguageLookup } from './intake/intake.service.js';
import { createLanguageDetector } from './intake/language-detection.js';
import { MessageRepository } from './conversations/message.repository.js';
import { NoteRepository } from './conversations/note.repository.js';
import { OutboundRepository } from './outbound/outbound.repository.js';
import { OutboundSender } from './outbound/outbound-sender.service.js';
import { AUTOMATIC_REPLY_BUDGET, AutomaticReplies } from './outbound/automatic-replies.js';
import { Outbox, type InboxAccount } from './outbound/outbox.js';
import { PrivacyService } from './privacy/privacy.service.js';
import { registerReceiveInboundProcessor } from './intake/processors/receive-inbound.processor.js';
import { registerSendOutboundProcessor } from './outbound/processors/send-outbound.processor.js';
import { ResponseTimeRepository } from './conversations/response-time.repository.js';
import { LanguageCorrectionRepository } from './intake/language-correction.repository.js';
import { SubscriptionService } from './subscriptions/subscription.service.js';
import { InboxChanges } from './inbox-changes.js';
import type { InboxLive } from './inbox-live.port.js';
import { FollowerService, type FollowerChange } from './subscriptions/follower.service.js';
import { createSavedReplies } from './saved-replies/index.js';

export type { AuditReference, AuditTargetRef, InboxAudit } from './inbox-audit.port.js';
export type { DirectDeliveries } from './privacy/direct-deliveries.port.js';
export type { InboxAccount } from './outbound/outbox.js';
export type { InboxStaff } from './inbox-staff.port.js';
export type { FollowerChange } from './subscriptions/follower.service.js';
export { inboxOpenApi } from './inbox.openapi.js';
export type { MessageTranslator } from './conversations/message-translation.js';
export { mayReadQueue } from './inbox-access.js';
export type { InboxLive, ConversationChangeReason } from './inbox-live.port.js';

export interface InboxDeps {
  db: Connection;
  queues: QueueFactory;
  /**
   * Citizens' messages on the local disk until Redis has their intake job; one folder per process role, so that
   * a worker process and the service never drain each other's messages.
   */
  intakeSpool: FileSpool<SpooledMessage>;
  /** One send queue per account. */
  accounts: readonly InboxAccount[];
  /** The one sending port of chat-accounts: the inbox only sends into the chat a citizen wrote from. */
  chat: Pick<AccountSender, 'send'>;
  /** Every send waits for its account's turn, shared with announcements. */
  pace: AccountPace;
  groupLanguage: GroupLanguageLookup;
  /** TOWN_LANGUAGES (what the detector reads) and LANGUAGE_UNSURE_BELOW (below it, the unsure queue). */
  languages: { town: readonly string[]; unsureBelow: number };
  deliveries: DirectDeliveries;
  audit: InboxAudit;
  /** Who may be assigned a conversation. */
  staff: InboxStaff;
  translate: Translate;
  /** Only when the town turned on machine translation of citizens' messages (`TRANSLATE_CITIZEN_MESSAGES`). */
  messageTranslator?: MessageTranslator;
  clock: () => Date;
  /** RETENTION_MESSAGE_DAYS: texts (messages, replies, notes) are deleted this long after they were written. */
  retentionMs: number;
  /** ANSWER_TARGET_HOURS, for the answer time statistics. */
  answerTargetMs: number;
  /** INBOX_OPENING_HOURS: a question outside them is told when the office opens again; none, nothing is said. */
  openingHours?: OpeningHours | undefined;
  /** E-mail to staff about citizens waiting (SMTP_URL): after `afterMs`, checked every `checkMs`; none, no e-mail. */
  alerts?: { mailer: Mailer; afterMs: number; checkMs: number };
  /** The service's public address, for links to the console. */
  consoleUrl?: () => string;
  /** Open consoles hear of every change (the live event stream). */
  live?: InboxLive;
  metrics: Registry;
  log: Logger;
}

/** A citizen's direct chat that asked for the notices (ISCRIVIMI), as dispatch sends them there. */
export interface SubscribedChat {
  contactId: string;
  account: string;
  chatId: string;
  /** The contact's language now: the notices follow a LANG change. */
  language: string;
}

export interface Inbox {
  /** Mount at `/api/v1/inbox`. */
  routes: Router;
  /** The chats receiving an announcement with these topics, a page at a time (a subscription without topics takes all). */
  subscribedChats(topics: readonly string[]): AsyncIterable<SubscribedChat[]>;
  /** An Official Account's follower followed: subscribed to the notices (see `FollowerService`); `firstFollow` for a new one. */
  follow(change: FollowerChange): Promise<{ firstFollow: boolean }>;
  /** An Official Account's follower unfollowed: opted out. */
  unfollow(change: FollowerChange): Promise<void>;
  /** An Official Account's followers receiving the notices, with their language, for its language tags. */
  followersOf(account: string): AsyncIterable<Array<{ openid: string; language: string }>>;
  /** How many citizens an announcement with these topics would reach, per language. */
  subscribersByLanguage(topics: readonly string[], exceptAccounts?: readonly string[]): Promise<Array<{ language: string; subscribers: number }>>;
  /** RETENTION_MESSAGE_DAYS: how long what is sent into a citizen's chat may be kept. */
  readonly retentionMs: number;
  /** The queue (language) of each conversation still kept: how the activity log names one, with nothing personal. */
  conversationLanguages(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * The connectors' `message` listener: writes the message to the spool on disk and queues it in Redis (so no
   * database or Redis outage, nor a crash, loses it), then resolves once it is stored and its acknowledgement
   * queued, or after a few seconds with `queued` (in Redis; stored as soon as the database answers) or `spooled`
   * (on disk; queued as soon as Redis answers). A group message that does not mention us is not kept at all.
   */
  receive(message: InboundMessage): Promise<AcceptOutcome>;
  /**
   * Registers the intake processor (it reads the messages this process spooled), queues what the spool holds from
   * before (a crash, a Redis outage), and keeps retrying what Redis has not taken yet. Runs in every process that
   * receives messages, with or without workers.
   */
  startIntake(): { stop(): Promise<void> };
  /** Registers the send processors, queues what a crash left unsent, and checks again every minute. */
  startWorkers(): Promise<void>;
  stop(): Promise<void>;
}

/** A citizen writing again after 12 hours without an answer hears again that the message arrived. */
const ACK_QUIET_MS = 12 * 60 * 60 * 1000;
const REQUEUE_EVERY_MS = 60_000;
/** Long enough for a healthy database and Redis under load; short enough not to hold a connector during an outage. */
const RECEIVE_WAIT_MS = 5000;
/** As the groups registry pages its targets. */
const SUBSCRIBERS_PAGE = 500;

/** The inbox: citizens' questions from the chats, routed by language to mediators, answered in the same chat. */
export async function createInbox(deps: InboxDeps): Promise<Inbox> {
  const contacts = new ContactRepository(deps.db, deps.retentionMs);
  const conversations = new ConversationRepository(deps.db, deps.retentionMs);
  const messages = new MessageRepository(deps.db);
  const outbound = new OutboundRepository(deps.db);
  const notes = new NoteRepository(deps.db);
  const responseTimes = new ResponseTimeRepository(deps.db);
  const corrections = new LanguageCorrectionRepository(deps.db);
  await Promise.all([contacts, conversations, messages, outbound, notes, responseTimes, corrections].map((r) => r.init()));
  const metrics = registerInboxMetrics(deps.metrics, { contacts, conversations, outbound });
  const changes = new InboxChanges({ live: deps.live, conversations, log: deps.log });
  const outbox = new Outbox({ outbound, queues: deps.queues, accounts: deps.accounts, changes, log: deps.log });
  const automatic = new AutomaticReplies({ outbox, outbound, budget: AUTOMATIC_REPLY_BUDGET, clock: deps.clock, log: deps.log });
  const intake = new IntakeService({
    contacts,
    conversations,
    messages,
    automatic,
    groupLanguage: deps.groupLanguage,
    detector: await createLanguageDetector(deps.languages.town),
    unsureBelow: deps.languages.unsureBelow,
    translate: deps.translate,
    clock: deps.clock,
    retentionMs: deps.retentionMs,
    ackQuietMs: ACK_QUIET_MS,
    ...(deps.openingHours ? { openingHours: deps.openingHours } : {}),
    changes,
    log: deps.log,
  });
  const intakeQueue = new IntakeQueue(deps.queues, deps.intakeSpool, { retentionMs: deps.retentionMs, log: deps.log });
  const inbox = new InboxService({
    contacts,
    conversations,
    messages,
    outbound,
    notes,
    outbox,
    responseTimes,
    corrections,
    answerTargetMs: deps.answerTargetMs,
    ...(deps.openingHours ? { openingHours: deps.openingHours } : {}),
    onAnswered: metrics.answered,
    onCorrected: metrics.corrected,
    audit: deps.audit,
    staff: deps.staff,
    clock: deps.clock,
    retentionMs: deps.retentionMs,
    changes,
  });
  const privacy = new PrivacyService({ contacts, conversations, messages, outbound, notes, deliveries: deps.deliveries, audit: deps.audit, clock: deps.clock, changes });
  const savedReplies = await createSavedReplies({ db: deps.db, audit: deps.audit });
  const followers = new FollowerService(contacts);
  const sender = new OutboundSender({ outbound, chat: deps.chat, pace: deps.pace, changes, log: deps.log });
  let requeueTimer: NodeJS.Timeout | undefined;
  let alertTimer: NodeJS.Timeout | undefined;
  const alerts = deps.alerts
    ? new WaitingAlerts({
        conversations,
        staff: deps.staff,
        mailer: deps.alerts.mailer,
        clock: deps.clock,
        afterMs: deps.alerts.afterMs,
        ...(deps.openingHours ? { openingHours: deps.openingHours } : {}),
        consoleUrl: deps.consoleUrl ?? (() => ''),
        translate: deps.translate,
        log: deps.log,
      })
    : undefined;

  return {
    routes: createInboxRoutes({
      inbox,
      privacy,
      subscriptions: new SubscriptionService({ contacts, conversations, outbox, audit: deps.audit, translate: deps.translate, clock: deps.clock, retentionMs: deps.retentionMs }),
      savedReplies: savedReplies.routes,
      messageTranslation: createMessageTranslationRoutes({ inbox, translator: deps.messageTranslator }),
      messageTranslationOn: deps.messageTranslator !== undefined,
    }),
    retentionMs: deps.retentionMs,
    async conversationLanguages(ids) {
      const found = await Promise.all(ids.map((id) => conversations.get(id)));
      return new Map(found.flatMap((c) => (c ? [[c.id, c.language] as const] : [])));
    },
    async *subscribedChats(topics) {
      for await (const page of contacts.subscribers(topics, SUBSCRIBERS_PAGE)) {
        yield page.map((c) => ({ contactId: c.id, account: c.account, chatId: c.subscription!.chatId, language: c.language }));
      }
    },
    follow: (change) => followers.follow(change),
    unfollow: (change) => followers.unfollow(change),
    followersOf: (account) => followers.followersOf(account, SUBSCRIBERS_PAGE),
    subscribersByLanguage: (topics, exceptAccounts) => contacts.subscribersByLanguage(topics, exceptAccounts),
    async receive(message) {
      if (message.chatType === 'group' && !message.mentionsUs) return 'ignored';
      return intakeQueue.accept(message, RECEIVE_WAIT_MS);
    },
    startIntake() {
      // In every process that receives messages, workers or not: the messages it spooled are on its own disk.
      registerReceiveInboundProcessor(intakeQueue, intake, deps.log);
      return startIntakeSpoolDrain(intakeQueue, deps.log);
    },
    async startWorkers() {
      if (alerts && deps.alerts) {
        const check = (): void => void alerts.check().catch((error: unknown) => deps.log.warn({ err: error }, 'staff alert about waiting citizens failed; the next check retries'));
        alertTimer = setInterval(check, deps.alerts.checkMs);
        alertTimer.unref();
      }
      for (const [account, queue] of outbox.entries()) registerSendOutboundProcessor(account, queue, sender, deps.log);
      await outbox.requeueUnfinished();
      requeueTimer = setInterval(() => void outbox.requeueUnfinished().catch((error: unknown) => deps.log.warn({ err: error }, 'inbox requeue failed')), REQUEUE_EVERY_MS);
      requeueTimer.unref();
    },
    async stop() {
      clearInterval(requeueTimer);
      clearInterval(alertTimer);
      await Promise.all([intakeQueue.queue, ...outbox.queues].map((queue) => queue.close()));
    },
  };
}
