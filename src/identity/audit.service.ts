import type { Principal } from './principal.js';
import type { AuditActor, AuditDetails, AuditEvent, AuditTarget } from './audit-event.model.js';
import type { AuditQuery, AuditRepository } from './audit.repository.js';

export interface AuditEntry {
  actor: AuditActor;
  /** `<feature>.<verb>` in snake case, e.g. `announcement.published`. */
  action: string;
  target?: AuditTarget | null;
  /** Defaults to now. */
  at?: Date;
  /** Small facts that explain the event (old and new role, scopes). No citizen's phone, chat id or text. */
  details?: AuditDetails;
}

const ACTION = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

export class MalformedAuditAction extends Error {
  constructor(action: string) {
    super(`audit action "${action}" must look like feature.verb`);
  }
}

/** The actor to record for a request's principal. */
export function actorOf(principal: Principal): AuditActor {
  return { type: 'user', id: principal.userId, email: principal.email };
}

/**
 * The security audit trail (sign-ins, role changes, tokens, publish, cancel, erase). `record` is awaited
 * by its callers: an action whose trail cannot be written should fail rather than happen unrecorded.
 */
export function createAuditLog(repository: AuditRepository) {
  return {
    async record(entry: AuditEntry): Promise<AuditEvent> {
      if (!ACTION.test(entry.action)) throw new MalformedAuditAction(entry.action);
      return repository.insert({
        at: entry.at ?? new Date(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details ?? {},
      });
    },

    list(query: AuditQuery): Promise<AuditEvent[]> {
      return repository.list(query);
    },

    /** Every event about these targets, oldest first: a data subject's export lists them. */
    referencing(targets: readonly AuditTarget[]): Promise<AuditEvent[]> {
      return repository.referencing(targets);
    },

    /**
     * An erased person's targets become a pseudonym: the trail keeps who did what and when, and no longer
     * points to an id that other copies (backups, exports) could link to the person.
     */
    pseudonymise(targets: readonly AuditTarget[], pseudonym: string): Promise<number> {
      return repository.pseudonymiseTargets(targets, pseudonym);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
