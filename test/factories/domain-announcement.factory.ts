import type { Announcement, Translation } from '../../src/announcements/index.js';

const AT = new Date('2026-03-01T09:00:00Z');

function approved(lang: string, title: string, body: string): Translation {
  return { lang, title, body, status: 'approved', sourceRevision: 1, writtenBy: 'u1', writtenAt: AT, approvedBy: 'u2', approvedAt: AT, versions: [] };
}

/**
 * An announcement as the domain holds it, for unit tests of pure rules. `texts` become approved
 * translations (the source among them); pass `translations` to control statuses exactly.
 */
export function buildAnnouncement(
  overrides: Partial<Announcement> & { texts?: Record<string, { title: string; body: string }> } = {},
): Announcement {
  const { texts = { it: { title: 'Avviso', body: 'Testo dell’avviso.' } }, ...rest } = overrides;
  return {
    id: '65f000000000000000000001',
    slug: 'avviso-0a1b2c3d4e',
    version: 1,
    sourceRevision: 1,
    status: 'approved',
    priority: 'normal',
    topics: ['permits'],
    sourceLanguage: 'it',
    translations: Object.entries(texts).map(([lang, t]) => approved(lang, t.title, t.body)),
    createdBy: 'u1',
    createdAt: AT,
    updatedAt: AT,
    history: [],
    ...rest,
  };
}
