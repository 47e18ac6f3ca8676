import { randomUUID } from 'node:crypto';
import type { Principal } from '../../identity/index.js';
import type { DirectDeliveries } from './direct-deliveries.port.js';
import type { AuditReference, AuditTargetRef, InboxAudit } from '../inbox-audit.port.js';
import { ContactNotFound } from '../inbox.errors.js';
import type { Contact, Conversation, InboxMessage, Note, Outbound } from '../inbox.types.js';
import type { ContactRepository } from '../conversations/contact.repository.js';
import type { ConversationRepository } from '../conversations/conversation.repository.js';
import type { InboxChanges } from '../inbox-changes.js';
import type { MessageRepository } from '../conversations/message.repository.js';
import type { NoteRepository } from '../conversations/note.repository.js';
import type { OutboundRepository } from '../outbound/outbound.repository.js';

export interface ContactExport {
  exportedAt: Date;
  contact: Contact;
  conversation: Conversation | null;
  messages: InboxMessage[];
  outbound: Outbound[];
  notes: Note[];
  deliveries: unknown[];
  auditReferences: AuditReference[];
}

export interface ErasureReport {
  pseudonym: string;
  messages: number;
  outbound: number;
  notes: number;
  deliveries: number;
  auditEntries: number;
}

/** A citizen's right of access and to erasure (GDPR art. 15 and 17) over everything the inbox keeps about them. */
export class PrivacyService {
  constructor(
    private readonly deps: {
      contacts: ContactRepository;
      conversations: ConversationRepository;
      messages: MessageRepository;
      outbound: OutboundRepository;
      notes: NoteRepository;
      deliveries: DirectDeliveries;
      audit: InboxAudit;
      clock: () => Date;
      changes?: InboxChanges;
    },
  ) {}

  async export(who: Principal, contactId: string): Promise<ContactExport> {
    const { contact, conversation, targets, directChats } = await this.scope(contactId);
    const [messages, outbound, notes, deliveries] = await Promise.all([
      this.deps.messages.ofContact(contactId),
      this.deps.outbound.ofContact(contactId),
      this.deps.notes.ofContact(contactId),
      Promise.all(directChats.map((chatId) => this.deps.deliveries.toChat(contact.account, chatId))).then((lists) => lists.flat()),
    ]);
    await this.deps.audit.record({ actor: who, action: 'inbox.exported', target: { type: 'inbox_contact', id: contactId } });
    const auditReferences = await this.deps.audit.referencing(targets);
    return { exportedAt: this.deps.clock(), contact, conversation: conversation ?? null, messages, outbound, notes, deliveries, auditReferences };
  }

  /**
   * Deletes the contact and everything about them. The audit trail keeps its entries (who did what, when)
   * but their target becomes a random pseudonym, which links them to each other and to nobody.
   */
  async erase(who: Principal, contactId: string): Promise<ErasureReport> {
    const { contact, conversation, targets, directChats } = await this.scope(contactId);
    const [messages, outbound, notes, deliveries] = await Promise.all([
      this.deps.messages.removeByContact(contactId),
      this.deps.outbound.removeByContact(contactId),
      this.deps.notes.removeByContact(contactId),
      Promise.all(directChats.map((chatId) => this.deps.deliveries.eraseToChat(contact.account, chatId))).then((counts) => counts.reduce((a, b) => a + b, 0)),
    ]);
    await this.deps.conversations.removeByContact(contactId);
    if (conversation) this.deps.changes?.conversation(conversation, 'erased');
    await this.deps.contacts.remove(contactId);
    const pseudonym = `erased-${randomUUID()}`;
    const auditEntries = await this.deps.audit.pseudonymise(targets, pseudonym);
    const report = { pseudonym, messages, outbound, notes, deliveries, auditEntries };
    await this.deps.audit.record({
      actor: who,
      action: 'inbox.erased',
      target: { type: 'inbox_contact', id: pseudonym },
      details: { messages, outbound, notes, deliveries, auditEntries },
    });
    return report;
  }

  private async scope(contactId: string): Promise<{ contact: Contact; conversation?: Conversation; targets: AuditTargetRef[]; directChats: string[] }> {
    const contact = await this.deps.contacts.get(contactId);
    if (!contact) throw new ContactNotFound(contactId);
    const conversation = await this.deps.conversations.byContact(contactId);
    const targets: AuditTargetRef[] = [{ type: 'inbox_contact', id: contactId }, ...(conversation ? [{ type: 'inbox_conversation' as const, id: conversation.id }] : [])];
    // On both platforms a citizen's direct chat has their own id; a group mention's chat is the group's. The
    // notices they asked for went to the chat they asked from, the same one on the platforms (the simulator may differ).
    const directChats = [...new Set([contact.senderId, ...(contact.subscription ? [contact.subscription.chatId] : [])])];
    return { contact, ...(conversation ? { conversation } : {}), targets, directChats };
  }
}
