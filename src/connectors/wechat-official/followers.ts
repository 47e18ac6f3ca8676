import type { OfficialAccountApi } from './official-account-api.js';

/** Every follower's openid, a page of WeChat's list at a time (10,000 a page). */
export async function listFollowers(api: OfficialAccountApi): Promise<string[]> {
  const followers: string[] = [];
  let next = '';
  for (;;) {
    const page = await api.call<{ count: number; data?: { openid: string[] }; next_openid?: string }>(`/cgi-bin/user/get?next_openid=${encodeURIComponent(next)}`);
    followers.push(...(page.data?.openid ?? []));
    if (page.count === 0 || !page.next_openid || page.next_openid === next) return followers;
    next = page.next_openid;
  }
}
