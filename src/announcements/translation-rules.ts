import type { Announcement, ApprovalWarning, Translation, TranslationSegment, TranslationVersion } from './announcement.types.js';
import { isBeforePublication, isClosed, recordChange, settleTranslationStatus, type ChangeContext } from './announcement-status.js';
import {
  MachineDraftNotReviewed,
  SourceIsNotATranslation,
  TransitionNotAllowed,
  TranslationAlreadySent,
  TranslationMissing,
} from './announcements.errors.js';

export interface TextInput {
  title: string;
  body: string;
}

function archive(translation: Translation, at: Date): TranslationVersion[] {
  if (translation.title === undefined || translation.body === undefined) return translation.versions;
  const previous: TranslationVersion = {
    title: translation.title,
    body: translation.body,
    status: translation.status,
    sourceRevision: translation.sourceRevision,
    ...(translation.writtenBy ? { writtenBy: translation.writtenBy } : {}),
    ...(translation.approvedBy ? { approvedBy: translation.approvedBy } : {}),
    replacedAt: at,
  };
  return [...translation.versions, previous];
}

function withStatus(announcement: Announcement): Announcement {
  return { ...announcement, status: settleTranslationStatus(announcement) };
}

export function findTranslation(announcement: Announcement, lang: string): Translation | undefined {
  return announcement.translations.find((t) => t.lang === lang);
}

export function approvedTranslation(announcement: Announcement, lang: string): (Translation & TextInput) | undefined {
  const translation = findTranslation(announcement, lang);
  if (translation?.status !== 'approved' || translation.title === undefined || translation.body === undefined) return undefined;
  return translation as Translation & TextInput;
}

/**
 * The announcement as it would be once `lang`'s written text is approved, for a preview before approval (a
 * mediator checks how WhatsApp or WeChat will show it, then approves). Nothing is stored; no text, no change.
 */
export function asIfApproved(announcement: Announcement, lang: string): Announcement {
  const written = findTranslation(announcement, lang);
  if (!written || written.status === 'approved' || written.title === undefined || written.body === undefined) return announcement;
  return { ...announcement, translations: announcement.translations.map((t) => (t === written ? { ...t, status: 'approved' } : t)) };
}

/** Languages asked for whose text is not approved: a normal notice cannot go out while this is not empty. */
export function unapprovedLanguages(announcement: Announcement): string[] {
  return announcement.translations.filter((t) => t.status !== 'approved').map((t) => t.lang);
}

/** Asks for languages nobody has written yet: they appear as `missing` so mediators see the work. */
export function requestLanguages(announcement: Announcement, languages: readonly string[]): Announcement {
  const added = languages
    .filter((lang) => !findTranslation(announcement, lang))
    .map((lang): Translation => ({ lang, status: 'missing', sourceRevision: announcement.sourceRevision, versions: [] }));
  return withStatus({ ...announcement, translations: [...announcement.translations, ...added] });
}

/**
 * The stale rule: changing the source text keeps every translation's previous text in its version
 * history and sends approved ones back to `needs_review`, because they no longer say what the source says.
 */
export function editSource(
  announcement: Announcement,
  text: Partial<TextInput>,
  change: ChangeContext,
): { announcement: Announcement; staleLanguages: string[] } {
  const source = findTranslation(announcement, announcement.sourceLanguage);
  const textChanged =
    source !== undefined &&
    ((text.title !== undefined && text.title !== source.title) || (text.body !== undefined && text.body !== source.body));
  if (!textChanged) return { announcement, staleLanguages: [] };
  const sourceRevision = announcement.sourceRevision + 1;
  const stale: string[] = [];
  const translations = announcement.translations.map((t): Translation => {
    if (t.lang === announcement.sourceLanguage) {
      return { ...t, ...text, status: 'approved', sourceRevision, writtenBy: change.by, writtenAt: change.at, versions: archive(t, change.at) };
    }
    if (t.status !== 'approved') return t;
    stale.push(t.lang);
    return { ...t, status: 'needs_review', versions: archive(t, change.at) };
  });
  return { announcement: withStatus({ ...announcement, sourceRevision, translations }), staleLanguages: stale };
}

/**
 * Writes a language's text. `segments` says where each sentence came from when translation help saved it;
 * a text written whole (no segments) is the writer's own.
 */
export function writeTranslation(
  announcement: Announcement,
  lang: string,
  text: TextInput,
  change: ChangeContext,
  segments?: TranslationSegment[],
): Announcement {
  if (lang === announcement.sourceLanguage) throw new SourceIsNotATranslation(lang);
  if (isClosed(announcement.status)) throw new TransitionNotAllowed(announcement.status, 'translate');
  const existing = findTranslation(announcement, lang);
  if (existing?.status === 'approved' && !isBeforePublication(announcement.status)) throw new TranslationAlreadySent(lang);
  const written: Translation = {
    lang,
    ...text,
    status: 'draft',
    sourceRevision: announcement.sourceRevision,
    writtenBy: change.by,
    writtenAt: change.at,
    versions: existing ? archive(existing, change.at) : [],
    ...(segments ? { segments } : {}),
  };
  const translations = existing
    ? announcement.translations.map((t) => (t.lang === lang ? written : t))
    : [...announcement.translations, written];
  return recordChange(withStatus({ ...announcement, translations }), { action: 'translated', lang }, change);
}

/** A machine-made sentence still exactly as the machine wrote it, and nobody said it is right. */
export function isUnreviewedMachineText(segment: TranslationSegment): boolean {
  return segment.origin === 'machine' && segment.edited === 0 && !segment.confirmed;
}

/**
 * Approves a language's text. Refused while any machine-made sentence is unreviewed. `warnings` (a glossary
 * term's rendering missing) do not stop the approval: they are recorded with it in the history.
 */
export function approveTranslation(announcement: Announcement, lang: string, change: ChangeContext, warnings: ApprovalWarning[] = []): Announcement {
  if (lang === announcement.sourceLanguage) throw new SourceIsNotATranslation(lang);
  if (isClosed(announcement.status)) throw new TransitionNotAllowed(announcement.status, 'approve');
  const existing = findTranslation(announcement, lang);
  if (!existing || existing.title === undefined || existing.body === undefined) throw new TranslationMissing(lang);
  if (existing.status === 'approved') return announcement;
  const unreviewed = (existing.segments ?? []).filter(isUnreviewedMachineText).map((segment) => segment.key);
  if (unreviewed.length > 0) throw new MachineDraftNotReviewed(lang, unreviewed);
  const approved: Translation = {
    ...existing,
    status: 'approved',
    sourceRevision: announcement.sourceRevision,
    approvedBy: change.by,
    approvedAt: change.at,
  };
  const translations = announcement.translations.map((t) => (t.lang === lang ? approved : t));
  return recordChange(withStatus({ ...announcement, translations }), { action: 'approved', lang, ...(warnings.length ? { warnings } : {}) }, change);
}
