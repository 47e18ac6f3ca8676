import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ContactRepository } from './conversations/contact.repository.js';
import type { ConversationRepository } from './conversations/conversation.repository.js';
import type { OutboundRepository } from './outbound/outbound.repository.js';

/**
 * The queues staff work from, read from the database at scrape time (so every process reports the same
 * numbers): a language whose open conversations grow needs a mediator; failed outbound messages need a look.
 */
export function registerInboxMetrics(
  registry: Registry,
  repositories: { contacts: ContactRepository; conversations: ConversationRepository; outbound: OutboundRepository },
): { answered(language: string, waitedMs: number): void; corrected(from: string, to: string): void } {
  // Both waiting gauges are collected together at each scrape: they share one aggregation while it runs.
  let waitingNow: ReturnType<ConversationRepository['waiting']> | undefined;
  const waiting = () => (waitingNow ??= repositories.conversations.waiting().finally(() => (waitingNow = undefined)));
  new Gauge({
    name: 'sportello_inbox_conversations',
    help: 'Inbox conversations by language (or unsure: waiting for a mediator to tell its language) and state',
    labelNames: ['language', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await repositories.conversations.countByLanguageState()) this.set({ language: row.language, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: 'sportello_inbox_outbound_messages',
    help: 'Acknowledgements and replies by state, until their texts expire',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await repositories.outbound.countByState()) this.set({ state: row.state }, row.count);
    },
  });
  new Gauge({
    name: 'sportello_inbox_waiting_conversations',
    help: 'Citizens waiting for an answer from staff, by language',
    labelNames: ['language'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await waiting()) this.set({ language: row.language }, row.waiting);
    },
  });
  new Gauge({
    name: 'sportello_inbox_oldest_waiting_seconds',
    help: 'How long the citizen waiting longest for an answer has waited, by language',
    labelNames: ['language'],
    registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const row of await waiting()) this.set({ language: row.language }, Math.round((now - row.oldest.getTime()) / 1000));
    },
  });
  new Gauge({
    name: 'sportello_inbox_subscribers',
    help: 'Citizens receiving the notices in their own chat, by language',
    labelNames: ['language'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await repositories.contacts.subscribersByLanguage()) this.set({ language: row.language }, row.subscribers);
    },
  });
  // Observed by the process that records the answer; Prometheus adds up the processes.
  const responses = new Histogram({
    name: 'sportello_inbox_response_seconds',
    help: 'Time from a citizen\'s question to staff\'s first answer, by language',
    labelNames: ['language'],
    buckets: [300, 900, 1800, 3600, 3 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600],
    registers: [registry],
  });
  const corrections = new Counter({
    name: 'sportello_inbox_language_corrections_total',
    help: 'Conversations a mediator moved to another language, by the queue they were in (a language or unsure) and the language they went to',
    labelNames: ['from', 'to'],
    registers: [registry],
  });
  return { answered: (language, waitedMs) => responses.observe({ language }, waitedMs / 1000), corrected: (from, to) => corrections.inc({ from, to }) };
}
