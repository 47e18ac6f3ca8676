// Only `fan-out.service.ts` still names chat-accounts' one sending port by this old name: that file belongs to the
// fan-out branch until it lands; then its import moves to `AccountSender` and this file goes.
export type { AccountSender as ChatGateway } from '../chat-accounts/index.js';
