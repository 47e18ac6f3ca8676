import type { Router } from 'express';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import type { Announcements } from '../announcements/index.js';
import { importGlossaryDirectory, type GlossaryImportReport } from './glossary-import.js';
import { GlossaryRepository } from './glossary.repository.js';
import { GlossaryService } from './glossary.service.js';
import { HelpRecordRepository } from './help-record.repository.js';
import { MachineDraftRepository } from './machine-draft.repository.js';
import { registerTranslationHelpMetrics } from './translation-help.metrics.js';
import { createTranslationHelpRoutes } from './translation-help.routes.js';
import { TranslationHelpService } from './translation-help.service.js';
import { TranslationMemory } from './translation-memory.js';
import type { Translator } from './translator.port.js';

export type { Translator } from './translator.port.js';
export { createLibreTranslateTranslator } from './libretranslate.adapter.js';
export { createDeepLTranslator } from './deepl.adapter.js';
export { TranslatorFailed } from './translator.errors.js';
export { translationHelpOpenApi } from './translation-help.openapi.js';
export type { GlossaryImportReport } from './glossary-import.js';

export interface TranslationHelpDeps {
  db: Connection;
  announcements: Announcements;
  /** The configured machine translation engine; none, no machine drafts. */
  translator: Translator | undefined;
  /** `TRANSLATION_FUZZY_MIN`: the lowest similarity a memory suggestion is offered at. */
  fuzzyMin: number;
  metrics: Registry;
}

export interface TranslationHelp {
  /** Mount at `/api/v1`. */
  routes: Router;
}

/**
 * Translation memory, glossary and machine drafts for mediators. Registers with announcements: the
 * glossary warns at every approval, and every approval records what helped write it.
 */
export async function createTranslationHelp(deps: TranslationHelpDeps): Promise<TranslationHelp> {
  const terms = new GlossaryRepository(deps.db);
  const drafts = new MachineDraftRepository(deps.db);
  const records = new HelpRecordRepository(deps.db);
  await Promise.all([terms.init(), drafts.init(), records.init()]);
  const announcements = deps.announcements.service;
  const glossary = new GlossaryService({ terms, announcements });
  const memory = new TranslationMemory({ changedSince: (since, limit) => announcements.changedSince(since, limit) });
  const help = new TranslationHelpService({ announcements, memory, glossary, drafts, records, translator: deps.translator, fuzzyMin: deps.fuzzyMin });
  announcements.addApprovalCheck((announcement, lang) => glossary.approvalWarnings(announcement, lang));
  announcements.addApprovalCheck((announcement, lang) => help.refusePastedDraft(announcement, lang));
  deps.announcements.events.onApproved((announcement, lang) => help.recordApproval(announcement, lang));
  registerTranslationHelpMetrics(deps.metrics, records);
  return { routes: createTranslationHelpRoutes({ help, glossary, present: deps.announcements.present }) };
}

/** Loads the shipped glossaries (`content/glossary/<lang>.json`), adding only terms a language lacks. */
export async function importGlossaries(db: Connection, dir: string): Promise<GlossaryImportReport> {
  const terms = new GlossaryRepository(db);
  await terms.init();
  return importGlossaryDirectory(terms, dir);
}
