import type { Announcement } from './announcement.types.js';
import { transition, type ChangeContext } from './announcement-status.js';
import { NoLongerValid, TranslationsNotApproved } from './announcements.errors.js';
import { InvalidInput } from '../platform/errors.js';
import { unapprovedLanguages } from './translation-rules.js';

/** Clocks of staff computers drift; a time this close to now means "now", not a mistake. */
const PAST_TOLERANCE_MS = 5 * 60_000;

/**
 * Publishing hands the notice to dispatch. A normal notice needs every asked-for language approved;
 * an urgent one goes at once (dispatch uses the urgent fallback where a translation is missing).
 * Publishing a `scheduled` notice again is allowed and moves its time (to `scheduledAt`, or to now without
 * it): dispatch moves what it has not sent to the new time, and plans by (announcement version, target), so a
 * repeat never sends twice.
 */
export function publish(announcement: Announcement, scheduledAt: Date | undefined, change: ChangeContext): Announcement {
  if (announcement.priority === 'normal') {
    const waiting = unapprovedLanguages(announcement);
    if (waiting.length > 0) throw new TranslationsNotApproved(waiting);
  }
  if (announcement.validUntil && announcement.validUntil <= change.at) throw new NoLongerValid(announcement.validUntil);
  if (scheduledAt && scheduledAt.getTime() < change.at.getTime() - PAST_TOLERANCE_MS) {
    throw new InvalidInput([{ field: 'scheduledAt', message: 'is in the past: leave it out to publish now' }]);
  }
  const when = scheduledAt ?? change.at;
  if (announcement.validUntil && announcement.validUntil <= when) {
    throw new InvalidInput([{ field: 'scheduledAt', message: 'the notice is no longer valid at that time (validUntil)' }]);
  }
  const published = transition(announcement, 'scheduled', 'published', change);
  return { ...published, scheduledAt: when, publishedAt: change.at, publishedBy: change.by };
}

export function cancel(announcement: Announcement, change: ChangeContext): Announcement {
  return { ...transition(announcement, 'cancelled', 'cancelled', change), cancelledAt: change.at };
}
