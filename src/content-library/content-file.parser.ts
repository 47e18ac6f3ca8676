import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import { z } from 'zod';
import { LanguageCode } from '../languages/index.js';
import { PRIORITIES, TOPICS } from '../announcements/index.js';
import type { NoticeTemplate } from './notice-template.js';

const FrontMatter = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/),
  topics: z.array(z.enum(TOPICS)).min(1),
  priority: z.enum(PRIORITIES),
  sourceLanguage: LanguageCode.default('it'),
  placeholders: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.string().min(1)).default({}),
});

const SECTION_HEADING = /^# \[([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\][ \t]+(.+)$/gm;
const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

export class ContentFileInvalid extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

function sections(markdown: string): Array<{ lang: string; title: string; body: string }> {
  const headings = [...markdown.matchAll(SECTION_HEADING)];
  return headings.map((heading, i) => {
    const start = heading.index + heading[0].length;
    const end = headings[i + 1]?.index ?? markdown.length;
    return { lang: heading[1]!, title: heading[2]!.trim(), body: markdown.slice(start, end).trim() };
  });
}

/**
 * Reads one content file (front matter + `# [lang] Title` sections). Refuses, naming the file and
 * the problem, anything an importer should not guess about: unknown languages, a missing source
 * text, a language written twice, or a `{{placeholder}}` the front matter does not declare.
 */
export function parseContentFile(fileName: string, text: string, importedAt: Date): NoticeTemplate {
  const { data, content } = matter(text);
  const front = FrontMatter.safeParse(data);
  if (!front.success) throw new ContentFileInvalid(fileName, front.error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`));
  const problems: string[] = [];
  const texts: NoticeTemplate['texts'] = {};
  for (const section of sections(content)) {
    if (!LanguageCode.safeParse(section.lang).success) problems.push(`unsupported language [${section.lang}]`);
    else if (texts[section.lang]) problems.push(`[${section.lang}] written twice`);
    else if (!section.body) problems.push(`[${section.lang}] has no body`);
    else texts[section.lang] = { title: section.title, body: section.body };
    for (const [, name] of `${section.title}\n${section.body}`.matchAll(PLACEHOLDER)) {
      if (!(name! in front.data.placeholders)) problems.push(`[${section.lang}] uses {{${name}}} which the front matter does not declare`);
    }
  }
  if (!texts[front.data.sourceLanguage]) problems.push(`no [${front.data.sourceLanguage}] section for the source language`);
  if (problems.length > 0) throw new ContentFileInvalid(fileName, [...new Set(problems)]);
  return {
    ...front.data,
    texts,
    contentHash: createHash('sha256').update(text).digest('hex'),
    sourceFile: fileName,
    importedAt,
  };
}

/** Replaces every `{{name}}` with its value; the caller has checked that all are given. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (match, name: string) => values[name] ?? match);
}
