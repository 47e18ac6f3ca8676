import type { AccountSender } from '../chat-accounts/index.js';
import type { DispatchAccount } from './dispatch-account.js';
import { GroupAlreadyRegistered, GroupNotFound, UnknownAccount } from './dispatch.errors.js';
import type { Group, GroupInput } from './group.js';
import type { GroupRepository } from './group.repository.js';
import type { ReachCounter } from './target.js';
import { receptionOf, type NoticeLanguages, type Reception } from './reception.js';

export interface ImportRequest {
  account: string;
  language: string;
  topics: string[];
  enabled: boolean;
}

/** The registry of community groups that announcements are sent to. */
export class GroupsService {
  constructor(
    private readonly deps: {
      groups: GroupRepository;
      gateway: Pick<AccountSender, 'listChats'>;
      accounts: ReadonlyMap<string, DispatchAccount>;
      citizensReach?: ReachCounter;
      /** Open consoles hear of every group created, changed or deleted. */
      onChanged?: (id: string) => void;
    },
  ) {}

  async create(input: GroupInput): Promise<Group> {
    this.requireAccount(input.account);
    const group = await this.deps.groups.create(input);
    if (!group) throw new GroupAlreadyRegistered(input.account, input.chatId);
    this.deps.onChanged?.(group.id);
    return group;
  }

  async get(id: string): Promise<Group> {
    const group = await this.deps.groups.get(id);
    if (!group) throw new GroupNotFound(id);
    return group;
  }

  list(filter: { account?: string; language?: string }, page: { limit: number; after?: string }): Promise<Group[]> {
    return this.deps.groups.list(filter, page);
  }

  /**
   * Who an announcement with these topics would reach, per language: the groups, and the citizens who asked for
   * the notices in their own chat. For staff to see before they publish.
   */
  async reach(topics: readonly string[], notice?: NoticeLanguages): Promise<Array<{ language: string; groups: number; citizens: number; receives?: Reception }>> {
    const [groups, citizens] = await Promise.all([this.deps.groups.reach(topics), this.deps.citizensReach?.(topics) ?? []]);
    const rows = new Map<string, { language: string; groups: number; citizens: number }>();
    for (const { language, groups: n } of groups) rows.set(language, { language, groups: n, citizens: 0 });
    for (const { language, count } of citizens) rows.set(language, { language, groups: rows.get(language)?.groups ?? 0, citizens: count });
    // A chosen language nobody follows yet is shown too: staff see that nobody will read that translation.
    for (const language of notice?.languages ?? []) if (!rows.has(language)) rows.set(language, { language, groups: 0, citizens: 0 });
    return [...rows.values()]
      .sort((a, b) => a.language.localeCompare(b.language))
      .map((row) => (notice ? { ...row, receives: receptionOf(notice, row.language) } : row));
  }

  async replace(id: string, input: GroupInput): Promise<Group> {
    this.requireAccount(input.account);
    const group = await this.deps.groups.replace(id, input);
    if (!group) throw new GroupNotFound(id);
    this.deps.onChanged?.(group.id);
    return group;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.deps.groups.remove(id))) throw new GroupNotFound(id);
    this.deps.onChanged?.(id);
  }

  /**
   * Registers the groups the account is in that are not registered yet, all with the given language and topics
   * (staff correct them one by one afterwards); registered groups are left as they are.
   */
  async importFromAccount(request: ImportRequest): Promise<{ imported: Group[]; alreadyRegistered: number }> {
    this.requireAccount(request.account);
    const chats = (await this.deps.gateway.listChats(request.account)).filter((chat) => chat.type === 'group');
    const known = await this.deps.groups.chatIdsOf(request.account);
    const imported = await this.deps.groups.createMany(
      chats.filter((c) => !known.has(c.chatId)).map((chat) => ({ ...request, chatId: chat.chatId, name: chat.name })),
    );
    for (const group of imported) this.deps.onChanged?.(group.id);
    return { imported, alreadyRegistered: chats.length - imported.length };
  }

  /** Demo start-up: registers the simulator's community groups once; later edits by staff are kept. */
  async registerMissing(groups: readonly GroupInput[]): Promise<number> {
    return (await this.deps.groups.createMany(groups)).length;
  }

  private requireAccount(account: string): void {
    if (!this.deps.accounts.has(account)) throw new UnknownAccount(account);
  }
}
