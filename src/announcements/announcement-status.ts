import type { Announcement, AnnouncementStatus, HistoryEntry } from './announcement.types.js';
import { TransitionNotAllowed } from './announcements.errors.js';

/**
 * Where each status may go. `draft`, `in_translation` and `approved` follow the translations and are
 * set by `settleTranslationStatus`; the later ones are explicit actions (publish, dispatch, cancel).
 * A `sent` notice may still be cancelled: that stops languages approved after publication.
 */
const NEXT: Record<AnnouncementStatus, readonly AnnouncementStatus[]> = {
  draft: ['in_translation', 'approved', 'scheduled', 'cancelled', 'expired'],
  in_translation: ['draft', 'approved', 'scheduled', 'cancelled', 'expired'],
  approved: ['draft', 'in_translation', 'scheduled', 'cancelled', 'expired'],
  scheduled: ['scheduled', 'sending', 'cancelled', 'expired'],
  sending: ['sent', 'cancelled', 'expired'],
  sent: ['cancelled', 'expired'],
  cancelled: [],
  expired: [],
};

const BEFORE_PUBLICATION: readonly AnnouncementStatus[] = ['draft', 'in_translation', 'approved'];

export function canTransition(from: AnnouncementStatus, to: AnnouncementStatus): boolean {
  return NEXT[from].includes(to);
}

export function isBeforePublication(status: AnnouncementStatus): boolean {
  return BEFORE_PUBLICATION.includes(status);
}

export function isClosed(status: AnnouncementStatus): boolean {
  return status === 'cancelled' || status === 'expired';
}

export interface ChangeContext {
  by: string;
  at: Date;
}

/** Moves to `to` or throws; records the change in the history and bumps the version. */
export function transition(
  announcement: Announcement,
  to: AnnouncementStatus,
  action: HistoryEntry['action'],
  change: ChangeContext,
): Announcement {
  if (!canTransition(announcement.status, to)) throw new TransitionNotAllowed(announcement.status, action);
  return recordChange({ ...announcement, status: to }, { action, from: announcement.status, to }, change);
}

/** Every change goes through here, so version, `updatedAt` and history never disagree. */
export function recordChange(
  next: Announcement,
  entry: Omit<HistoryEntry, 'at' | 'by' | 'version'>,
  change: ChangeContext,
): Announcement {
  const version = next.version + 1;
  return {
    ...next,
    version,
    updatedAt: change.at,
    history: [...next.history, { ...entry, at: change.at, by: change.by, version }],
  };
}

/**
 * Before publication the status follows the translations: `draft` while only the source exists,
 * `in_translation` while any asked-for language is not approved, `approved` once all are.
 */
export function settleTranslationStatus(announcement: Announcement): AnnouncementStatus {
  if (!isBeforePublication(announcement.status)) return announcement.status;
  const others = announcement.translations.filter((t) => t.lang !== announcement.sourceLanguage);
  if (others.length === 0) return 'draft';
  return others.every((t) => t.status === 'approved') ? 'approved' : 'in_translation';
}
