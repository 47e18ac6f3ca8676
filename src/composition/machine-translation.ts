import type { Config } from '../platform/config.js';
import type { MessageTranslator } from '../inbox/index.js';
import { createDeepLTranslator, createLibreTranslateTranslator, type Translator } from '../translation-help/index.js';

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
