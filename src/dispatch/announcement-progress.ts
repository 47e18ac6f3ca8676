import type { Logger } from 'pino';
import type { DeliveryReports } from './delivery-reports.repository.js';
import type { AnnouncementStatusPort } from './sendable-announcement.port.js';

/** Counting what is left after every single delivery would cost one query per message; once a second is enough. */
const SETTLE_CHECK_MS = 1000;

/**
 * Tells announcements when the first message of an announcement left and when none is left in flight. Both
 * calls are idempotent there, so several worker processes reporting the same announcement is harmless.
 */
export class AnnouncementProgress {
  // Announcements already reported as sending by this process; a handful a day, so it stays small.
  private readonly reportedSending = new Set<string>();
  private readonly reportedExpired = new Set<string>();
  private readonly checks = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly deps: { deliveries: DeliveryReports; status: AnnouncementStatusPort; onProgress?: (announcementId: string) => void; log: Logger }) {}

  async sent(announcementId: string): Promise<void> {
    this.deps.onProgress?.(announcementId);
    if (!this.reportedSending.has(announcementId)) {
      this.reportedSending.add(announcementId);
      await this.report(() => this.deps.status.markSending(announcementId), announcementId, 'sending');
    }
    this.checkSoon(announcementId);
  }

  failed(announcementId: string): void {
    this.deps.onProgress?.(announcementId);
    this.checkSoon(announcementId);
  }

  /** A delivery found past `validUntil`: the announcement is too (the expiry job may not have run yet). */
  async expired(announcementId: string): Promise<void> {
    this.deps.onProgress?.(announcementId);
    if (this.reportedExpired.has(announcementId)) return;
    this.reportedExpired.add(announcementId);
    await this.report(() => this.deps.status.markExpired(announcementId), announcementId, 'expired');
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.checks.values()) clearTimeout(timer);
    this.checks.clear();
  }

  private checkSoon(announcementId: string): void {
    if (this.stopped || this.checks.has(announcementId)) return;
    const timer = setTimeout(() => {
      this.checks.delete(announcementId);
      void (async () => {
        if (await this.deps.deliveries.hasInFlight(announcementId)) return;
        await this.report(() => this.deps.status.markSent(announcementId), announcementId, 'sent');
      })().catch((error: unknown) => this.deps.log.warn({ err: error, announcementId }, 'could not check the progress of an announcement'));
    }, SETTLE_CHECK_MS);
    this.checks.set(announcementId, timer);
  }

  private async report(call: () => Promise<unknown>, announcementId: string, status: string): Promise<void> {
    try {
      await call();
    } catch (error) {
      // A cancelled announcement refuses the change; its deliveries are cancelled too, nothing to correct.
      this.deps.log.info({ err: error, announcementId, status }, 'announcement status not changed');
    }
  }
}
