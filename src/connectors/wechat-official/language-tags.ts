import type { OfficialAccountApi } from './official-account-api.js';

/** A follower as Sportello knows them: the language they receive notices in. */
export interface FollowerLanguage {
  openid: string;
  language: string;
}

/** WeChat's limits: 50 openids per (un)tagging call, 10,000 per page of a tag's members. */
const TAGGING_BATCH = 50;

const TAG_CHAT_PREFIX = 'tag:';

/** The chat id dispatch sends to for a language's followers: one mass send by that tag. */
export function tagChatId(language: string): string {
  return `${TAG_CHAT_PREFIX}${language}`;
}

export function languageOfTagChat(chatId: string): string | undefined {
  return chatId.startsWith(TAG_CHAT_PREFIX) ? chatId.slice(TAG_CHAT_PREFIX.length) : undefined;
}

interface TagList {
  tags: Array<{ id: number; name: string; count: number }>;
}

/**
 * The account's language tags, named by language code (`zh-Hans`, `it`): created when missing, and their members
 * kept in step with the followers' languages, in batches, so that a mass send by tag reaches exactly the followers
 * who want the notices in that language.
 */
export class LanguageTags {
  #ids = new Map<string, number>();

  constructor(
    private readonly api: OfficialAccountApi,
    private readonly languages: readonly string[],
  ) {}

  /** Tag id per language, creating the missing tags. */
  async ensure(): Promise<Map<string, number>> {
    const existing = new Map((await this.api.call<TagList>('/cgi-bin/tags/get')).tags.map((tag) => [tag.name, tag.id]));
    for (const language of this.languages) {
      if (!existing.has(language)) {
        const created = await this.api.call<{ tag: { id: number } }>('/cgi-bin/tags/create', { tag: { name: language } });
        existing.set(language, created.tag.id);
      }
    }
    this.#ids = new Map(this.languages.map((language) => [language, existing.get(language)!]));
    return this.#ids;
  }

  async idOf(language: string): Promise<number | undefined> {
    if (!this.#ids.has(language)) await this.ensure();
    return this.#ids.get(language);
  }

  /**
   * Moves every follower into the tag of their language and out of the others; followers not listed (they
   * stopped the notices) leave every language tag. Returns how many were tagged and untagged.
   */
  async sync(followers: AsyncIterable<FollowerLanguage[]>): Promise<{ tagged: number; untagged: number }> {
    const ids = await this.ensure();
    const members = new Map<number, Set<string>>();
    for (const id of ids.values()) members.set(id, await this.#members(id));
    const wanted = new Map<number, string[]>();
    const keep = new Map<number, Set<string>>([...ids.values()].map((id) => [id, new Set<string>()]));
    for await (const page of followers) {
      for (const follower of page) {
        const id = ids.get(follower.language);
        if (id === undefined) continue;
        keep.get(id)!.add(follower.openid);
        if (!members.get(id)!.has(follower.openid)) wanted.set(id, [...(wanted.get(id) ?? []), follower.openid]);
      }
    }
    let untagged = 0;
    for (const [id, current] of members) {
      const leaving = [...current].filter((openid) => !keep.get(id)!.has(openid));
      untagged += await this.#batches('/cgi-bin/tags/members/batchuntagging', id, leaving);
    }
    let tagged = 0;
    for (const [id, joining] of wanted) tagged += await this.#batches('/cgi-bin/tags/members/batchtagging', id, joining);
    return { tagged, untagged };
  }

  async #members(tagid: number): Promise<Set<string>> {
    const members = new Set<string>();
    let next = '';
    for (;;) {
      const page = await this.api.call<{ count: number; data?: { openid: string[] }; next_openid?: string }>('/cgi-bin/user/tag/get', { tagid, next_openid: next });
      for (const openid of page.data?.openid ?? []) members.add(openid);
      if (page.count === 0 || !page.next_openid || page.next_openid === next) return members;
      next = page.next_openid;
    }
  }

  async #batches(path: string, tagid: number, openids: readonly string[]): Promise<number> {
    for (let i = 0; i < openids.length; i += TAGGING_BATCH) {
      await this.api.call(path, { openid_list: openids.slice(i, i + TAGGING_BATCH), tagid });
    }
    return openids.length;
  }
}
