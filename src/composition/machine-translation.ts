import type { Config } from '../platform/config.js';
import type { MessageTranslator } from '../inbox/index.js';
import type { Connection } from 'mongoose';
import type { Announcements } from '../announcements/index.js';
import type { Registry } from 'prom-client';
import { createDeepLTranslator, createLibreTranslateTranslator, createTranslationHelp, type TranslationHelp, type Translator } from '../translation-help/index.js';

/** The one machine translator the town configured (config refuses both), or none: machine drafts are off by default. */
export function translatorOf(config: Config['translation']): Translator | undefined {
  if (config.libreTranslate) return createLibreTranslateTranslator(config.libreTranslate);
  if (config.deepl) return createDeepLTranslator(config.deepl);
  return undefined;
}

/**
 * The inbox's translator of citizens' messages: only when the town turned it on besides configuring a
 * translator (config refuses the switch without one). A message whose language is unsure is left to the
 * engine to detect.
 */
export function messageTranslatorOf(config: Config['translation'], translator: Translator | undefined): MessageTranslator | undefined {
  if (!config.citizenMessages || !translator) return undefined;
  return {
    engine: translator.engine,
    toItalian: async (text, from) => (await translator.translate([text], from ?? 'auto', 'it'))[0] ?? '',
  };
}

/**
 * Translation help for the mediators, with the town's machine translator if any, and the inbox's translator of
 * citizens' messages: citizens' words go to the translator only when the town turned that on
 * (TRANSLATE_CITIZEN_MESSAGES).
 */
export async function translationHelpOf(
  config: Config['translation'],
  deps: { db: Connection; announcements: Announcements; metrics: Registry },
): Promise<{ translationHelp: TranslationHelp; messageTranslator: MessageTranslator | undefined }> {
  const translator = translatorOf(config);
  const translationHelp = await createTranslationHelp({ ...deps, translator, fuzzyMin: config.fuzzyMin });
  return { translationHelp, messageTranslator: messageTranslatorOf(config, translator) };
}
