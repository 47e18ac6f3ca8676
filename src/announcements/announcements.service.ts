import type { Announcement, ApprovalWarning, TranslationSegment } from './announcement.types.js';
import type { AnnouncementFilter, AnnouncementPage, AnnouncementRepository } from './announcement.repository.js';
import type { AuditRecorder } from './announcement-events.port.js';
import type { AnnouncementListeners } from './announcement-listeners.js';
import { isBeforePublication, transition, type ChangeContext } from './announcement-status.js';
import { editAnnouncement, type AnnouncementPatch } from './announcement-edit.js';
import { draftAnnouncement, type NewAnnouncement } from './new-announcement.js';
import { cancel, publish } from './publication-rules.js';
import { approveTranslation, writeTranslation, type TextInput } from './translation-rules.js';
import { AnnouncementNotFound, LanguageNotAssigned, NotYetExpired, VersionConflict } from './announcements.errors.js';
import { InvalidInput } from '../platform/errors.js';

/** Who asks for a change: the fields of identity's principal that the rules need. */
export interface Actor {
  userId: string;
  email: string;
  role: 'admin' | 'editor' | 'mediator' | 'viewer';
  languages: string[];
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', email: '', role: 'admin', languages: [] };

export interface AnnouncementsServiceDeps {
  repository: AnnouncementRepository;
  listeners: AnnouncementListeners;
  clock: () => Date;
  audit?: AuditRecorder;
}

/** A mediator works only in the languages they were assigned; admins may step in for anyone. */
function assertMayTranslate(actor: Actor, lang: string): void {
  if (actor.role === 'mediator' && !actor.languages.includes(lang)) throw new LanguageNotAssigned(lang);
}

function assertValidityWindow(announcement: Announcement): void {
  if (announcement.validFrom && announcement.validUntil && announcement.validUntil <= announcement.validFrom) {
    throw new InvalidInput([{ field: 'validUntil', message: 'must be after validFrom' }]);
  }
}

/**
 * What an approver should be told about a language's text before it goes out (approval still allowed); a check
 * may also refuse the approval by throwing a domain error (translation help: a machine draft pasted whole).
 */
export type ApprovalCheck = (announcement: Announcement, lang: string) => Promise<ApprovalWarning[]>;

/** Attempts at a change that raced with another writer, when the caller did not pin a version. */
const MAX_ATTEMPTS = 12;
/** Writers that lost a race wait a random few milliseconds, growing per attempt, so they stop colliding. */
const contentionPause = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));

/**
 * The announcement workflow. Every change is read, applied by a pure rule, and stored only if
 * nobody changed the notice meanwhile: with `expectedVersion` (the client's `If-Match`) a race is a
 * `VersionConflict`; without it the change is simply applied again to the newer version.
 */
export class AnnouncementsService {
  private readonly approvalChecks: ApprovalCheck[] = [];

  constructor(private readonly deps: AnnouncementsServiceDeps) {}

  /** Registration point for a feature above (translation help's glossary) that warns approvers. */
  addApprovalCheck(check: ApprovalCheck): void {
    this.approvalChecks.push(check);
  }

  async create(input: NewAnnouncement, actor: Actor): Promise<Announcement> {
    const created = draftAnnouncement(this.deps.repository.newId(), input, this.context(actor));
    assertValidityWindow(created);
    await this.deps.repository.insert(created);
    this.deps.listeners.emitChanged(created);
    return created;
  }

  async get(id: string): Promise<Announcement> {
    const found = await this.deps.repository.findById(id);
    if (!found) throw new AnnouncementNotFound(id);
    return found;
  }

  list(filter: AnnouncementFilter, limit: number, cursor?: string): Promise<AnnouncementPage> {
    return this.deps.repository.list(filter, limit, cursor);
  }

  /** Notices changed at or after `since`, oldest change first (translation help keeps its memory up to date with it). */
  changedSince(since: Date, limit: number): Promise<Announcement[]> {
    return this.deps.repository.changedSince(since, limit);
  }

  async edit(id: string, patch: AnnouncementPatch, actor: Actor, expectedVersion?: number): Promise<Announcement> {
    return this.change(id, actor, expectedVersion, (current, context) => {
      const edited = editAnnouncement(current, patch, context);
      assertValidityWindow(edited);
      return edited;
    });
  }

  /** `segments`: where each sentence came from, when translation help saved the text sentence by sentence. */
  async translate(id: string, lang: string, text: TextInput, actor: Actor, expectedVersion?: number, segments?: TranslationSegment[]): Promise<Announcement> {
    assertMayTranslate(actor, lang);
    return this.change(id, actor, expectedVersion, (current, context) => writeTranslation(current, lang, text, context, segments));
  }

  /** May the actor work on `lang`'s translation? For features that help translate (throws `LanguageNotAssigned`). */
  assertMayTranslate(actor: Actor, lang: string): void {
    assertMayTranslate(actor, lang);
  }

  async approve(id: string, lang: string, actor: Actor, expectedVersion?: number): Promise<Announcement> {
    assertMayTranslate(actor, lang);
    const { announcement, changed } = await this.apply(id, actor, expectedVersion, async (current, context) => {
      // Checked on the very text being approved: a retry after a race checks the newer text again.
      const warnings = (await Promise.all(this.approvalChecks.map((check) => check(current, lang)))).flat();
      return approveTranslation(current, lang, context, warnings);
    });
    if (changed) await this.deps.listeners.emitApproved(announcement, lang);
    if (changed && !isBeforePublication(announcement.status)) await this.deps.listeners.emitTranslationApproved(announcement, lang);
    return announcement;
  }

  async publish(id: string, scheduledAt: Date | undefined, actor: Actor, expectedVersion?: number): Promise<Announcement> {
    const published = await this.change(id, actor, expectedVersion, (current, context) => publish(current, scheduledAt, context));
    await this.deps.audit?.({ actor, action: 'announcement.published', announcementId: id, details: { version: published.version, priority: published.priority } });
    await this.deps.listeners.emitPublished(published);
    return published;
  }

  async cancel(id: string, actor: Actor, expectedVersion?: number): Promise<Announcement> {
    const cancelled = await this.change(id, actor, expectedVersion, (current, context) => cancel(current, context));
    await this.deps.audit?.({ actor, action: 'announcement.cancelled', announcementId: id, details: { version: cancelled.version } });
    await this.deps.listeners.emitCancelled(cancelled);
    return cancelled;
  }

  /** Dispatch: the first delivery is leaving. Repeating it is harmless, so a retried job may call it again. */
  async markSending(id: string): Promise<Announcement> {
    return this.change(id, SYSTEM_ACTOR, undefined, (current, context) =>
      current.status === 'sending' ? current : transition(current, 'sending', 'sending', context),
    );
  }

  /** Dispatch: every planned delivery has an outcome. Idempotent like `markSending`; listeners hear it once. */
  async markSent(id: string): Promise<Announcement> {
    const { announcement, changed } = await this.apply(id, SYSTEM_ACTOR, undefined, (current, context) =>
      current.status === 'sent' ? current : transition(current, 'sent', 'sent', context),
    );
    if (changed) await this.deps.listeners.emitSent(announcement);
    return announcement;
  }

  /**
   * A scheduler (dispatch's delayed job at `validUntil`): the notice is no longer valid. Refused
   * before `validUntil`, so a job that fires early changes nothing; idempotent like `markSent`.
   */
  async markExpired(id: string): Promise<Announcement> {
    return this.change(id, SYSTEM_ACTOR, undefined, (current, context) => {
      if (current.status === 'expired') return current;
      if (!current.validUntil || current.validUntil > context.at) throw new NotYetExpired(id);
      return transition(current, 'expired', 'expired', context);
    });
  }

  async findPublic(slug: string): Promise<Announcement | undefined> {
    return this.deps.repository.findBySlug(slug);
  }

  private context(actor: Actor): ChangeContext {
    return { by: actor.userId, at: this.deps.clock() };
  }

  private async change(
    id: string,
    actor: Actor,
    expectedVersion: number | undefined,
    rule: (current: Announcement, context: ChangeContext) => Announcement,
  ): Promise<Announcement> {
    return (await this.apply(id, actor, expectedVersion, rule)).announcement;
  }

  private async apply(
    id: string,
    actor: Actor,
    expectedVersion: number | undefined,
    rule: (current: Announcement, context: ChangeContext) => Announcement | Promise<Announcement>,
  ): Promise<{ announcement: Announcement; changed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      if (expectedVersion !== undefined && current.version !== expectedVersion) throw new VersionConflict(expectedVersion, current.version);
      const next = await rule(current, this.context(actor));
      if (next === current) return { announcement: current, changed: false };
      if (await this.deps.repository.replaceIfVersion(next, current.version)) {
        this.deps.listeners.emitChanged(next);
        return { announcement: next, changed: true };
      }
      if (expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) {
        const latest = await this.get(id);
        throw new VersionConflict(expectedVersion ?? current.version, latest.version);
      }
      await contentionPause(attempt);
    }
  }
}
