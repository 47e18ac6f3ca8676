import type { Target } from './target.js';

type TargetKind = Target['kind'];

/** The platform whose formatting and length limits a message follows (a simulator imitates one). */
export type Channel = 'wechat' | 'whatsapp';

/**
 * What dispatch needs to know about an announcement to fan it out; announcements hands it over at publish
 * and again at each later translation approval (`main.ts` adapts one to the other).
 */
export interface SendableAnnouncement {
  id: string;
  /** Deliveries are planned once per (version, target): a re-publication of the same version plans nothing new. */
  version: number;
  priority: 'normal' | 'urgent';
  topics: string[];
  /** The languages chosen for the notice, the source included: groups of other languages get nothing (`reception.ts`). */
  languages: string[];
  /** Languages whose translation is approved, the source language included. */
  approvedLanguages: string[];
  /** Nothing leaves before this moment. */
  scheduledAt?: Date;
  /** Nothing leaves from this moment on: what is not sent by then ends `expired`, and so does the announcement. */
  validUntil?: Date;
  /**
   * The message parts for a target in `language`, formatted and split for the channel: its approved translation,
   * or for an urgent notice without one, the source and English text with a note that a translation follows. A
   * citizen's own chat (`kind` citizen) gets a last line on why they receive it and how to stop.
   */
  render(language: string, channel: Channel, kind: TargetKind): string[];
}

/** Where dispatch reports an announcement's progress (announcements' status `scheduled → sending → sent`). */
export interface AnnouncementStatusPort {
  /** The first message of the announcement left. Called again harmlessly. */
  markSending(announcementId: string): Promise<unknown>;
  /** Every planned delivery has an outcome (groups waiting for a translation do not count). */
  markSent(announcementId: string): Promise<unknown>;
  /** `validUntil` passed. Called again harmlessly; refused (it throws) before `validUntil` or once cancelled. */
  markExpired(announcementId: string): Promise<unknown>;
}
