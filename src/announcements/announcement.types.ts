/** The announcement as the domain sees it: plain data, no mongoose, no HTTP. */

export const TOPICS = ['permits', 'appointments', 'school', 'health', 'family', 'work', 'housing', 'desk', 'emergency', 'events'] as const;
export type Topic = (typeof TOPICS)[number];

export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ANNOUNCEMENT_STATUSES = ['draft', 'in_translation', 'approved', 'scheduled', 'sending', 'sent', 'cancelled', 'expired'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

export const TRANSLATION_STATUSES = ['missing', 'draft', 'needs_review', 'approved'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

/** A text a translation had before it was replaced: kept so a mediator can see what changed. */
export interface TranslationVersion {
  title: string;
  body: string;
  status: TranslationStatus;
  sourceRevision: number;
  writtenBy?: string;
  approvedBy?: string;
  replacedAt: Date;
}

export const SEGMENT_ORIGINS = ['memory', 'machine', 'typed'] as const;
export type SegmentOrigin = (typeof SEGMENT_ORIGINS)[number];

/**
 * Where one sentence of a translation came from, as translation help classified it when it was saved:
 * started from the memory or from a machine draft (and how many characters the mediator changed), or typed.
 */
export interface TranslationSegment {
  /** The source segment's key (`t`, `b<line>.<n>`). */
  key: string;
  source: string;
  text: string;
  origin: SegmentOrigin;
  /** Characters changed from the suggestion it started from (edit distance); its whole length when typed. */
  edited: number;
  /** A mediator said this unchanged suggestion is right as it is. */
  confirmed: boolean;
}

/** Something an approver was told and went ahead anyway: kept in the history with the approval. */
export interface ApprovalWarning {
  code: 'glossary.term_missing';
  /** The glossary term found in the source (Italian). */
  term: string;
  /** Its approved rendering, which the translation lacks. */
  expected: string;
}

export interface Translation {
  lang: string;
  /** Absent while `missing`: the language was asked for but nobody has written it yet. */
  title?: string;
  body?: string;
  status: TranslationStatus;
  /** The source revision this text translates; behind the current one means it may be stale. */
  sourceRevision: number;
  writtenBy?: string;
  writtenAt?: Date;
  approvedBy?: string;
  approvedAt?: Date;
  versions: TranslationVersion[];
  /** Present when the text was saved sentence by sentence through translation help. */
  segments?: TranslationSegment[];
}

export type HistoryAction = 'created' | 'edited' | 'translated' | 'approved' | 'published' | 'cancelled' | 'sending' | 'sent' | 'expired';

export interface HistoryEntry {
  at: Date;
  /** User id, or `system` for transitions made by dispatch or the content importer. */
  by: string;
  action: HistoryAction;
  /** Version of the announcement after this change. */
  version: number;
  lang?: string;
  /** Status before and after, where the announcement's status changed. */
  from?: AnnouncementStatus;
  to?: AnnouncementStatus;
  /** Languages whose approved translation became stale by this change. */
  staleLanguages?: string[];
  /** Approvals: what the approver was warned of (a glossary term's rendering missing). */
  warnings?: ApprovalWarning[];
}

export interface Announcement {
  id: string;
  slug: string;
  /** Increases by one on every change; clients send it back as `If-Match` to avoid lost updates. */
  version: number;
  /** Increases when the source title or body changes; translations record which one they follow. */
  sourceRevision: number;
  status: AnnouncementStatus;
  priority: Priority;
  topics: Topic[];
  sourceLanguage: string;
  /** The source is one of these, always `approved`: staff wrote it. */
  translations: Translation[];
  validFrom?: Date;
  validUntil?: Date;
  link?: string;
  scheduledAt?: Date;
  publishedAt?: Date;
  publishedBy?: string;
  cancelledAt?: Date;
  /** Content-library template this was created from, if any. */
  templateId?: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  history: HistoryEntry[];
}
