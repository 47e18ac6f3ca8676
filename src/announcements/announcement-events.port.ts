import type { Announcement } from './announcement.types.js';

/**
 * How announcements tell dispatch that something is ready to go. Announcements never send anything:
 * dispatch subscribes in `main.ts`. Listeners run after the change is stored and are awaited, so a
 * 202 from publish means planning has run; if a listener throws, the change stays stored and
 * publishing again (allowed while `scheduled`) retries it.
 */
export interface AnnouncementEvents {
  onPublished(listener: (announcement: Announcement) => Promise<void>): void;
  /** A translation approved while the notice is already out: dispatch plans that language now. */
  onTranslationApproved(listener: (announcement: Announcement, lang: string) => Promise<void>): void;
  /** Every stored approval, before or after publication (translation help measures what helped write it). */
  onApproved(listener: (announcement: Announcement, lang: string) => Promise<void>): void;
  onCancelled(listener: (announcement: Announcement) => Promise<void>): void;
  /** Every planned delivery has an outcome: told once, by the process whose change marked the notice `sent`. */
  onSent(listener: (announcement: Announcement) => Promise<void>): void;
  /** Any stored change (created, edited, translated, approved, a status): for the open consoles, not awaited. */
  onChanged(listener: (announcement: Announcement) => void): void;
}

/** Identity's audit trail, as announcements need it; adapted in `main.ts`. Awaited: publish and cancel fail rather than happen unrecorded. */
export type AuditRecorder = (entry: {
  actor: { userId: string; email: string };
  action: 'announcement.published' | 'announcement.cancelled';
  announcementId: string;
  details: Record<string, string | number>;
}) => Promise<void>;
