import type { AuditEvent } from './audit-event.model.js';

/** Names for targets of one type, by id: those it cannot name (gone, erased) are left out. */
export type AuditTargetLabeller = (ids: readonly string[]) => Promise<Map<string, string>>;

/**
 * What the activity log shows for a target instead of its id: a staff member's name, a notice's title, a
 * conversation's queue. Identity names its own targets; features register theirs (`main.ts`), since identity
 * sits below them. A label never holds a citizen's name, number or text: a conversation is named by its language.
 */
export class AuditTargetLabels {
  readonly #labellers = new Map<string, AuditTargetLabeller>();

  register(type: string, labeller: AuditTargetLabeller): void {
    this.#labellers.set(type, labeller);
  }

  /** Each event with `targetLabel` (null where there is no target or no name for it). */
  async label(events: readonly AuditEvent[]): Promise<Array<AuditEvent & { targetLabel: string | null }>> {
    const idsByType = new Map<string, Set<string>>();
    for (const event of events) if (event.target) idsByType.set(event.target.type, (idsByType.get(event.target.type) ?? new Set()).add(event.target.id));
    const labels = new Map<string, Map<string, string>>();
    await Promise.all(
      [...idsByType].map(async ([type, ids]) => {
        const labeller = this.#labellers.get(type);
        // A labeller that fails leaves ids, not an unreadable log.
        if (labeller) labels.set(type, await labeller([...ids]).catch(() => new Map<string, string>()));
      }),
    );
    return events.map((event) => ({ ...event, targetLabel: (event.target && labels.get(event.target.type)?.get(event.target.id)) ?? null }));
  }
}
