import { expect } from 'chai';
import { editAnnouncement } from '../../../src/announcements/announcement-edit.js';
import { approveTranslation, writeTranslation } from '../../../src/announcements/translation-rules.js';
import { publish } from '../../../src/announcements/publication-rules.js';
import { buildAnnouncement } from '../../factories/domain-announcement.factory.js';

const change = { by: 'editor-1', at: new Date('2026-03-02T10:00:00Z') };
const texts = { it: { title: 'Avviso', body: 'Testo.' }, ar: { title: 'إعلان', body: 'نص.' }, en: { title: 'Notice', body: 'Text.' } };

describe('translation rules', () => {
  it('source body edited after approval: approved translations go to needs_review with their text archived', () => {
    const edited = editAnnouncement(buildAnnouncement({ texts }), { body: 'Testo nuovo.' }, change);
    expect(edited.status).to.equal('in_translation');
    expect(edited.sourceRevision).to.equal(2);
    const ar = edited.translations.find((t) => t.lang === 'ar')!;
    expect(ar).to.include({ status: 'needs_review', title: 'إعلان', sourceRevision: 1 });
    expect(ar.versions).to.have.length(1);
    expect(edited.history.at(-1)).to.deep.include({ action: 'edited', staleLanguages: ['ar', 'en'], version: 2 });
  });

  it('source edited with the same text: nothing changes, no version, no history', () => {
    const announcement = buildAnnouncement({ texts });
    expect(editAnnouncement(announcement, { title: 'Avviso' }, change)).to.equal(announcement);
  });

  it('draft translations stay draft when the source changes (nothing approved to mark stale)', () => {
    const withDraft = writeTranslation(buildAnnouncement(), 'fr', { title: 'Avis', body: 'Texte.' }, change);
    const edited = editAnnouncement(withDraft, { body: 'Altro.' }, change);
    expect(edited.translations.find((t) => t.lang === 'fr')!.status).to.equal('draft');
  });

  it('approving a translation records who and when and settles the status', () => {
    const written = writeTranslation(buildAnnouncement(), 'ar', { title: 'إعلان', body: 'نص.' }, change);
    expect(written.status).to.equal('in_translation');
    const approved = approveTranslation(written, 'ar', { by: 'mediator-1', at: change.at });
    expect(approved.status).to.equal('approved');
    expect(approved.translations.find((t) => t.lang === 'ar')).to.include({ approvedBy: 'mediator-1', writtenBy: 'editor-1' });
  });

  it('publishing a normal notice with a translation under review: refused; urgent: allowed', () => {
    const stale = editAnnouncement(buildAnnouncement({ texts }), { body: 'Testo nuovo.' }, change);
    expect(() => publish(stale, undefined, change)).to.throw(/not approved/);
    expect(publish({ ...stale, priority: 'urgent' }, undefined, change).status).to.equal('scheduled');
  });
});
