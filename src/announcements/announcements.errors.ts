import { DomainError } from '../platform/errors.js';
import type { AnnouncementStatus } from './announcement.types.js';

export class AnnouncementNotFound extends DomainError {
  readonly code = 'announcement.not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no announcement ${id}`);
  }
}

/** The client edited a version that someone else has changed since (`If-Match` / `version`). */
export class VersionConflict extends DomainError {
  readonly code = 'announcement.version_conflict';
  readonly kind = 'conflict';
  constructor(readonly expected: number, readonly current: number) {
    super(`the announcement is at version ${current}, not ${expected}: reload it and apply your change again`);
  }
}

export class TransitionNotAllowed extends DomainError {
  readonly code = 'announcement.transition_not_allowed';
  readonly kind = 'conflict';
  constructor(from: AnnouncementStatus, action: string) {
    super(`cannot ${action} an announcement that is ${from}`);
  }
}

/** A normal notice goes out only when every language asked for has an approved translation. */
export class TranslationsNotApproved extends DomainError {
  readonly code = 'announcement.translations_not_approved';
  readonly kind = 'conflict';
  constructor(readonly languages: string[]) {
    super(`these translations are not approved yet: ${languages.join(', ')} (only urgent notices may go out before)`);
  }
}

export class TranslationMissing extends DomainError {
  readonly code = 'announcement.translation_missing';
  readonly kind = 'conflict';
  constructor(lang: string) {
    super(`there is no ${lang} text to approve`);
  }
}

export class TranslationAlreadySent extends DomainError {
  readonly code = 'announcement.translation_already_sent';
  readonly kind = 'conflict';
  constructor(lang: string) {
    super(`the approved ${lang} translation has already gone out and cannot be rewritten`);
  }
}

export class SourceIsNotATranslation extends DomainError {
  readonly code = 'announcement.source_is_not_a_translation';
  readonly kind = 'conflict';
  constructor(lang: string) {
    super(`${lang} is the source language: edit it with PATCH /announcements/:id`);
  }
}

export class LanguageNotAssigned extends DomainError {
  readonly code = 'announcement.language_not_assigned';
  readonly kind = 'forbidden';
  constructor(lang: string) {
    super(`you are not a mediator for ${lang}`);
  }
}

/** Publishing a notice whose `validUntil` has passed: it would go out already untrue. */
export class NoLongerValid extends DomainError {
  readonly code = 'announcement.no_longer_valid';
  readonly kind = 'conflict';
  constructor(validUntil: Date) {
    super(`the notice was valid until ${validUntil.toISOString()}: change validUntil (or write a new notice) before publishing`);
    this.fields.push({ field: 'validUntil', message: 'has passed' });
  }
}

export class NotYetExpired extends DomainError {
  readonly code = 'announcement.not_yet_expired';
  readonly kind = 'conflict';
  constructor(id: string) {
    super(`announcement ${id} is still valid (validUntil not reached)`);
  }
}

/**
 * Machine drafts are never sent unreviewed: each machine-made sentence must have been changed or confirmed
 * by a mediator before the translation can be approved. The problem names each such segment.
 */
export class MachineDraftNotReviewed extends DomainError {
  readonly code = 'announcement.machine_draft_not_reviewed';
  readonly kind = 'conflict';
  constructor(lang: string, keys: string[]) {
    super(`the ${lang} text still has ${keys.length} machine-made sentence(s) nobody changed or confirmed: review each before approving`);
    this.fields.push(...keys.map((key) => ({ field: `segments.${key}`, message: 'machine-made and neither changed nor confirmed by a mediator' })));
  }
}
