import type { Principal } from '../../identity/index.js';
import { assertCanRead, assertCanWork, readableLanguages } from '../inbox-access.js';
import type { InboxAudit } from '../inbox-audit.port.js';
import { SavedReplyNotFound } from './saved-replies.errors.js';
import type { SavedReply, SavedReplyInput } from './saved-reply.js';
import type { SavedReplyRepository } from './saved-reply.repository.js';

/**
 * Saved replies follow the inbox's rules: everyone who reads a language's queue reads its saved replies, and
 * whoever answers in a language (its mediators, admins) keeps them. Every change is in the audit trail.
 */
export class SavedRepliesService {
  constructor(private readonly deps: { replies: SavedReplyRepository; audit: InboxAudit }) {}

  async list(who: Principal, language?: string): Promise<SavedReply[]> {
    if (language) {
      assertCanRead(who, language);
      return this.deps.replies.list([language]);
    }
    return this.deps.replies.list(readableLanguages(who));
  }

  async get(who: Principal, id: string): Promise<SavedReply> {
    const reply = await this.deps.replies.get(id);
    if (!reply) throw new SavedReplyNotFound(id);
    assertCanRead(who, reply.language);
    return reply;
  }

  async create(who: Principal, input: SavedReplyInput): Promise<SavedReply> {
    assertCanWork(who, input.language);
    const created = await this.deps.replies.create(input, who.userId);
    await this.record(who, 'inbox.saved_reply_created', created);
    return created;
  }

  /** Moving one to another language needs the right to work in both. */
  async replace(who: Principal, id: string, input: SavedReplyInput): Promise<SavedReply> {
    const current = await this.get(who, id);
    assertCanWork(who, current.language);
    assertCanWork(who, input.language);
    const replaced = await this.deps.replies.replace(id, input, who.userId);
    if (!replaced) throw new SavedReplyNotFound(id);
    await this.record(who, 'inbox.saved_reply_updated', replaced);
    return replaced;
  }

  async remove(who: Principal, id: string): Promise<void> {
    const current = await this.get(who, id);
    assertCanWork(who, current.language);
    if (!(await this.deps.replies.remove(id))) throw new SavedReplyNotFound(id);
    await this.record(who, 'inbox.saved_reply_deleted', current);
  }

  private record(who: Principal, action: string, reply: SavedReply): Promise<void> {
    return this.deps.audit.record({ actor: who, action, target: { type: 'inbox_saved_reply', id: reply.id }, details: { language: reply.language, title: reply.title } });
  }
}
