import type { Logger } from '../platform/logging/logger.js';
import { InboxSendFailed, type InboxChat } from './inbox-chat.port.js';
import type { OutboundRepository } from './outbound.repository.js';

export interface OutboundRetryPolicy {
  /** Failed sends (transient or rate-limited) before the message is marked `failed`. */
  maxAttempts: number;
  backoffMs(attempt: number): number;
}

export type SendOutcome = { kind: 'done' } | { kind: 'later'; delayMs: number; reason: string };

/**
 * Sends one queued outbound message. The state change is written before the job is acknowledged, and a
 * message found `sent` or `failed` is not sent again, so a job that runs twice sends once (unless the
 * worker died between the platform's answer and our write: at-least-once, like deliveries).
 */
export class OutboundSender {
  constructor(private readonly deps: { outbound: OutboundRepository; chat: InboxChat; log: Logger }) {}

  async send(outboundId: string, policy: OutboundRetryPolicy): Promise<SendOutcome> {
    const message = await this.deps.outbound.claim(outboundId);
    if (!message) return { kind: 'done' };
    try {
      const sent = await this.deps.chat.send(
        message.account,
        { chatId: message.chatId, type: message.chatType },
        { text: message.text, ...(message.quotedMessageId ? { quotedMessageId: message.quotedMessageId } : {}) },
      );
      await this.deps.outbound.markSent(message.id, { platformMessageId: sent.platformMessageId, at: sent.sentAt });
      this.deps.log.info({ outboundId: message.id, kind: message.kind, account: message.account }, 'inbox message sent');
      return { kind: 'done' };
    } catch (error) {
      const failure = error instanceof InboxSendFailed ? error : new InboxSendFailed('transient', (error as Error).message);
      const attempt = message.attempts + 1;
      if (failure.kind === 'permanent' || attempt >= policy.maxAttempts) {
        await this.deps.outbound.markFailed(message.id, failure.reason);
        this.deps.log.warn({ outboundId: message.id, kind: failure.kind, attempt }, 'inbox message failed');
        return { kind: 'done' };
      }
      await this.deps.outbound.markRetrying(message.id, failure.reason);
      const delayMs = Math.max(failure.retryAfterMs ?? 0, policy.backoffMs(attempt));
      return { kind: 'later', delayMs, reason: failure.reason };
    }
  }
}
