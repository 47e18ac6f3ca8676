import { expect } from 'chai';
import type { TestStack } from '../../support/stack.js';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { createAnnouncement, startAnnouncementStack } from './announcement-api.js';

describe('announcements API: concurrent edits', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let colleague: SignedInUser;

  before(async () => {
    ({ stack, editor } = await startAnnouncementStack(['ar']));
    colleague = await signInAs(stack, 'editor');
  });
  after(async () => stack?.stop());

  it('two editors PATCH the same version at once: one 200, one 409, and only the winner is stored', async () => {
    const created = await createAnnouncement(stack, editor.headers);
    const [a, b] = await Promise.all([
      call(stack, 'PATCH', `/api/v1/announcements/${created.id}`, { headers: { ...editor.headers, 'if-match': `"${created.version}"` }, body: { title: 'Versione di Anna' } }),
      call(stack, 'PATCH', `/api/v1/announcements/${created.id}`, { headers: { ...colleague.headers, 'if-match': `"${created.version}"` }, body: { title: 'Versione di Marco' } }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.type).to.equal('/problems/announcement.version_conflict');

    const stored = await call(stack, 'GET', `/api/v1/announcements/${created.id}`, { headers: editor.headers });
    expect(stored.body).to.include({ version: created.version + 1 });
    expect(stored.body.translations.it.title).to.equal(winner.body.translations.it.title);
    const edits = (await call(stack, 'GET', `/api/v1/announcements/${created.id}/history`, { headers: editor.headers })).body.items.filter((h: { action: string }) => h.action === 'edited');
    expect(edits).to.have.length(1);
  });

  it('a PATCH with a stale If-Match or body version: 409 with the current version in the detail', async () => {
    const created = await createAnnouncement(stack, editor.headers);
    await call(stack, 'PATCH', `/api/v1/announcements/${created.id}`, { headers: editor.headers, body: { topics: ['work'] } });
    const stale = await call(stack, 'PATCH', `/api/v1/announcements/${created.id}`, { headers: colleague.headers, body: { title: 'Tardi', version: created.version } });
    expect(stale.status).to.equal(409);
    expect(stale.body.detail).to.contain(`version ${created.version + 1}`);
  });

  it('many concurrent translations without If-Match: all land, none lost', async () => {
    const mediator = await signInAs(stack, 'mediator', { languages: ['ar', 'en', 'fr', 'es', 'sq', 'ro'] });
    const created = await createAnnouncement(stack, editor.headers);
    const languages = ['ar', 'en', 'fr', 'es', 'sq', 'ro'];
    const results = await Promise.all(
      languages.map((lang) => call(stack, 'PUT', `/api/v1/announcements/${created.id}/translations/${lang}`, { headers: mediator.headers, body: { title: `T ${lang}`, body: `B ${lang}` } })),
    );
    expect(results.map((r) => r.status)).to.deep.equal(languages.map(() => 200));
    const stored = await call(stack, 'GET', `/api/v1/announcements/${created.id}`, { headers: editor.headers });
    expect(Object.keys(stored.body.translations).sort()).to.deep.equal(['it', ...languages].sort());
    expect(stored.body.version).to.equal(1 + languages.length);
  });
});
