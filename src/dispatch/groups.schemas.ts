import { z } from 'zod';
import { LanguageCode } from '../languages/index.js';
import { AccountId } from '../platform/account-id.js';
import { Topics } from '../platform/topics.js';

/** How a group is written, shared by the routes that parse it and the OpenAPI document that describes it. */
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');

export const GroupBody = z.strictObject({
  account: AccountId,
  chatId: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  language: LanguageCode,
  topics: Topics,
  enabled: z.boolean(),
  quietHours: z.strictObject({ from: LocalTime, to: LocalTime }).optional(),
});

export const ImportBody = z.strictObject({ account: AccountId, language: LanguageCode, topics: Topics.default([]), enabled: z.boolean().default(true) });

const LanguageList = z
  .string()
  .max(2000)
  .transform((list) => [...new Set(list.split(',').map((l) => l.trim()).filter((l) => l.length > 0))])
  .pipe(z.array(LanguageCode));

/**
 * `GET /groups/reach?topics=permits,school`: the topics of an announcement, comma-separated. With `languages`
 * (the chosen ones, the source included), `approved` and `priority`, also what each language receives: a notice
 * being written, saved or not, is described by the same rule publishing follows.
 */
export const ReachQuery = z.strictObject({
  topics: z
    .string()
    .max(2000)
    .transform((list) => list.split(',').map((t) => t.trim()).filter((t) => t.length > 0))
    .pipe(Topics.min(1, 'name at least one topic')),
  languages: LanguageList.optional(),
  approved: LanguageList.optional(),
  priority: z.enum(['normal', 'urgent']).default('normal'),
});
