import { expect } from 'chai';
import type { TestStack } from '../../support/stack.js';
import type { SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { createAnnouncement, startAnnouncementStack } from './announcement-api.js';

describe('announcements API: stale translations', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let mediator: SignedInUser;

  before(async () => ({ stack, editor, mediator } = await startAnnouncementStack(['ar', 'en'])));
  after(async () => stack?.stop());

  async function approvedIn(languages: string[]) {
    const created = await createAnnouncement(stack, editor.headers);
    for (const lang of languages) {
      await call(stack, 'PUT', `/api/v1/announcements/${created.id}/translations/${lang}`, { headers: mediator.headers, body: buildTranslationInput(lang) });
      await call(stack, 'POST', `/api/v1/announcements/${created.id}/translations/${lang}/approve`, { headers: mediator.headers });
    }
    const current = await call(stack, 'GET', `/api/v1/announcements/${created.id}`, { headers: editor.headers });
    expect(current.body.status).to.equal('approved');
    return current.body;
  }

  it('editing the source body after approval: approved translations become needs_review, their text is kept in versions, publish is refused', async () => {
    const before = await approvedIn(['ar', 'en']);
    const edited = await call(stack, 'PATCH', `/api/v1/announcements/${before.id}`, {
      headers: { ...editor.headers, 'if-match': `"${before.version}"` },
      body: { body: 'Il permesso va rinnovato almeno 90 giorni prima della scadenza.' },
    });
    expect(edited.status).to.equal(200);
    expect(edited.body.status).to.equal('in_translation');
    expect(edited.body.sourceRevision).to.equal(2);
    for (const lang of ['ar', 'en']) {
      const t = edited.body.translations[lang];
      expect(t).to.include({ status: 'needs_review', stale: true, title: before.translations[lang].title });
      expect(t.versions).to.have.length(1);
      expect(t.versions[0]).to.include({ status: 'approved', body: before.translations[lang].body, sourceRevision: 1 });
    }
    expect(edited.body.translations.it.versions[0].body).to.equal(before.translations.it.body);

    const history = await call(stack, 'GET', `/api/v1/announcements/${before.id}/history`, { headers: editor.headers });
    expect(history.body.items.at(-1)).to.deep.include({ action: 'edited', by: editor.user.id, staleLanguages: ['ar', 'en'] });

    const publish = await call(stack, 'POST', `/api/v1/announcements/${before.id}/publish`, { headers: editor.headers });
    expect(publish.status).to.equal(409);
    expect(publish.body.detail).to.contain('ar, en');

    const reviewed = await call(stack, 'POST', `/api/v1/announcements/${before.id}/translations/ar/approve`, { headers: mediator.headers });
    expect(reviewed.body.translations.ar).to.include({ status: 'approved', stale: false, sourceRevision: 2 });
  });

  it('editing only topics or priority leaves approved translations approved', async () => {
    const before = await approvedIn(['ar']);
    const edited = await call(stack, 'PATCH', `/api/v1/announcements/${before.id}`, { headers: editor.headers, body: { topics: ['permits', 'work'] } });
    expect(edited.body).to.include({ status: 'approved', sourceRevision: 1, version: before.version + 1 });
    expect(edited.body.translations.ar.status).to.equal('approved');
  });

  it('after publication, the source cannot be edited and an approved translation cannot be rewritten', async () => {
    const before = await approvedIn(['ar']);
    await call(stack, 'POST', `/api/v1/announcements/${before.id}/publish`, { headers: editor.headers });
    const edit = await call(stack, 'PATCH', `/api/v1/announcements/${before.id}`, { headers: editor.headers, body: { body: 'Nuovo testo' } });
    expect(edit.status).to.equal(409);
    const rewrite = await call(stack, 'PUT', `/api/v1/announcements/${before.id}/translations/ar`, { headers: mediator.headers, body: buildTranslationInput('ar') });
    expect(rewrite.status).to.equal(409);
    expect(rewrite.body.type).to.equal('/problems/announcement.translation_already_sent');
  });
});
