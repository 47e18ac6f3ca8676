import type { SendBudget } from '../chat-accounts/index.js';
import type { Channel } from './sendable-announcement.port.js';

/** A channel account as dispatch uses it: where its messages are formatted for, and how fast it may send. */
export interface DispatchAccount {
  id: string;
  channel: Channel;
  rateLimit: SendBudget;
}
