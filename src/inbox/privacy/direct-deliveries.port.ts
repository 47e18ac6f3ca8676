/**
 * Dispatch's deliveries into one direct chat, as the inbox's export and erasure need them; `main.ts` adapts
 * dispatch. Announcements go to groups today, so this is usually empty, but a citizen's erasure must not
 * depend on that staying true.
 */
export interface DirectDeliveries {
  toChat(account: string, chatId: string): Promise<unknown[]>;
  eraseToChat(account: string, chatId: string): Promise<number>;
}
