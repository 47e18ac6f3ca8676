import type { Catalog } from '../storage/catalog.js';
import type { Journal } from '../storage/journal.js';

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
        for (const entry of index.keys.range(lower, { key: [cutoff], inclusive: false })) expired.add(entry.rid);
        for (const rid of expired) catalog.remove(coll, rid);
        removed += expired.size;
      }
    }
  }
  if (removed > 0) journal.drain().catch(() => undefined);
  return removed;
}
