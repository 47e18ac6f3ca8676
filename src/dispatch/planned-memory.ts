import type { ClaimedDelivery } from './delivery.js';

/** A delivery as written, with the `updatedAt` it was written with: the claim checks that it is still that. */
export type RememberedDelivery = ClaimedDelivery & { writtenAt: Date };

/**
 * The deliveries this process wrote `queued` and has not claimed yet, as it wrote them. The workers run in the
 * service by default, so the process that plans a fan-out usually sends it too, and then a claim needs no read
 * of what it has just written (`DeliverySending.claim` proves with its write that nothing changed since).
 * Bounded: deliveries another process claims, or that a cancel stops, are forgotten oldest first.
 */
export class PlannedMemory {
  private readonly entries = new Map<string, RememberedDelivery>();

  constructor(private readonly capacity: number) {}

  remember(delivery: RememberedDelivery): void {
    this.entries.set(delivery.id, delivery);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The remembered among `ids`, forgotten as they are handed out: a delivery is claimed from memory once at most. */
  take(ids: readonly string[]): RememberedDelivery[] {
    const taken: RememberedDelivery[] = [];
    for (const id of ids) {
      const delivery = this.entries.get(id);
      if (!delivery) continue;
      this.entries.delete(id);
      taken.push(delivery);
    }
    return taken;
  }
}
