import type { Priority, Topic } from '../announcements/index.js';

/** One recurring notice from `content/`, in every language it was written in. */
export interface NoticeTemplate {
  id: string;
  topics: Topic[];
  priority: Priority;
  sourceLanguage: string;
  /** Name → what staff should fill in; every `{{name}}` in the texts is declared here. */
  placeholders: Record<string, string>;
  texts: Record<string, { title: string; body: string }>;
  /** Hash of the file: an import with the same hash changes nothing. */
  contentHash: string;
  sourceFile: string;
  importedAt: Date;
}
