import type { Principal } from '../identity/index.js';
import { LanguageNotYours } from './inbox.errors.js';
import { UNSURE_QUEUE } from './inbox.types.js';

/**
 * Who sees which queue. Admins see every language. Mediators see, and work in, their own languages only,
 * and the unsure queue (`UNSURE_QUEUE`), where one of them tells the language.
 * Editors and viewers (office staff) read every queue to follow the workload, but without the internal
 * notes, which belong to the staff of the conversation's language; they write nothing in the inbox.
 */
export function readableLanguages(who: Principal): readonly string[] | 'all' {
  return who.role === 'mediator' ? who.languages : 'all';
}

/**
 * Whether `who` reads the queue of `language`, or the unsure queue (`UNSURE_QUEUE`), which every mediator reads: one
 * of them reads enough to route it. The live event stream filters by it too.
 */
export function mayReadQueue(who: Principal, language: string): boolean {
  return who.role !== 'mediator' || language === UNSURE_QUEUE || who.languages.includes(language);
}

export function assertCanRead(who: Principal, language: string): void {
  if (!mayReadQueue(who, language)) throw new LanguageNotYours(language);
}

/** The routes let only admins and mediators write; this narrows mediators to their languages. */
export function assertCanWork(who: Principal, language: string): void {
  assertCanRead(who, language);
}

export function canSeeNotes(who: Principal, language: string): boolean {
  return who.role === 'admin' || (who.role === 'mediator' && who.languages.includes(language));
}
