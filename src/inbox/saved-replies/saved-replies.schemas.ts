import { z } from 'zod';
import { LanguageCode } from '../../languages/index.js';

export const SavedReplyParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, 'is not an id') });
export const SavedReplyQuery = z.strictObject({ language: LanguageCode.optional() });
/** The text as long as a reply may be: it is one. */
export const SavedReplyBody = z.strictObject({
  language: LanguageCode,
  title: z.string().trim().min(1).max(120),
  text: z.string().trim().min(1).max(4000),
});
