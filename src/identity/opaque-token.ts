import { createHash, randomBytes } from 'node:crypto';

/**
 * Session ids and API tokens: 256 random bits, shown to their holder once and stored only as a SHA-256
 * digest (a database dump then holds nothing that signs anyone in). A plain digest is enough here,
 * unlike passwords, because the secret has full entropy.
 */
export function generateOpaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function digestOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
