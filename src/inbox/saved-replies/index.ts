import type { Connection } from 'mongoose';
import type { Router } from 'express';
import type { InboxAudit } from '../inbox-audit.port.js';
import { createSavedReplyRoutes } from './saved-replies.routes.js';
import { SavedRepliesService } from './saved-replies.service.js';
import { SavedReplyRepository } from './saved-reply.repository.js';

export { savedRepliesPaths, SavedReplySchema } from './saved-replies.openapi.js';

/** Saved replies for the inbox's answers; mount the routes at `/api/v1/inbox/saved-replies`. */
export async function createSavedReplies(deps: { db: Connection; audit: InboxAudit }): Promise<{ routes: Router }> {
  const replies = new SavedReplyRepository(deps.db);
  await replies.init();
  return { routes: createSavedReplyRoutes(new SavedRepliesService({ replies, audit: deps.audit })) };
}
