export {
  type ScriptDirection,
  type SupportedLanguage,
  listSupportedLanguages,
  isSupportedLanguage,
  findLanguage,
  scriptDirection,
  fallbackChain,
} from './supported-languages.js';
export { loadLanguageCatalogue } from './language-catalogue.js';
export { LanguageCode } from './language-code.schema.js';
export { createLanguageRoutes, languagesOpenApi } from './languages.routes.js';
