import { expect } from 'chai';
import type { TestStack } from '../../support/stack.js';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { createAnnouncement, startAnnouncementStack } from './announcement-api.js';

describe('announcements API: the whole workflow', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let arabic: SignedInUser;
  let chinese: SignedInUser;

  before(async () => {
    ({ stack, editor, mediator: arabic } = await startAnnouncementStack(['ar']));
    chinese = await signInAs(stack, 'mediator', { languages: ['zh-Hans'] });
  });
  after(async () => stack?.stop());

  it('create, translate, approve, publish: each step changes status, version and history, and the notice goes public', async () => {
    const created = await createAnnouncement(stack, editor.headers, { targetLanguages: ['ar', 'zh-Hans'] });
    expect(created).to.include({ status: 'in_translation', version: 1, priority: 'normal', sourceLanguage: 'it' });
    expect(created.translations.it.status).to.equal('approved');
    expect(created.translations.ar).to.include({ status: 'missing', title: null });

    const id = created.id as string;
    const ar = await call(stack, 'PUT', `/api/v1/announcements/${id}/translations/ar`, { headers: arabic.headers, body: buildTranslationInput('ar') });
    expect(ar.status).to.equal(200);
    expect(ar.body.translations.ar).to.include({ status: 'draft', writtenBy: arabic.user.id });

    const tooEarly = await call(stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: editor.headers, body: {} });
    expect(tooEarly.status).to.equal(409);
    expect(tooEarly.body.type).to.equal('/problems/announcement.translations_not_approved');

    const wrongMediator = await call(stack, 'POST', `/api/v1/announcements/${id}/translations/ar/approve`, { headers: chinese.headers });
    expect(wrongMediator.status).to.equal(403);

    expect((await call(stack, 'POST', `/api/v1/announcements/${id}/translations/ar/approve`, { headers: arabic.headers })).status).to.equal(200);
    await call(stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: chinese.headers, body: buildTranslationInput('zh-Hans') });
    const approved = await call(stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/approve`, { headers: chinese.headers });
    expect(approved.body).to.include({ status: 'approved' });
    expect(approved.body.translations['zh-Hans']).to.include({ status: 'approved', approvedBy: chinese.user.id });

    const published = await call(stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: editor.headers });
    expect(published.status).to.equal(202);
    expect(published.body.status).to.equal('scheduled');
    expect(published.headers.get('etag')).to.equal(`"${published.body.version}"`);

    const history = await call(stack, 'GET', `/api/v1/announcements/${id}/history`, { headers: editor.headers });
    expect(history.body.items.map((h: { action: string }) => h.action)).to.deep.equal([
      'created', 'translated', 'approved', 'translated', 'approved', 'published',
    ]);
    expect(history.body.items.at(-1)).to.include({ by: editor.user.id, from: 'approved', to: 'scheduled' });

    const page = await fetch(new URL(`/n/${created.slug}/ar`, stack.url));
    const html = await page.text();
    expect(page.status).to.equal(200);
    expect(html).to.match(/<html lang="ar" dir="rtl">/);
    expect(html).to.contain('تجديد تصريح الإقامة');
    expect(html).to.contain(`href="/n/${created.slug}/zh-Hans"`);
    expect(html).not.to.match(/https?:\/\/(?!localhost)/);

    const audit = await call(stack, 'GET', '/api/v1/audit?action=announcement.published', { headers: (await signInAs(stack, 'admin')).headers });
    expect(JSON.stringify(audit.body)).to.contain(id);
  });

  it('public notice page: a draft or cancelled notice answers 404, a language without approved text redirects along its fallbacks', async () => {
    const draft = await createAnnouncement(stack, editor.headers);
    const hidden = await fetch(new URL(`/n/${draft.slug}/ar`, stack.url));
    expect(hidden.status).to.equal(404);
    expect(await hidden.text()).to.match(/<html lang="ar" dir="rtl">/).and.contain('هذا الإعلان غير متاح').and.not.contain(draft.title);

    const urgent = await createAnnouncement(stack, editor.headers, { priority: 'urgent', translations: { en: buildTranslationInput('en') } });
    await call(stack, 'POST', `/api/v1/announcements/${urgent.id}/publish`, { headers: editor.headers });
    const redirect = await fetch(new URL(`/n/${urgent.slug}/zh-Hant`, stack.url), { redirect: 'manual' });
    expect(redirect.status).to.equal(302);
    expect(redirect.headers.get('location')).to.equal(`/n/${urgent.slug}/it`);

    const cancelled = await call(stack, 'POST', `/api/v1/announcements/${urgent.id}/cancel`, { headers: editor.headers });
    expect(cancelled.body.status).to.equal('cancelled');
    expect((await fetch(new URL(`/n/${urgent.slug}/it`, stack.url))).status).to.equal(404);
    expect((await fetch(new URL(`/n/no-such-notice/it`, stack.url))).status).to.equal(404);
  });

  it('list: filters by status, topic and language and pages with a cursor', async () => {
    const school = await createAnnouncement(stack, editor.headers, { topics: ['school'], targetLanguages: ['sq'] });
    await createAnnouncement(stack, editor.headers, { topics: ['school'] });
    await createAnnouncement(stack, editor.headers, { topics: ['school'] });

    const first = await call(stack, 'GET', '/api/v1/announcements?topic=school&limit=2', { headers: arabic.headers });
    expect(first.body.items).to.have.length(2);
    const second = await call(stack, 'GET', `/api/v1/announcements?topic=school&limit=2&cursor=${first.body.nextCursor}`, { headers: arabic.headers });
    expect(second.body.items).to.have.length(1);
    expect(second.body.nextCursor).to.equal(null);
    expect(second.body.items[0].id).to.equal(school.id);

    const albanian = await call(stack, 'GET', '/api/v1/announcements?language=sq&translationStatus=missing', { headers: editor.headers });
    expect(albanian.body.items.map((a: { id: string }) => a.id)).to.deep.equal([school.id]);
  });
});
