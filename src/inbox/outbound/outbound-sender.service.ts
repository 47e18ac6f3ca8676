import type { Logger } from '../../platform/logging/logger.js';
import type { AccountPace } from './account-pace.port.js';
import type { InboxChat } from './inbox-chat.port.js';
import { DEFAULT_RETRY_AFTER_MS, SendError, waitForTurn, type RetryPolicy } from '../../chat-accounts/index.js';
import type { OutboundRepository } from './outbound.repository.js';
import type { InboxChanges } from '../inbox-changes.js';

export type SendOutcome = { kind: 'done' } | { kind: 'later'; delayMs: number; reason: string };


/**
 * Sends one queued outbound message. The state change is written before the job is acknowledged, and a
 * message found `sent` or `failed` is not sent again, so a job that runs twice sends once (unless the
 * worker died between the platform's answer and our write: at-least-once, like deliveries).
 */
export class OutboundSender {
  constructor(private readonly deps: { outbound: OutboundRepository; chat: InboxChat; pace: AccountPace; changes?: InboxChanges; log: Logger }) {}

  /**
   * Within the account's shared pace: the turn comes first, so a message is `sending` only around the platform
   * call, and it ends as soon as the platform answers. Our own writes after it (sent, failed, retrying) are not
   * the platform's business: inside the turn they would only push every later message of a burst back.
   */
  async send(outboundId: string, account: string, policy: RetryPolicy, automatic = false): Promise<SendOutcome> {
    const turn = await waitForTurn(() => this.deps.pace.take(account, automatic));
    if (turn.kind === 'later') return turn;
    let ended = false;
    // A failed release is the job's failure (it runs again and finds the message sent), never the send's.
    let releaseFailed: { error: unknown } | undefined;
    const endTurn = async (sent: number, holdMs = 0): Promise<void> => {
      if (ended) return;
      ended = true;
      await this.deps.pace.release(account, turn.token, sent, holdMs).catch((error: unknown) => {
        releaseFailed = { error };
      });
    };
    let outcome: SendOutcome;
    try {
      outcome = await this.sendClaimed(outboundId, policy, endTurn);
    } finally {
      await endTurn(0);
    }
    if (releaseFailed) throw releaseFailed.error;
    return outcome;
  }

  private async sendClaimed(outboundId: string, policy: RetryPolicy, endTurn: (sent: number, holdMs?: number) => Promise<void>): Promise<SendOutcome> {
    const message = await this.deps.outbound.claim(outboundId);
    if (!message) return { kind: 'done' };
    try {
      const sent = await this.deps.chat.send(
        message.account,
        { chatId: message.chatId, type: message.chatType },
        { text: message.text, ...(message.quotedMessageId ? { quotedMessageId: message.quotedMessageId } : {}) },
      );
      await endTurn(1);
      await this.deps.outbound.markSent(message.id, { platformMessageId: sent.platformMessageId, at: sent.sentAt });
      this.deps.changes?.outbound({ ...message, state: 'sent' });
      this.deps.log.info({ outboundId: message.id, kind: message.kind, account: message.account }, 'inbox message sent');
      return { kind: 'done' };
    } catch (error) {
      const failure = error instanceof SendError ? error : new SendError('transient', (error as Error).message);
      // "Too fast" is about the account, not this chat: announcements on it wait too.
      await endTurn(0, failure.kind === 'rate_limited' ? (failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS) : 0);
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
