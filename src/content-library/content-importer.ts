import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseContentFile } from './content-file.parser.js';
import type { NoticeTemplateRepository } from './notice-template.repository.js';

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Loads every `*.md` of `dir` except its README. All files are parsed before anything is written,
 * so one broken file leaves the library as it was; a file whose hash is unchanged is not written.
 */
export async function importContentDirectory(templates: NoticeTemplateRepository, dir: string, now: Date): Promise<ImportReport> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md').sort();
  const parsed = await Promise.all(names.map(async (name) => parseContentFile(name, await readFile(join(dir, name), 'utf8'), now)));
  const report: ImportReport = { created: [], updated: [], unchanged: [] };
  for (const template of parsed) {
    const existing = await templates.findById(template.id);
    if (existing?.contentHash === template.contentHash) {
      report.unchanged.push(template.id);
      continue;
    }
    await templates.upsert(template);
    (existing ? report.updated : report.created).push(template.id);
  }
  return report;
}
