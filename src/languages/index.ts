export {
  type ScriptDirection,
  type SupportedLanguage,
  listSupportedLanguages,
  isSupportedLanguage,
  findLanguage,
  scriptDirection,
  fallbackChain,
} from './supported-languages.js';
export { LanguageCode } from './language-code.schema.js';
