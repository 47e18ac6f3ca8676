/** How dispatch tells open consoles that something changed (the live event stream); never throws, never waits. */
export interface DispatchLive {
  group(id: string): void;
  /** An announcement's deliveries were planned, sent, failed or cancelled. */
  deliveryProgress(announcementId: string): void;
}
