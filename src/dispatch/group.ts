import type { QuietHours } from './quiet-hours.js';

/** A community group as the API writes it: `{ account, chatId, name, language, topics, enabled, quietHours? }`. */
export interface GroupInput {
  account: string;
  chatId: string;
  name: string;
  language: string;
  topics: string[];
  enabled: boolean;
  quietHours?: QuietHours;
}

export interface Group extends GroupInput {
  id: string;
}

export function groupTargetKey(group: Pick<Group, 'account' | 'chatId'>): string {
  return `group:${group.account}:${group.chatId}`;
}
