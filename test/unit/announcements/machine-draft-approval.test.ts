import { expect } from 'chai';
import { approveTranslation, writeTranslation } from '../../../src/announcements/translation-rules.js';
import { MachineDraftNotReviewed } from '../../../src/announcements/announcements.errors.js';
import type { TranslationSegment } from '../../../src/announcements/index.js';
import { buildAnnouncement } from '../../factories/domain-announcement.factory.js';

const change = { by: 'mediator-1', at: new Date('2026-03-02T10:00:00Z') };
const text = { title: '⟨zh⟩ 居留许可', body: '⟨zh⟩ 请预约。' };

function segment(key: string, overrides: Partial<TranslationSegment> = {}): TranslationSegment {
  return { key, source: 'Testo.', text: '⟨zh⟩ …', origin: 'machine', edited: 0, confirmed: false, ...overrides };
}

function approving(segments: TranslationSegment[], warnings = [] as Parameters<typeof approveTranslation>[3]) {
  const written = writeTranslation(buildAnnouncement(), 'zh-Hans', text, change, segments);
  return () => approveTranslation(written, 'zh-Hans', change, warnings);
}

describe('approval rules: machine drafts and glossary warnings', () => {
  it('a machine sentence nobody changed or confirmed: refused, naming segments.<key> of each such sentence', () => {
    const approve = approving([segment('t', { confirmed: true }), segment('b0.0'), segment('b2.1')]);

    expect(approve).to.throw(MachineDraftNotReviewed).that.satisfies((error: MachineDraftNotReviewed) => {
      expect(error.fields.map((f) => f.field)).to.deep.equal(['segments.b0.0', 'segments.b2.1']);
      return error.kind === 'conflict';
    });
  });

  it('every machine sentence changed or confirmed, and memory or typed ones as they are: approved', () => {
    const approved = approving([segment('t', { edited: 3 }), segment('b0.0', { confirmed: true }), segment('b1.0', { origin: 'memory' }), segment('b2.0', { origin: 'typed', edited: 9 })])();

    expect(approved.translations.find((t) => t.lang === 'zh-Hans')?.status).to.equal('approved');
  });

  it('a text written whole (no segments): approved as before', () => {
    const written = writeTranslation(buildAnnouncement(), 'zh-Hans', text, change);

    expect(approveTranslation(written, 'zh-Hans', change).translations.find((t) => t.lang === 'zh-Hans')?.status).to.equal('approved');
  });

  it('a new text written whole after a machine draft clears the segments (translation help checks a pasted draft itself, at approval)', () => {
    const drafted = writeTranslation(buildAnnouncement(), 'zh-Hans', text, change, [segment('b0.0')]);
    const rewritten = writeTranslation(drafted, 'zh-Hans', { title: '居留许可', body: '请预约。' }, change);

    expect(rewritten.translations.find((t) => t.lang === 'zh-Hans')?.segments).to.equal(undefined);
  });

  it('glossary warnings: approval still happens, the warnings are in its history entry', () => {
    const warnings = [{ code: 'glossary.term_missing' as const, term: 'questura', expected: '警察局' }];

    const approved = approving([segment('b0.0', { origin: 'typed', edited: 6 })], warnings)();

    expect(approved.history.at(-1)).to.deep.include({ action: 'approved', lang: 'zh-Hans', warnings });
  });
});
