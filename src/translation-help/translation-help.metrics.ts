import { Gauge, type Registry } from 'prom-client';
import { SEGMENT_ORIGINS } from '../announcements/index.js';
import type { HelpRecordRepository, LanguageHelp } from './help-record.repository.js';
import { sharesOf } from './segment-provenance.js';

/**
 * What helped mediators write the approved translations, per language, read from the database at scrape
 * time (every process reports the same numbers): a language whose memory share stays low has few repeated
 * notices yet; a high machine share is worth a look at how carefully drafts are reviewed.
 */
export function registerTranslationHelpMetrics(registry: Registry, records: HelpRecordRepository): void {
  // The three gauges are collected together at each scrape: they share one aggregation while it runs.
  let readingNow: Promise<LanguageHelp[]> | undefined;
  const rows = () => (readingNow ??= records.byLanguage().finally(() => (readingNow = undefined)));
  new Gauge({
    name: 'sportello_translation_approved_translations',
    help: 'Translations approved, by language',
    labelNames: ['language'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await rows()) this.set({ language: row.lang }, row.translations);
    },
  });
  new Gauge({
    name: 'sportello_translation_help_characters',
    help: 'Characters of the approved translations by where they came from (memory, machine draft, typed by the mediator), by language',
    labelNames: ['language', 'source'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await rows()) for (const source of SEGMENT_ORIGINS) this.set({ language: row.lang, source }, row.chars[source]);
    },
  });
  new Gauge({
    name: 'sportello_translation_help_share',
    help: 'Share (0 to 1) of the approved translations\' characters that came from memory, a machine draft or typing, by language',
    labelNames: ['language', 'source'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await rows()) {
        const shares = sharesOf(row.chars);
        for (const source of SEGMENT_ORIGINS) this.set({ language: row.lang, source }, shares[source]);
      }
    },
  });
}
