import { Gauge, type Registry } from 'prom-client';
import type { ConversationRepository } from './conversation.repository.js';
import type { OutboundRepository } from './outbound.repository.js';

/**
 * The queues staff work from, read from the database at scrape time (so every process reports the same
 * numbers): a language whose open conversations grow needs a mediator; failed outbound messages need a look.
 */
export function registerInboxMetrics(registry: Registry, repositories: { conversations: ConversationRepository; outbound: OutboundRepository }): void {
  new Gauge({
    name: 'sportello_inbox_conversations',
    help: 'Inbox conversations by language and state',
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
}
