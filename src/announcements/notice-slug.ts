import { randomBytes } from 'node:crypto';

/**
 * The public address of a notice: readable words from the source title (so a shared link hints at
 * its subject) and a random suffix, so titles that repeat every year never collide and slugs cannot
 * be guessed to find notices before they are public.
 */
export function createNoticeSlug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  const suffix = randomBytes(5).toString('hex');
  return words ? `${words}-${suffix}` : suffix;
}
