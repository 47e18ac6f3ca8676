import type { Actor, Announcement, AnnouncementsService, ApprovalWarning } from '../announcements/index.js';
import { missingRenderings } from './glossary-check.js';
import type { GlossaryTerm, GlossaryTermInput } from './glossary-term.js';
import type { GlossaryRepository } from './glossary.repository.js';
import { GlossaryTermNotFound } from './translation-help.errors.js';

/**
 * The glossary of administrative terms: read by all staff, kept by each language's mediators (and admins),
 * and checked at every approval (`approvalWarnings`, registered with announcements).
 */
export class GlossaryService {
  constructor(private readonly deps: { terms: GlossaryRepository; announcements: Pick<AnnouncementsService, 'assertMayTranslate'> }) {}

  list(lang?: string): Promise<GlossaryTerm[]> {
    return this.deps.terms.list(lang ? [lang] : 'all');
  }

  async get(id: string): Promise<GlossaryTerm> {
    const term = await this.deps.terms.get(id);
    if (!term) throw new GlossaryTermNotFound(id);
    return term;
  }

  create(actor: Actor, lang: string, input: GlossaryTermInput): Promise<GlossaryTerm> {
    this.deps.announcements.assertMayTranslate(actor, lang);
    return this.deps.terms.create(lang, input, actor.userId);
  }

  async replace(actor: Actor, id: string, input: GlossaryTermInput): Promise<GlossaryTerm> {
    this.deps.announcements.assertMayTranslate(actor, (await this.get(id)).lang);
    const replaced = await this.deps.terms.replace(id, input, actor.userId);
    if (!replaced) throw new GlossaryTermNotFound(id);
    return replaced;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    this.deps.announcements.assertMayTranslate(actor, (await this.get(id)).lang);
    if (!(await this.deps.terms.remove(id))) throw new GlossaryTermNotFound(id);
  }

  /** What to warn of before `lang`'s text is approved: source terms whose rendering the text lacks. */
  async warningsFor(text: { title: string; body: string }, source: { title: string; body: string }, lang: string): Promise<ApprovalWarning[]> {
    const terms = await this.deps.terms.list([lang]);
    return missingRenderings(`${source.title}\n${source.body}`, `${text.title}\n${text.body}`, terms, lang);
  }

  /** The approval check announcements call: the language's text as it is being approved. */
  async approvalWarnings(announcement: Announcement, lang: string): Promise<ApprovalWarning[]> {
    const source = announcement.translations.find((t) => t.lang === announcement.sourceLanguage);
    const written = announcement.translations.find((t) => t.lang === lang);
    if (source?.title === undefined || source.body === undefined || written?.title === undefined || written.body === undefined) return [];
    return this.warningsFor({ title: written.title, body: written.body }, { title: source.title, body: source.body }, lang);
  }
}
