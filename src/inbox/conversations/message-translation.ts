import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../../platform/http/auth-guard.js';
import { principalOf } from '../../identity/index.js';
import { parseParams } from '../../platform/http/validate.js';
import type { InboxService } from './inbox.service.js';
import { CitizenTranslationOff, MessageNotFound } from '../inbox.errors.js';

/**
 * A machine translator for a citizen's message into Italian. Given to the inbox only when the town turned it on
 * (`TRANSLATE_CITIZEN_MESSAGES`) besides configuring a translator: a citizen's words then leave Sportello for
 * that engine (the town's own LibreTranslate, or DeepL).
 */
export interface MessageTranslator {
  readonly engine: string;
  toItalian(text: string, from: string | undefined): Promise<string>;
}

const ObjectId = z.string().regex(/^[0-9a-f]{24}$/, 'is not an id');
const MessageParams = z.strictObject({ id: ObjectId, messageId: ObjectId });

/**
 * `POST /inbox/conversations/:id/messages/:messageId/translation`: an Italian machine draft of one citizen's
 * message, for a mediator who works that conversation. Shown, never stored, never logged: the citizen's
 * message stays the only copy Sportello keeps.
 */
export function createMessageTranslationRoutes(deps: { inbox: InboxService; translator: MessageTranslator | undefined }): Router {
  const router = Router();
  router.post('/conversations/:id/messages/:messageId/translation', requireRole(['mediator'], 'inbox:write'), async (req, res) => {
    const { id, messageId } = parseParams(MessageParams, req);
    const view = await deps.inbox.get(principalOf(req), id);
    if (!deps.translator) throw new CitizenTranslationOff();
    const message = view.messages.find((m) => m.id === messageId);
    if (!message) throw new MessageNotFound(messageId);
    // An unsure conversation's language is only a guess: the engine detects it.
    const from = view.conversation.unsure ? undefined : view.conversation.language;
    res.json({ messageId, text: await deps.translator.toItalian(message.text, from), engine: deps.translator.engine, from: from ?? null });
  });
  return router;
}
