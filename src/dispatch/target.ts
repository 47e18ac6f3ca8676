import type { QuietHours } from './quiet-hours.js';

/**
 * Somewhere an announcement can be sent: a community group, or the direct chat of a citizen who asked for the
 * notices (the inbox's subscribers). `key` is stable and unique across kinds, part of the delivery's unique key.
 */
export interface Target {
  key: string;
  kind: 'group' | 'citizen';
  account: string;
  chatId: string;
  language: string;
  quietHours?: QuietHours;
  /** A person's chat is personal data: its deliveries are deleted this long after they were planned. */
  keepDeliveriesMs?: number;
}

/** Yields the enabled targets that want an announcement with these topics, a page at a time. */
export interface TargetSource {
  matching(topics: readonly string[]): AsyncIterable<Target[]>;
}

/** How many targets of one kind, per language, an announcement with some topics would reach. */
export type ReachCounter = (topics: readonly string[]) => Promise<Array<{ language: string; count: number }>>;
