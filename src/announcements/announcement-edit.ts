import type { Announcement, Priority, Topic } from './announcement.types.js';
import { isBeforePublication, recordChange, type ChangeContext } from './announcement-status.js';
import { TransitionNotAllowed } from './announcements.errors.js';
import { editSource, requestLanguages } from './translation-rules.js';

/** What staff may change before publication; `null` clears an optional field. */
export interface AnnouncementPatch {
  title?: string;
  body?: string;
  topics?: Topic[];
  priority?: Priority;
  validFrom?: Date | null;
  validUntil?: Date | null;
  link?: string | null;
  targetLanguages?: string[];
}

function optional<K extends 'validFrom' | 'validUntil' | 'link'>(
  announcement: Announcement,
  key: K,
  value: Announcement[K] | null | undefined,
): Announcement {
  if (value === undefined) return announcement;
  const { [key]: _previous, ...rest } = announcement;
  return (value === null ? rest : { ...rest, [key]: value }) as Announcement;
}

/** Applies a staff edit; the stale rule runs when the source text changes. An edit that changes nothing records nothing. */
export function editAnnouncement(announcement: Announcement, patch: AnnouncementPatch, change: ChangeContext): Announcement {
  if (!isBeforePublication(announcement.status)) throw new TransitionNotAllowed(announcement.status, 'edit');
  const text = { ...(patch.title !== undefined ? { title: patch.title } : {}), ...(patch.body !== undefined ? { body: patch.body } : {}) };
  const edited = editSource(announcement, text, change);
  let next = edited.announcement;
  if (patch.topics) next = { ...next, topics: patch.topics };
  if (patch.priority) next = { ...next, priority: patch.priority };
  next = optional(next, 'validFrom', patch.validFrom);
  next = optional(next, 'validUntil', patch.validUntil);
  next = optional(next, 'link', patch.link);
  if (patch.targetLanguages) next = requestLanguages(next, patch.targetLanguages);
  if (JSON.stringify(next) === JSON.stringify(announcement)) return announcement;
  return recordChange(next, { action: 'edited', ...(edited.staleLanguages.length ? { staleLanguages: edited.staleLanguages } : {}) }, change);
}
