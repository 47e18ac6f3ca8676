import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's callback signing and "safe mode" encryption (消息加解密), as its WXBizMsgCrypt samples define them:
 * the signature is the SHA-1 of the token, timestamp, nonce (and, in safe mode, the ciphertext) sorted and joined;
 * the message is AES-256-CBC with the key `base64(EncodingAESKey + "=")` and its first 16 bytes as IV, padded
 * PKCS#7 to 32-byte blocks, over `16 random bytes | 4-byte big-endian length | XML | AppID`.
 */
export function callbackSignature(parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time: the signature is a secret-derived value, compared as such. */
export function signatureMatches(expected: string, given: string | undefined): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

const BLOCK = 32;

export class CallbackCrypto {
  readonly #key: Buffer;

  constructor(
    encodingAESKey: string,
    private readonly appId: string,
  ) {
    this.#key = Buffer.from(`${encodingAESKey}=`, 'base64');
    if (this.#key.length !== 32) throw new Error('EncodingAESKey must be 43 characters of base64 (a 32-byte key)');
  }

  /** Returns the XML, or throws when the ciphertext is damaged or was made for another AppID. */
  decrypt(encrypted: string): string {
    const decipher = createDecipheriv('aes-256-cbc', this.#key, this.#key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const pad = padded[padded.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK) throw new Error('bad padding');
    const plain = padded.subarray(0, padded.length - pad);
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) throw new Error('bad length');
    if (plain.subarray(20 + length).toString('utf8') !== this.appId) throw new Error('encrypted for another AppID');
    return plain.subarray(20, 20 + length).toString('utf8');
  }

}
