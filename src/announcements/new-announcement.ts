import type { Announcement, Priority, Topic, Translation } from './announcement.types.js';
import type { ChangeContext } from './announcement-status.js';
import { createNoticeSlug } from './notice-slug.js';
import { requestLanguages, type TextInput } from './translation-rules.js';

export interface NewAnnouncement extends TextInput {
  sourceLanguage: string;
  topics: Topic[];
  priority: Priority;
  validFrom?: Date;
  validUntil?: Date;
  link?: string;
  /** Texts written with the notice (e.g. from the content library): they start as `draft`, a mediator approves them. */
  translations?: Record<string, TextInput>;
  /** Languages to ask mediators for; they show as `missing` until written. */
  targetLanguages?: string[];
  templateId?: string;
}

/** A new notice, its id chosen by the repository; its status follows from the translations it starts with. */
export function draftAnnouncement(id: string, input: NewAnnouncement, change: ChangeContext): Announcement {
  const source: Translation = {
    lang: input.sourceLanguage,
    title: input.title,
    body: input.body,
    status: 'approved',
    sourceRevision: 1,
    writtenBy: change.by,
    writtenAt: change.at,
    approvedBy: change.by,
    approvedAt: change.at,
    versions: [],
  };
  const written = Object.entries(input.translations ?? {})
    .filter(([lang]) => lang !== input.sourceLanguage)
    .map(([lang, text]): Translation => ({ lang, ...text, status: 'draft', sourceRevision: 1, writtenBy: change.by, writtenAt: change.at, versions: [] }));
  const draft: Announcement = {
    id,
    slug: createNoticeSlug(input.title),
    version: 1,
    sourceRevision: 1,
    status: 'draft',
    priority: input.priority,
    topics: input.topics,
    sourceLanguage: input.sourceLanguage,
    translations: [source, ...written],
    ...(input.validFrom ? { validFrom: input.validFrom } : {}),
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    ...(input.link ? { link: input.link } : {}),
    ...(input.templateId ? { templateId: input.templateId } : {}),
    createdBy: change.by,
    createdAt: change.at,
    updatedAt: change.at,
    history: [{ at: change.at, by: change.by, action: 'created', version: 1 }],
  };
  return requestLanguages(draft, input.targetLanguages ?? []);
}
