import type { FanOutEstimate } from './fan-out-estimate.js';
import type { GroupRepository } from './group.repository.js';

/**
 * A community group the town reaches from several accounts (both numbers are members) gets each notice once,
 * from the account whose budget frees first: every shared group in turn goes to the account that would send its
 * next message earliest, counting what that account already has to send (its queue and this notice's other
 * groups). The delivery records that account; its key names the chat only, so planning again (a translation
 * approved later) never adds a second delivery from the other account.
 */
export class SharedChatAccounts {
  constructor(private readonly deps: { groups: GroupRepository; estimate: FanOutEstimate }) {}

  /** chatId → the account to send from, for the chats on more than one account. */
  async choose(topics: readonly string[]): Promise<Map<string, string>> {
    const { shared, perAccount } = await this.deps.groups.sharedChats(topics);
    const chosen = new Map<string, string>();
    if (shared.length === 0) return chosen;
    const accounts = [...new Set(shared.flatMap((chat) => chat.accounts))];
    const pace = new Map(await Promise.all(accounts.map(async (account) => [account, await this.deps.estimate.paceOf(account)] as const)));
    // Each account starts with its own groups (the shared ones excepted) and the jobs waiting on it.
    const load = new Map(accounts.map((account) => [account, (pace.get(account)?.ahead ?? 0) + (perAccount.get(account) ?? 0) - shared.filter((c) => c.accounts.includes(account)).length]));
    for (const chat of shared) {
      let best: { account: string; at: number; gap: number } | undefined;
      for (const account of chat.accounts) {
        const p = pace.get(account);
        if (!p) continue;
        const at = p.freesAt(load.get(account)!);
        if (!best || at < best.at || (at === best.at && p.meanGapMs < best.gap)) best = { account, at, gap: p.meanGapMs };
      }
      if (!best) continue;
      chosen.set(chat.chatId, best.account);
      load.set(best.account, load.get(best.account)! + 1);
    }
    return chosen;
  }
}

/** The target key of a group reachable from several accounts: the same whichever account sends. */
export function sharedGroupKey(chatId: string): string {
  return `group:shared:${chatId}`;
}
