import type { Config } from '../platform/config.js';
import { createDeepLTranslator, createLibreTranslateTranslator, type Translator } from '../translation-help/index.js';

/** The one machine translator the town configured (config refuses both), or none: machine drafts are off by default. */
export function translatorOf(config: Config['translation']): Translator | undefined {
  if (config.libreTranslate) return createLibreTranslateTranslator(config.libreTranslate);
  if (config.deepl) return createDeepLTranslator(config.deepl);
  return undefined;
}
