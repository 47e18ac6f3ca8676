import type { Announcement, HistoryEntry, Translation } from './announcement.types.js';

/**
 * The JSON shape other parts and outside scripts rely on. Fields may be added; none may be renamed.
 * Translations are an object keyed by language, the source language among them.
 */
function presentTranslation(translation: Translation, sourceRevision: number) {
  return {
    title: translation.title ?? null,
    body: translation.body ?? null,
    status: translation.status,
    sourceRevision: translation.sourceRevision,
    /** Written for an older source text; true for every `needs_review` translation. */
    stale: translation.status !== 'missing' && translation.sourceRevision < sourceRevision,
    writtenBy: translation.writtenBy ?? null,
    writtenAt: translation.writtenAt ?? null,
    approvedBy: translation.approvedBy ?? null,
    approvedAt: translation.approvedAt ?? null,
    versions: translation.versions,
    /** Sentence by sentence, where the text came from (memory, machine draft, typed); null when written whole. */
    segments: translation.segments ?? null,
  };
}

export function presentAnnouncement(announcement: Announcement, noticeUrl: (slug: string, lang: string) => string) {
  return {
    id: announcement.id,
    slug: announcement.slug,
    version: announcement.version,
    status: announcement.status,
    priority: announcement.priority,
    topics: announcement.topics,
    sourceLanguage: announcement.sourceLanguage,
    sourceRevision: announcement.sourceRevision,
    translations: Object.fromEntries(
      announcement.translations.map((t) => [t.lang, presentTranslation(t, announcement.sourceRevision)]),
    ),
    validFrom: announcement.validFrom ?? null,
    validUntil: announcement.validUntil ?? null,
    link: announcement.link ?? null,
    scheduledAt: announcement.scheduledAt ?? null,
    publishedAt: announcement.publishedAt ?? null,
    publishedBy: announcement.publishedBy ?? null,
    cancelledAt: announcement.cancelledAt ?? null,
    templateId: announcement.templateId ?? null,
    noticeUrl: noticeUrl(announcement.slug, announcement.sourceLanguage),
    // The public page in each language it can be read in: what a mediator links in an answer.
    noticeUrls: Object.fromEntries(
      [announcement.sourceLanguage, ...announcement.translations.filter((t) => t.status === 'approved').map((t) => t.lang)].map((lang) => [lang, noticeUrl(announcement.slug, lang)]),
    ),
    createdBy: announcement.createdBy,
    createdAt: announcement.createdAt,
    updatedAt: announcement.updatedAt,
  };
}

export function presentHistory(history: HistoryEntry[]) {
  return { items: history };
}
