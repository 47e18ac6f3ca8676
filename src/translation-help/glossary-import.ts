import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LanguageCode } from '../languages/index.js';
import type { GlossaryTermInput } from './glossary-term.js';
import type { GlossaryRepository } from './glossary.repository.js';

const GlossaryFile = z.strictObject({
  lang: LanguageCode,
  terms: z.array(z.strictObject({ term: z.string().trim().min(1).max(120), rendering: z.string().trim().min(1).max(200), note: z.string().trim().max(500).optional() })).min(1),
});

export class GlossaryFileInvalid extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** Added per language by an import: terms already there are left as their mediators keep them. */
export type GlossaryImportReport = Record<string, number>;

/**
 * Loads `content/glossary/<lang>.json`. Every file is read and checked before anything is written; a term a
 * language already has is not overwritten, so an import never undoes a mediator's correction.
 */
export async function importGlossaryDirectory(terms: GlossaryRepository, dir: string): Promise<GlossaryImportReport> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
  const files: Array<{ lang: string; terms: GlossaryTermInput[] }> = [];
  for (const name of names) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch (error) {
      throw new GlossaryFileInvalid(name, [(error as Error).message]);
    }
    const parsed = GlossaryFile.safeParse(json);
    if (!parsed.success) throw new GlossaryFileInvalid(name, parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`));
    if (name !== `${parsed.data.lang}.json`) throw new GlossaryFileInvalid(name, [`holds ${parsed.data.lang}: name it ${parsed.data.lang}.json`]);
    files.push(parsed.data);
  }
  const report: GlossaryImportReport = {};
  for (const file of files) report[file.lang] = await terms.addMissing(file.lang, file.terms, 'system');
  return report;
}
