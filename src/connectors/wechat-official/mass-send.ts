import { createHash } from 'node:crypto';
import { SendError, type SentMessage } from '../chat-connector.port.js';
import { languageOfTagChat, type LanguageTags } from './language-tags.js';
import type { MassSendQuota } from './mass-send-quota.js';
import type { OfficialAccountApi } from './official-account-api.js';
import { OfficialAccountError } from './official-account-errors.js';

/** A notice to every follower of one language: one mass send to its tag (`tag:<lang>`), within the account's quota. */
export class MassSend {
  constructor(
    private readonly api: OfficialAccountApi,
    private readonly tags: LanguageTags,
    private readonly quota: MassSendQuota,
    private readonly clock: () => number,
  ) {}

  /**
   * Mass sends the quota still allows into a language tag in the current day (subscription) or month (service), and
   * how a refusal reads; `undefined` for a follower's chat, which has no such quota.
   */
  async quotaOf(chatId: string): Promise<{ left: number; refusal: string } | undefined> {
    const tagId = await this.tagOf(chatId);
    if (tagId === undefined) return undefined;
    return { left: await this.quota.left(tagId), refusal: this.quota.refusal };
  }

  async send(chatId: string, text: string): Promise<SentMessage> {
    const tagId = await this.tagOf(chatId);
    if (tagId === undefined) throw new SendError('permanent', 'the Official Account has no such language tag');
    // The same text to the same tag is one mass send: a retry after a crash between WeChat's answer and the
    // delivery's record finds the first one (45065) instead of reaching every follower twice.
    const clientmsgid = createHash('sha1').update(`${tagId}\u0000${text}`).digest('hex');
    // Refused here, before WeChat is asked: a spent quota is known and worded for staff, not discovered as 45028.
    const spent = await this.quota.reserve(tagId, clientmsgid);
    if (spent) throw new SendError('permanent', spent);
    try {
      const sent = await this.api.call<{ msg_id: number | string }>('/cgi-bin/message/mass/sendall', {
        filter: { is_to_all: false, tag_id: tagId },
        text: { content: text },
        msgtype: 'text',
        clientmsgid,
      });
      return { platformMessageId: String(sent.msg_id), sentAt: new Date(this.clock()) };
    } catch (error) {
      if (error instanceof OfficialAccountError && error.errcode === 45065 && error.body.msg_id !== undefined) {
        return { platformMessageId: String(error.body.msg_id as string | number), sentAt: new Date(this.clock()) };
      }
      await this.quota.release(tagId, clientmsgid);
      throw error;
    }
  }

  private async tagOf(chatId: string): Promise<number | undefined> {
    const language = languageOfTagChat(chatId);
    return language === undefined ? undefined : await this.tags.idOf(language);
  }
}
