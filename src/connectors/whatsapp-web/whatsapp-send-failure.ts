import type { SendFailurePatterns } from '../send-failure.classifier.js';

export const WHATSAPP_SEND_FAILURES: SendFailurePatterns = {
  platform: 'WhatsApp',
  rateLimited: /rate-?overlimit|too many|\b429\b/i,
  // Not in the group any more, the number is not on WhatsApp, or the account may not write there.
  permanent: /not-authorized|forbidden|\b403\b|item-not-found|\b404\b|not a participant|invalid wid|no lid for user/i,
  // Accounts were reported restricted after `rate-overlimit` answers on sends 10–20 s apart.
  rateLimitPauseMs: 5 * 60_000,
};
