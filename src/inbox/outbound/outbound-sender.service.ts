import type { Logger } from '../../platform/logging/logger.js';
import { accountHoldMs, inAccountTurn, sendFailureOf, type AccountPace, type AccountSender, type OpenTurn, type RetryPolicy } from '../../chat-accounts/index.js';
import type { OutboundRepository } from './outbound.repository.js';
import type { InboxChanges } from '../inbox-changes.js';

export type SendOutcome = { kind: 'done' } | { kind: 'later'; delayMs: number; reason: string };


/**
 * Sends one queued outbound message. The state change is written before the job is acknowledged, and a
 * message found `sent` or `failed` is not sent again, so a job that runs twice sends once (unless the
 * worker died between the platform's answer and our write: at-least-once, like deliveries).
 */
export class OutboundSender {
  constructor(private readonly deps: { outbound: OutboundRepository; chat: Pick<AccountSender, 'send'>; pace: AccountPace; changes?: InboxChanges; log: Logger }) {}

  /**
   * Within the account's shared pace (chat-accounts' one turn loop); the turn ends as soon as the platform answers:
   * our own writes after it are not the platform's business, and inside the turn they would push every later
   * acknowledgement of a burst back.
   */
  async send(outboundId: string, account: string, policy: RetryPolicy, automatic = false): Promise<SendOutcome> {
    const { pace } = this.deps;
    const turn = await inAccountTurn(
      { take: () => pace.take(account, automatic), release: (token, use) => pace.release(account, token, use.sent, use.holdMs) },
      (use) => this.sendClaimed(outboundId, policy, use),
    );
    return turn.kind === 'ran' ? turn.result : turn;
  }

  private async sendClaimed(outboundId: string, policy: RetryPolicy, used: OpenTurn): Promise<SendOutcome> {
    const message = await this.deps.outbound.claim(outboundId);
    if (!message) return { kind: 'done' };
    try {
      const sent = await this.deps.chat.send(
        message.account,
        { chatId: message.chatId, type: message.chatType },
        { text: message.text, ...(message.quotedMessageId ? { quotedMessageId: message.quotedMessageId } : {}) },
      );
      used.sent = 1;
      await used.end();
      await this.deps.outbound.markSent(message.id, { platformMessageId: sent.platformMessageId, at: sent.sentAt });
      this.deps.changes?.outbound({ ...message, state: 'sent' });
      this.deps.log.info({ outboundId: message.id, kind: message.kind, account: message.account }, 'inbox message sent');
      return { kind: 'done' };
    } catch (error) {
      const failure = sendFailureOf(error);
      used.holdMs = accountHoldMs(failure);
      await used.end();
      const attempt = message.attempts + 1;
      if (failure.kind === 'permanent' || attempt >= policy.maxAttempts) {
        await this.deps.outbound.markFailed(message.id, failure.reason);
        this.deps.changes?.outbound({ ...message, state: 'failed' });
        this.deps.log.warn({ outboundId: message.id, kind: failure.kind, attempt }, 'inbox message failed');
        return { kind: 'done' };
      }
      await this.deps.outbound.markRetrying(message.id, failure.reason);
      const delayMs = Math.max(failure.retryAfterMs ?? 0, policy.backoffMs(attempt));
      return { kind: 'later', delayMs, reason: failure.reason };
    }
  }
}
