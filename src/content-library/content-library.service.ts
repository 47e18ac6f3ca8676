import type { Actor, Announcement, AnnouncementsService } from '../announcements/index.js';
import { InvalidInput } from '../platform/errors.js';
import { fillPlaceholders } from './content-file.parser.js';
import { TemplateNotFound } from './content-library.errors.js';
import type { NoticeTemplate } from './notice-template.js';
import type { NoticeTemplateRepository } from './notice-template.repository.js';

export interface ContentLibraryDeps {
  templates: NoticeTemplateRepository;
  announcements: AnnouncementsService;
}

/** The imported notice templates, turned into announcements on request. */
export class ContentLibraryService {
  constructor(private readonly deps: ContentLibraryDeps) {}

  list(): Promise<NoticeTemplate[]> {
    return this.deps.templates.list();
  }

  async get(id: string): Promise<NoticeTemplate> {
    const template = await this.deps.templates.findById(id);
    if (!template) throw new TemplateNotFound(id);
    return template;
  }

  /**
   * A new draft announcement from a template, placeholders filled in every language. The library's
   * translations arrive as drafts: a mediator still approves each before it can be sent.
   */
  async instantiate(id: string, values: Record<string, string>, actor: Actor): Promise<Announcement> {
    const template = await this.get(id);
    const missing = Object.keys(template.placeholders).filter((name) => !values[name]?.trim());
    const unknown = Object.keys(values).filter((name) => !(name in template.placeholders));
    if (missing.length || unknown.length) {
      throw new InvalidInput([
        ...missing.map((name) => ({ field: `values.${name}`, message: `is required: ${template.placeholders[name]}` })),
        ...unknown.map((name) => ({ field: `values.${name}`, message: 'this template has no such placeholder' })),
      ]);
    }
    const fill = (text: { title: string; body: string }) => ({ title: fillPlaceholders(text.title, values), body: fillPlaceholders(text.body, values) });
    const source = fill(template.texts[template.sourceLanguage]!);
    const translations = Object.fromEntries(
      Object.entries(template.texts)
        .filter(([lang]) => lang !== template.sourceLanguage)
        .map(([lang, text]) => [lang, fill(text)]),
    );
    return this.deps.announcements.create(
      { sourceLanguage: template.sourceLanguage, ...source, topics: template.topics, priority: template.priority, translations, templateId: template.id },
      actor,
    );
  }
}
