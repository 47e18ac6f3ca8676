import type { SharedAccessToken } from './access-token.js';
import { OfficialAccountError, TOKEN_REFUSED } from './official-account-errors.js';

/** Per call: WeChat answers in well under a second; a dropped connection must not hold a send for minutes. */
const CALL_TIMEOUT_MS = 15_000;

/** The documented HTTP API of an Official Account (`https://api.weixin.qq.com`), JSON in and out. */
export class OfficialAccountApi {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: SharedAccessToken,
  ) {}

  /**
   * Calls `path` with the shared access token. A token WeChat refuses (40001/42001) is fetched again once and the
   * call retried once; any other `errcode` throws `OfficialAccountError`, a network failure throws as fetch does.
   */
  async call<T extends object>(path: string, body?: unknown): Promise<T> {
    const token = await this.accessToken.get();
    try {
      return await this.#call<T>(path, token, body);
    } catch (error) {
      if (!(error instanceof OfficialAccountError) || !TOKEN_REFUSED.has(error.errcode)) throw error;
      await this.accessToken.invalidate(token);
      return this.#call<T>(path, await this.accessToken.get(), body);
    }
  }

  async #call<T extends object>(path: string, token: string, body: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl);
    url.searchParams.set('access_token', token);
    return request<T>(url, body);
  }
}

/** One request; `errcode` other than 0 throws. Exported for the token call, which carries no token. */
export async function request<T extends object>(url: URL, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`WeChat answered HTTP ${response.status}`);
  const json = (await response.json()) as T & { errcode?: number; errmsg?: string };
  if (json.errcode !== undefined && json.errcode !== 0) throw new OfficialAccountError(json.errcode, json.errmsg ?? '', json);
  return json;
}
