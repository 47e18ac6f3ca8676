import type { AccountPace } from '../../src/chat-accounts/index.js';

export interface TurnUsed {
  account: string;
  sent: number;
  holdMs: number;
}

/** An account pace that always gives the turn and records what each turn sent: for tests without Redis. */
export function recordingPace(): AccountPace & { turns: TurnUsed[] } {
  const turns: TurnUsed[] = [];
  return {
    turns,
    take: async () => ({ kind: 'go', token: `turn-${turns.length + 1}` }),
    async release(account, _token, sent, holdMs = 0) {
      turns.push({ account, sent, holdMs });
    },
  };
}
