import type { Logger } from '../../platform/logging/logger.js';
import type { Outbox } from './outbox.js';
import type { NewOutbound, OutboundRepository } from './outbound.repository.js';

/**
 * The small budget of automatic replies (acknowledgements, keyword confirmations and the menus they carry) per
 * citizen: 20 STOPs in a row once got 20 confirmations, each a turn of the town's number (issue #18).
 */
export interface AutomaticReplyBudget {
  /**
   * A keyword's confirmation that follows another of the same kind within `windowMs` (a burst) waits until the
   * citizen has sent no such keyword for this long, and then says what the last one did.
   */
  settleMs: number;
  /** Within it, the same confirmation is not sent twice, and at most `perContact` automatic replies go to a citizen. */
  windowMs: number;
  perContact: number;
}

export const AUTOMATIC_REPLY_BUDGET: AutomaticReplyBudget = { settleMs: 2000, windowMs: 10 * 60_000, perContact: 5 };

/** Keywords whose confirmations say the same thing's state: the latest replaces the earlier ones still waiting. */
const KINDS: readonly RegExp[] = [/^(stopped|started|subscribed|subscribedTopics|unsubscribed):/, /^languageSet:/];

export type AutomaticOutcome = 'queued' | 'settling' | 'merged' | 'repeated' | 'over_budget';

/**
 * Sends automatic replies within their budget. Nothing the citizen asked is lost by it: the keyword is applied
 * whatever its confirmation does, and a question is stored and waits for a mediator even when its acknowledgement
 * is not sent. The first confirmation goes at once (a citizen who writes ISCRIVIMI once hears back at once).
 */
export class AutomaticReplies {
  constructor(private readonly deps: { outbox: Outbox; outbound: OutboundRepository; budget: AutomaticReplyBudget; clock: () => Date; log: Logger }) {}

  async send(message: NewOutbound & { key: string }): Promise<AutomaticOutcome> {
    const { outbound, outbox, budget } = this.deps;
    const kind = message.kind === 'keyword' ? KINDS.find((pattern) => pattern.test(message.key)) : undefined;
    if (kind) {
      // A confirmation of the same kind still waiting to go now says what the latest keyword did, a little later.
      const waiting = await outbound.replaceQueuedAutomaticText(message.contactId, kind, message.text);
      if (waiting) {
        await outbox.postpone(waiting, budget.settleMs);
        return this.skipped(message, 'merged');
      }
    }
    const since = new Date(this.deps.clock().getTime() - budget.windowMs);
    const recent = (await outbound.automaticSince(message.contactId, since)).filter((m) => m.state !== 'failed');
    const last = kind ? recent.filter((m) => kind.test(m.key)).at(-1) : recent.filter((m) => m.kind === message.kind).at(-1);
    // An acknowledgement is due once per wait (the intake decides); the same words again are for a new question.
    if (message.kind !== 'ack' && last?.text === message.text) return this.skipped(message, 'repeated');
    if (recent.length >= budget.perContact) return this.skipped(message, 'over_budget');
    // Within a burst, the confirmation waits for the citizen's next keyword of its kind.
    const settling = kind !== undefined && last !== undefined;
    await outbox.send(message, settling ? budget.settleMs : 0);
    return settling ? 'settling' : 'queued';
  }

  private skipped(message: NewOutbound, outcome: AutomaticOutcome): AutomaticOutcome {
    this.deps.log.info({ conversationId: message.conversationId, kind: message.kind, outcome }, 'automatic reply folded into another');
    return outcome;
  }
}
