import { RESPONSE_TIMES_KEPT_DAYS } from './conversations/response-time.model.js';
import { z } from 'zod';
import { LanguageCode } from '../languages/index.js';
import { Topics } from '../platform/topics.js';
import { CONVERSATION_STATES } from './inbox.types.js';

const ObjectId = z.string().regex(/^[0-9a-f]{24}$/, 'is not an id');

export const IdParams = z.strictObject({ id: ObjectId });
export const OutboundParams = z.strictObject({ id: ObjectId, outboundId: ObjectId });
export const ListQuery = z.strictObject({
  /** A language's queue, or `unsure`: conversations nobody could tell the language of. */
  language: z.union([z.literal('unsure'), LanguageCode]).optional(),
  state: z.enum(CONVERSATION_STATES).optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  waiting: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  after: ObjectId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The period of `GET /inbox/stats`, in days back from now: a month by default, at most what is kept. */
export const StatsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(RESPONSE_TIMES_KEPT_DAYS).default(30) });
export const AssignBody = z.strictObject({ assigneeId: ObjectId.optional() });
export const TextBody = z.strictObject({ text: z.string().trim().min(1).max(4000) });
export const RouteBody = z.strictObject({ language: LanguageCode });
/** As a group's topics (the announcements' topic codes); none means every announcement. */
export const SubscriptionBody = z.strictObject({ topics: Topics.default([]) });
