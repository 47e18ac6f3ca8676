import type { Announcement } from './announcement.types.js';
import type { AnnouncementEvents } from './announcement-events.port.js';

type Listener<A extends unknown[]> = (...args: A) => Promise<void>;

/** The in-process side of `AnnouncementEvents`: listeners run one after another, in subscription order. */
export class AnnouncementListeners implements AnnouncementEvents {
  private readonly published: Listener<[Announcement]>[] = [];
  private readonly approved: Listener<[Announcement, string]>[] = [];
  private readonly everyApproval: Listener<[Announcement, string]>[] = [];
  private readonly cancelled: Listener<[Announcement]>[] = [];
  private readonly sent: Listener<[Announcement]>[] = [];
  private readonly changed: Array<(announcement: Announcement) => void> = [];

  onPublished(listener: Listener<[Announcement]>): void {
    this.published.push(listener);
  }

  onTranslationApproved(listener: Listener<[Announcement, string]>): void {
    this.approved.push(listener);
  }

  onApproved(listener: Listener<[Announcement, string]>): void {
    this.everyApproval.push(listener);
  }

  onCancelled(listener: Listener<[Announcement]>): void {
    this.cancelled.push(listener);
  }

  onSent(listener: Listener<[Announcement]>): void {
    this.sent.push(listener);
  }

  onChanged(listener: (announcement: Announcement) => void): void {
    this.changed.push(listener);
  }

  emitChanged(announcement: Announcement): void {
    for (const listener of this.changed) listener(announcement);
  }

  async emitSent(announcement: Announcement): Promise<void> {
    for (const listener of this.sent) await listener(announcement);
  }

  async emitPublished(announcement: Announcement): Promise<void> {
    for (const listener of this.published) await listener(announcement);
  }

  async emitTranslationApproved(announcement: Announcement, lang: string): Promise<void> {
    for (const listener of this.approved) await listener(announcement, lang);
  }

  async emitApproved(announcement: Announcement, lang: string): Promise<void> {
    for (const listener of this.everyApproval) await listener(announcement, lang);
  }

  async emitCancelled(announcement: Announcement): Promise<void> {
    for (const listener of this.cancelled) await listener(announcement);
  }
}
