import type { Platform } from '../../connectors/index.js';
import type { ContactRepository } from '../conversations/contact.repository.js';

/** Someone followed or unfollowed an Official Account: their openid is both their id and their direct chat. */
export interface FollowerChange {
  account: string;
  platform: Platform;
  openid: string;
  at: Date;
  /** For a new follower: the language they receive the notices in until they choose another (LINGUA it). */
  language: string;
}

/**
 * Followers of an Official Account are subscribers: following is the explicit request for the account's notices,
 * unfollowing the end of it (as STOP). A follower who comes back keeps the language they chose before. Both are
 * idempotent, since WeChat may post an event again and the connector replays what a crash interrupted.
 */
export class FollowerService {
  constructor(private readonly contacts: ContactRepository) {}

  /** Resolves to whether this is the follower's first follow (not a return, nor WeChat posting the event again). */
  async follow(change: FollowerChange): Promise<{ firstFollow: boolean }> {
    const contact = await this.contacts.findOrCreate({
      account: change.account,
      platform: change.platform,
      senderId: change.openid,
      // WeChat no longer tells accounts their followers' nicknames.
      displayName: `WeChat follower …${change.openid.slice(-4)}`,
      at: change.at,
    });
    const firstFollow = contact.languageSource === 'default' && !contact.subscription;
    if (firstFollow || contact.optedOut) {
      await this.contacts.update(contact.id, { optedOut: false, ...(firstFollow ? { language: change.language } : {}) });
    }
    if (!contact.subscription) await this.contacts.subscribe(contact.id, change.openid, change.at);
    return { firstFollow };
  }

  async unfollow(change: FollowerChange): Promise<void> {
    const contact = await this.contacts.findBySender(change.account, change.openid);
    if (!contact) return;
    await this.contacts.update(contact.id, { optedOut: true });
    if (contact.subscription) await this.contacts.unsubscribe(contact.id, change.at);
  }

  /** Every follower receiving the notices on `account`, whatever their topics, with their language, a page at a time. */
  async *followersOf(account: string, pageSize: number): AsyncIterable<Array<{ openid: string; language: string }>> {
    for await (const page of this.contacts.subscribersOf(account, pageSize)) {
      yield page.map((contact) => ({ openid: contact.subscription!.chatId, language: contact.language }));
    }
  }
}
