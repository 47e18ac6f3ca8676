import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { postCallback, type CallbackAccount } from './wechat-callback.js';

/**
 * A loopback stand-in for WeChat's Official Account API (`api.weixin.qq.com`), speaking its documented JSON:
 * every answer carries `errcode`/`errmsg` as WeChat words them, with the codes the documentation lists for each
 * call. It keeps followers, tags, customer-service messages, mass sends and media in memory, and, like WeChat,
 * posts `MASSSENDJOBFINISH` to the account's server URL once a mass send is done. Tests inspect and break it.
 */
export interface DoubleAccount {
  appId: string;
  appSecret: string;
  kind: 'subscription' | 'service';
  /** Where WeChat posts events (the service's callback), once the service listens. */
  callback?: CallbackAccount;
}

interface Follower {
  openid: string;
  following: boolean;
  /** The follower's last message, click or follow: customer-service messages are accepted for 48 h after it. */
  lastInteraction: number;
  tags: Set<number>;
}

export interface MassSend {
  msgId: number;
  tagId: number;
  content: string;
  recipients: string[];
  at: number;
}

type Json = Record<string, unknown>;

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  0: 'ok',
  40001: 'invalid credential, access_token is invalid or not latest',
  40003: 'invalid openid',
  40007: 'invalid media_id',
  40013: 'invalid appid',
  40032: 'invalid openid list size',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43004: 'require subscribe',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45015: 'response out of time limit or subscription is canceled',
  45028: 'has no masssend quota',
  45047: 'out of response count limit',
  45065: 'clientmsgid exist',
  45157: 'invalid tag name',
  45159: 'invalid tag id',
  47001: 'data format error',
};

const WINDOW_MS = 48 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

class ApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly extra: Json = {},
  ) {
    super(ERRMSG[errcode] ?? 'error');
  }
}

export class OfficialAccountDouble {
  readonly followers = new Map<string, Follower>();
  readonly tags = new Map<number, string>();
  readonly customMessages: Array<{ touser: string; content: string }> = [];
  readonly massSends: MassSend[] = [];
  readonly media = new Map<string, { type: string; bytes: Buffer }>();
  /** `GET /cgi-bin/token` calls that handed out a token. */
  tokensIssued = 0;
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #tokens = new Map<string, { expired: boolean }>();
  readonly #faults: Array<{ errcode: number } | { drop: true }> = [];
  readonly #clientMsgIds = new Map<string, number>();
  readonly #reports: Array<Promise<unknown>> = [];
  #offline = false;
  #nextTag = 100;
  #nextMsg = 1000;
  url = '';

  constructor(readonly account: DoubleAccount) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.#serve(req, res));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.#reports);
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** Someone follows the account (WeChat would also post the `subscribe` event; the test does that). */
  follow(openid: string, at = Date.now()): void {
    const known = this.followers.get(openid);
    this.followers.set(openid, { openid, following: true, lastInteraction: at, tags: known?.tags ?? new Set() });
  }

  unfollow(openid: string): void {
    const follower = this.followers.get(openid);
    if (follower) {
      follower.following = false;
      follower.tags.clear();
    }
  }

  /** The follower wrote or clicked at `at` (WeChat's clock): the 48-hour window runs from there. */
  interacted(openid: string, at = Date.now()): void {
    const follower = this.followers.get(openid);
    if (follower) follower.lastInteraction = Math.max(follower.lastInteraction, at);
  }

  /** Every token handed out so far now answers 42001, as after its 7200 seconds. */
  expireTokens(): void {
    for (const state of this.#tokens.values()) state.expired = true;
  }

  /** The next business call (not the token call) answers with this errcode. */
  failNext(errcode: number): void {
    this.#faults.push({ errcode });
  }

  /** Every connection is cut before any answer, until `goOnline`: the network between us and WeChat is down. */
  goOffline(): void {
    this.#offline = true;
  }

  goOnline(): void {
    this.#offline = false;
  }

  /** The next business call's connection is cut before any answer. */
  dropNext(): void {
    this.#faults.push({ drop: true });
  }

  tagIdOf(name: string): number | undefined {
    return [...this.tags].find(([, tagName]) => tagName === name)?.[0];
  }

  membersOf(name: string): string[] {
    const id = this.tagIdOf(name);
    return id === undefined ? [] : [...this.followers.values()].filter((f) => f.tags.has(id)).map((f) => f.openid);
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://double');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (this.#offline) {
      req.socket.destroy();
      return;
    }
    try {
      if (url.pathname === '/cgi-bin/token') return this.#reply(res, this.#token(url));
      this.#checkToken(url);
      const fault = this.#faults.shift();
      if (fault && 'drop' in fault) {
        req.socket.destroy();
        return;
      }
      if (fault) throw new ApiError(fault.errcode);
      const media = url.pathname === '/cgi-bin/media/get' ? this.media.get(url.searchParams.get('media_id') ?? '') : undefined;
      if (media) {
        res.writeHead(200, { 'content-type': media.type, 'content-disposition': 'attachment; filename="media"' }).end(media.bytes);
        return;
      }
      const body = req.method === 'POST' ? parseBody(raw) : {};
      this.#reply(res, this.#route(req.method ?? 'GET', url, body));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#reply(res, { errcode: error.errcode, errmsg: error.message, ...error.extra });
    }
  }

  #reply(res: ServerResponse, body: Json): void {
    // WeChat answers errors with HTTP 200 too; only the JSON says what happened.
    res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));
  }

  #token(url: URL): Json {
    if (url.searchParams.get('grant_type') !== 'client_credential') throw new ApiError(40002, { errmsg: 'invalid grant_type' });
    if (url.searchParams.get('appid') !== this.account.appId) throw new ApiError(40013);
    if (url.searchParams.get('secret') !== this.account.appSecret) throw new ApiError(40125);
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, { expired: false });
    this.tokensIssued += 1;
    return { access_token: token, expires_in: 7200 };
  }

  #checkToken(url: URL): void {
    const token = url.searchParams.get('access_token');
    if (!token) throw new ApiError(41001);
    const state = this.#tokens.get(token);
    if (!state) throw new ApiError(40001);
    if (state.expired) throw new ApiError(42001);
  }

  #route(method: string, url: URL, body: Json): Json {
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case 'POST /cgi-bin/message/custom/send':
        return this.#customSend(body);
      case 'POST /cgi-bin/message/mass/sendall':
        return this.#massSend(body);
      case 'GET /cgi-bin/tags/get':
        return { tags: [...this.tags].map(([id, name]) => ({ id, name, count: this.membersOf(name).length })) };
      case 'POST /cgi-bin/tags/create':
        return this.#createTag(body);
      case 'POST /cgi-bin/tags/members/batchtagging':
        return this.#tagging(body, true);
      case 'POST /cgi-bin/tags/members/batchuntagging':
        return this.#tagging(body, false);
      case 'POST /cgi-bin/user/tag/get':
        return this.#tagMembers(body);
      case 'GET /cgi-bin/user/get':
        return this.#followerPage(url.searchParams.get('next_openid') ?? '');
      case 'GET /cgi-bin/media/get':
        // Found media was answered as a file before; JSON means WeChat has none by that id.
        throw new ApiError(40007);
      default:
        throw new ApiError(-1, { errmsg: `the double has no ${route}` });
    }
  }

  #customSend(body: Json): Json {
    const touser = String(body.touser ?? '');
    const content = (body.text as { content?: unknown } | undefined)?.content;
    if (body.msgtype !== 'text' || typeof content !== 'string') throw new ApiError(47001);
    const follower = this.followers.get(touser);
    if (!follower) throw new ApiError(40003);
    if (!follower.following) throw new ApiError(43004);
    if (Date.now() - follower.lastInteraction >= WINDOW_MS) throw new ApiError(45015);
    this.customMessages.push({ touser, content });
    return { errcode: 0, errmsg: 'ok' };
  }

  #massSend(body: Json): Json {
    const filter = body.filter as { is_to_all?: unknown; tag_id?: unknown } | undefined;
    const content = (body.text as { content?: unknown } | undefined)?.content;
    if (body.msgtype !== 'text' || typeof content !== 'string' || !filter || filter.is_to_all !== false) throw new ApiError(47001);
    const tagId = Number(filter.tag_id);
    if (!this.tags.has(tagId)) throw new ApiError(45159);
    const clientMsgId = typeof body.clientmsgid === 'string' ? body.clientmsgid : undefined;
    const earlier = clientMsgId ? this.#clientMsgIds.get(clientMsgId) : undefined;
    if (earlier !== undefined) throw new ApiError(45065, { msg_id: earlier });
    const recipients = [...this.followers.values()].filter((f) => f.following && f.tags.has(tagId)).map((f) => f.openid);
    this.#checkMassQuota(recipients);
    const msgId = (this.#nextMsg += 1);
    if (clientMsgId) this.#clientMsgIds.set(clientMsgId, msgId);
    this.massSends.push({ msgId, tagId, content, recipients, at: Date.now() });
    this.#report(msgId, recipients.length);
    return { errcode: 0, errmsg: 'send job submission success', msg_id: msgId, msg_data_id: msgId * 10 };
  }

  /** A subscription account: one mass send a day; a service account: four a month to each follower. */
  #checkMassQuota(recipients: string[]): void {
    const now = Date.now();
    if (this.account.kind === 'subscription') {
      if (this.massSends.some((m) => now - m.at < DAY_MS)) throw new ApiError(45028);
      return;
    }
    const month = new Date(now).toISOString().slice(0, 7);
    for (const openid of recipients) {
      const received = this.massSends.filter((m) => new Date(m.at).toISOString().slice(0, 7) === month && m.recipients.includes(openid)).length;
      if (received >= 4) throw new ApiError(45028);
    }
  }

  /** WeChat posts the result of a mass send to the account's server URL a while after it was submitted. */
  #report(msgId: number, total: number): void {
    const callback = this.account.callback;
    if (!callback) return;
    const post = new Promise((resolve) => setImmediate(resolve)).then(() =>
      postCallback(callback, {
        FromUserName: 'oMassSendSystem0000000000000',
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'event',
        Event: 'MASSSENDJOBFINISH',
        MsgID: msgId,
        Status: 'send success',
        TotalCount: total,
        FilterCount: total,
        SentCount: total,
        ErrorCount: 0,
      }),
    );
    this.#reports.push(post.catch(() => undefined));
  }

  #createTag(body: Json): Json {
    const name = (body.tag as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name.length === 0 || name.length > 30) throw new ApiError(45157);
    if (this.tagIdOf(name) !== undefined) throw new ApiError(45157);
    const id = (this.#nextTag += 1);
    this.tags.set(id, name);
    return { tag: { id, name } };
  }

  #tagging(body: Json, add: boolean): Json {
    const openids = body.openid_list;
    const tagId = Number(body.tagid);
    if (!Array.isArray(openids) || openids.length === 0 || openids.length > 50) throw new ApiError(40032);
    if (!this.tags.has(tagId)) throw new ApiError(45159);
    for (const openid of openids) {
      const follower = this.followers.get(String(openid));
      if (!follower?.following) throw new ApiError(40003);
    }
    for (const openid of openids) {
      const tags = this.followers.get(String(openid))!.tags;
      if (add) tags.add(tagId);
      else tags.delete(tagId);
    }
    return { errcode: 0, errmsg: 'ok' };
  }

  #tagMembers(body: Json): Json {
    const tagId = Number(body.tagid);
    if (!this.tags.has(tagId)) throw new ApiError(45159);
    const all = [...this.followers.values()].filter((f) => f.tags.has(tagId)).map((f) => f.openid);
    return this.#page(all, String(body.next_openid ?? ''));
  }

  #followerPage(next: string): Json {
    const page = this.#page([...this.followers.values()].filter((f) => f.following).map((f) => f.openid), next);
    return { total: [...this.followers.values()].filter((f) => f.following).length, ...page };
  }

  /** WeChat pages by openid, 10,000 at a time; an empty page has `count: 0` and no `data`. */
  #page(all: string[], next: string): Json {
    const start = next ? all.indexOf(next) + 1 : 0;
    const openids = all.slice(start, start + 10_000);
    if (openids.length === 0) return { count: 0, next_openid: '' };
    return { count: openids.length, data: { openid: openids }, next_openid: openids[openids.length - 1] };
  }
}

function parseBody(raw: string): Json {
  if (raw.length === 0) throw new ApiError(44002);
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null) return parsed as Json;
  } catch {
    // Falls through to WeChat's answer for a body it cannot read.
  }
  throw new ApiError(47001);
}
