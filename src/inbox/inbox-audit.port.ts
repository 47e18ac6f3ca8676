import type { Principal } from '../identity/index.js';

export interface AuditTargetRef {
  type: 'inbox_contact' | 'inbox_conversation';
  id: string;
}

export interface AuditReference {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  target: { type: string; id: string };
}

/**
 * The audit trail as the inbox needs it; `main.ts` adapts identity's. Entries name conversations and contacts
 * by id, never by phone number, chat id or text. An erased contact's entries keep a pseudonym instead of the id.
 */
export interface InboxAudit {
  record(entry: { actor: Principal; action: string; target: AuditTargetRef | { type: string; id: string }; details?: Record<string, string | number | boolean | null> }): Promise<void>;
  referencing(targets: readonly AuditTargetRef[]): Promise<AuditReference[]>;
  /** Replaces the targets' ids by `pseudonym` in every entry; returns how many entries changed. */
  pseudonymise(targets: readonly AuditTargetRef[], pseudonym: string): Promise<number>;
}
