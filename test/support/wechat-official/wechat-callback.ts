import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Callbacks built as WeChat builds them, from its documentation ("message encryption and decryption", the
 * WXBizMsgCrypt samples), independently of the code under test: the XML WeChat posts, the query string it signs,
 * and in safe mode the AES-256-CBC envelope.
 */
export interface CallbackAccount {
  /** The service's callback URL for the account, e.g. `http://127.0.0.1:port/wechat-official/oa-prato`. */
  url: string;
  token: string;
  appId: string;
  /** The 43-character EncodingAESKey; set, callbacks are posted in safe mode. */
  encodingAESKey?: string;
  /** The account's own id (`gh_…`), WeChat's `ToUserName`. */
  originalId?: string;
}

export type CallbackFields = Record<string, string | number>;

function sha1(parts: string[]): string {
  return createHash('sha1').update(parts.sort().join('')).digest('hex');
}

/** `<xml>` with every string field in CDATA and numbers bare, as WeChat writes them. */
export function callbackXml(fields: CallbackFields): string {
  const body = Object.entries(fields)
    .map(([name, value]) => (typeof value === 'number' ? `<${name}>${value}</${name}>` : `<${name}><![CDATA[${value}]]></${name}>`))
    .join('');
  return `<xml>${body}</xml>`;
}

/** WeChat's safe-mode envelope: random(16) | length(4, big-endian) | message | AppID, PKCS#7 to 32, AES-256-CBC. */
export function encryptForWeChat(xml: string, encodingAESKey: string, appId: string): string {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  const message = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length, 0);
  const plain = Buffer.concat([randomBytes(16), length, message, Buffer.from(appId, 'utf8')]);
  const padLength = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(padLength, padLength)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export interface PostOptions {
  /** Sign with this token instead of the account's (a forger who does not know it). */
  signWith?: string;
  timestamp?: number;
}

/** Posts one message or event as WeChat does; resolves to the service's answer. */
export async function postCallback(account: CallbackAccount, fields: CallbackFields, options: PostOptions = {}): Promise<{ status: number; body: string }> {
  const token = options.signWith ?? account.token;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const openid = typeof fields.FromUserName === 'string' ? fields.FromUserName : '';
  const xml = callbackXml({ ToUserName: account.originalId ?? 'gh_0123456789ab', ...fields });
  const query = new URLSearchParams({ signature: sha1([token, timestamp, nonce]), timestamp, nonce, ...(openid ? { openid } : {}) });
  let body = xml;
  if (account.encodingAESKey) {
    const encrypted = encryptForWeChat(xml, account.encodingAESKey, account.appId);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', sha1([token, timestamp, nonce, encrypted]));
    body = callbackXml({ ToUserName: account.originalId ?? 'gh_0123456789ab', Encrypt: encrypted });
  }
  const response = await fetch(`${account.url}?${query.toString()}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: response.status, body: await response.text() };
}

/** WeChat's check of the server URL when the account's server configuration is saved. */
export async function verifyServerUrl(account: CallbackAccount, echostr: string, options: PostOptions = {}): Promise<{ status: number; body: string }> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const query = new URLSearchParams({ signature: sha1([options.signWith ?? account.token, timestamp, nonce]), timestamp, nonce, echostr });
  const response = await fetch(`${account.url}?${query.toString()}`);
  return { status: response.status, body: await response.text() };
}
