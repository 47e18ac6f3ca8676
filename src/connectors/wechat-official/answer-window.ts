import type { Redis } from 'ioredis';
import { ANSWER_WINDOW_MS } from './official-account-errors.js';

/**
 * When each follower last wrote (a message, a menu click, a follow), in Redis so that the process sending an
 * answer knows what the process receiving the callback saw. The key lives exactly as long as the window is open.
 */
export class AnswerWindow {
  constructor(
    private readonly redis: Redis,
    private readonly accountId: string,
    private readonly clock: () => number,
  ) {}

  #key(openid: string): string {
    return `wechat-official:${this.accountId}:last-message:${openid}`;
  }

  /** `at` is when the follower wrote (WeChat's `CreateTime`); an older message than the one known changes nothing. */
  async opened(openid: string, at: Date): Promise<void> {
    const remaining = at.getTime() + ANSWER_WINDOW_MS - this.clock();
    const known = Number(await this.redis.get(this.#key(openid)));
    if (remaining <= 0 || known >= at.getTime()) return;
    await this.redis.set(this.#key(openid), String(at.getTime()), 'PX', remaining);
  }

  async isOpen(openid: string): Promise<boolean> {
    const last = Number(await this.redis.get(this.#key(openid)));
    return last > 0 && this.clock() - last < ANSWER_WINDOW_MS;
  }
}
