import { z } from 'zod';

/**
 * The topics a group or a subscribed citizen follows, as announcements name them (`permits`, `school`, …): one
 * rule for every route that takes them. Codes, not the announcements' list, so no feature imports another.
 */
export const Topics = z.array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'is not a topic')).max(50);
