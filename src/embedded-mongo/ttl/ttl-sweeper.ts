import type { Catalog } from '../storage/catalog.js';
import type { Journal } from '../storage/journal.js';
import { WriteBlockedByTransaction } from '../transactions/transaction-errors.js';

/**
 * Deletes documents whose TTL-indexed date is older than `expireAfterSeconds`, reading the
 * index's Date range rather than scanning (the privacy retention rule depends on this).
 */
export function sweepExpired(catalog: Catalog, journal: Journal, now = Date.now()): number {
  let removed = 0;
  for (const db of catalog.databaseNames()) {
    for (const coll of catalog.collections(db)) {
      for (const index of coll.indexes.values()) {
        const seconds = index.spec.expireAfterSeconds;
        if (typeof seconds !== 'number' || index.fields.length !== 1) continue;
        const cutoff = new Date(now - seconds * 1000);
        const expired = new Set<number>();
        const lower = { key: [new Date(-8.64e15)], inclusive: true };
        index.keys.scan(lower, { key: [cutoff], inclusive: false }, (_, rid) => {
          expired.add(rid);
        });
        for (const rid of expired) {
          try {
            catalog.remove(coll, rid);
            removed += 1;
          } catch (error) {
            // A document an open transaction wrote is left for a later sweep, as MongoDB's TTL monitor retries.
            if (!(error instanceof WriteBlockedByTransaction)) throw error;
          }
        }
      }
    }
  }
  if (removed > 0) journal.drain().catch(() => undefined);
  return removed;
}
