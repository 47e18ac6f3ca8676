import type { QuietHours } from './quiet-hours.js';

/**
 * Somewhere an announcement can be sent: today a community group; the inbox will add citizens' direct chats
 * that subscribed to topics. `key` is stable and unique across kinds, part of the delivery's unique key.
 */
export interface Target {
  key: string;
  kind: 'group';
  account: string;
  chatId: string;
  language: string;
  quietHours?: QuietHours;
}

/** Yields the enabled targets that want an announcement with these topics, a page at a time. */
export interface TargetSource {
  matching(topics: readonly string[]): AsyncIterable<Target[]>;
}
