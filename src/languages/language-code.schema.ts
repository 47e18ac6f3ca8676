import { z } from 'zod';
import { isSupportedLanguage } from './supported-languages.js';

/** A supported BCP 47 tag, for request schemas; the message names the list so callers can correct it. */
export const LanguageCode = z
  .string()
  .refine(isSupportedLanguage, { message: 'unsupported language: use a supported BCP 47 tag from GET /api/v1/languages' });
