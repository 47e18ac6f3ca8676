import { expect } from 'chai';
import { call } from '../../support/http.js';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { startHelpStack, suggestionsFor, writeNotice, type HelpStack } from './translation-help-api.js';

/**
 * The glossary through the API: kept by the language's mediators; approving a text whose Italian uses a term
 * but which lacks its approved rendering warns, naming the term, and the approval goes through with the
 * warning in the history.
 */
describe('glossary through the API', function () {
  this.timeout(60_000);
  let ctx: HelpStack;
  before(async () => {
    ctx = await startHelpStack();
  });
  after(() => ctx?.stack.stop());

  it('a Chinese mediator adds a term; an Arabic mediator may not add a Chinese one (403)', async () => {
    const added = await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: ctx.mediator.headers, body: { lang: 'zh-Hans', term: 'questura', rendering: '警察局' } });
    const arabic = await signInAs(ctx.stack, 'mediator', { languages: ['ar'] });
    const refused = await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: arabic.headers, body: { lang: 'zh-Hans', term: 'prefettura', rendering: '省政府' } });

    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(added.body).to.include({ lang: 'zh-Hans', term: 'questura', rendering: '警察局', createdBy: ctx.mediator.user.id });
    expect(refused.status).to.equal(403);
    const listed = await call(ctx.stack, 'GET', '/api/v1/glossary?lang=zh-Hans', { headers: ctx.editor.headers });
    expect(listed.body.items.map((t: { term: string }) => t.term)).to.include('questura').and.not.include('prefettura');
  });

  it('the same term again in the same language, whatever its case: 409 naming term', async () => {
    await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: ctx.mediator.headers, body: { lang: 'zh-Hans', term: 'codice fiscale', rendering: '税号' } });

    const again = await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: ctx.mediator.headers, body: { lang: 'zh-Hans', term: 'Codice Fiscale', rendering: '税务号码' } });

    expect(again.status).to.equal(409);
    expect((again.body.errors as Array<{ field: string }>).map((e) => e.field)).to.deep.equal(['term']);
  });

  it('a translation missing a term\'s rendering: the form warns naming the term; approval is allowed and the history keeps the warning', async () => {
    await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: ctx.mediator.headers, body: { lang: 'zh-Hans', term: 'kit postale', rendering: '邮局申请包' } });
    const id = await writeNotice(ctx, { title: 'Kit postale esaurito', body: 'Il kit postale è esaurito: riprova lunedì.' });
    await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: ctx.mediator.headers, body: { title: '申请材料已发完', body: '黄色信封已发完：请周一再来。' } });

    const glossary = (await suggestionsFor(ctx, id)).glossary;
    const approved = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/approve`, { headers: ctx.mediator.headers, body: {} });
    const history = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/history`, { headers: ctx.editor.headers });

    const warning = { code: 'glossary.term_missing', term: 'kit postale', expected: '邮局申请包' };
    expect(glossary).to.deep.equal({ terms: [{ term: 'kit postale', rendering: '邮局申请包' }], warnings: [warning] });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.translations['zh-Hans'].status).to.equal('approved');
    expect(history.body.items.at(-1)).to.deep.include({ action: 'approved', lang: 'zh-Hans', warnings: [warning] });
  });

  it('a translation with the rendering: no warning, and none in the history', async () => {
    await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: ctx.mediator.headers, body: { lang: 'zh-Hans', term: 'tessera sanitaria', rendering: '医疗卡' } });
    const id = await writeNotice(ctx, { title: 'Tessera sanitaria', body: 'La tessera sanitaria arriva per posta.' });
    await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: ctx.mediator.headers, body: { title: '医疗卡', body: '医疗卡将邮寄给您。' } });

    const warnings = (await suggestionsFor(ctx, id)).glossary.warnings;
    await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/approve`, { headers: ctx.mediator.headers, body: {} });
    const history = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/history`, { headers: ctx.editor.headers });

    expect(warnings).to.deep.equal([]);
    expect(history.body.items.at(-1)).to.include({ action: 'approved' }).and.not.have.property('warnings');
  });

  describe('a language that inflects (Russian)', () => {
    let russian: SignedInUser;
    const permesso = { term: 'permesso di soggiorno', rendering: 'вид на жительство|ВНЖ|permesso di soggiorno' };
    before(async () => {
      russian = await signInAs(ctx.stack, 'mediator', { languages: ['ru'] });
      const added = await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: russian.headers, body: { lang: 'ru', ...permesso } });
      expect(added.status, JSON.stringify(added.body)).to.equal(201);
    });

    /** A notice asking for Russian, written by the Russian mediator as `ru`, then approved. */
    async function approveRussian(ru: { title: string; body: string }) {
      const id = await writeNotice(ctx, { title: 'Rinnovo del permesso di soggiorno', body: 'Il permesso di soggiorno va rinnovato 60 giorni prima.' }, ['ru']);
      const written = await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/ru`, { headers: russian.headers, body: ru });
      expect(written.status, JSON.stringify(written.body)).to.equal(200);
      const warnings = (await suggestionsFor(ctx, id, russian, 'ru')).glossary.warnings;
      const approved = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/ru/approve`, { headers: russian.headers, body: {} });
      const history = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/history`, { headers: ctx.editor.headers });
      return { warnings, approved, lastEntry: history.body.items.at(-1) };
    }

    it('the rendering in another case (вида на жительство): no warning, none in the history', async () => {
      const { warnings, approved, lastEntry } = await approveRussian({ title: 'Продление вида на жительство', body: 'Заявление о продлении вида на жительство подают за 60 дней.' });

      expect(warnings).to.deep.equal([]);
      expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
      expect(lastEntry).to.include({ action: 'approved', lang: 'ru' }).and.not.have.property('warnings');
    });

    it('a text being written, checked before saving: the inflected rendering raises nothing, a text without it the term; nothing is saved', async () => {
      const id = await writeNotice(ctx, { title: 'Rinnovo del permesso di soggiorno', body: 'Portate il permesso di soggiorno.' }, ['ru']);
      const check = (title: string, body: string) =>
        call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/ru/glossary-check`, { headers: russian.headers, body: { segments: [{ key: 't', text: title }, { key: 'b0.0', text: body }] } });

      const inflected = await check('Продление вида на жительство', 'Принесите копию вида на жительство.');
      const without = await check('Продление документа', 'Принесите документ.');
      const stored = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });

      expect(inflected.status, JSON.stringify(inflected.body)).to.equal(200);
      expect(inflected.body).to.deep.equal({ warnings: [] });
      expect(without.body).to.deep.equal({ warnings: [{ code: 'glossary.term_missing', term: permesso.term, expected: permesso.rendering }] });
      expect(stored.body.translations.ru).to.include({ title: null, body: null });
    });

    it('a text without the rendering in any form: the form warns naming the term, the history keeps the warning', async () => {
      const { warnings, approved, lastEntry } = await approveRussian({ title: 'Продление документа', body: 'Документ нужно продлить за 60 дней.' });

      const warning = { code: 'glossary.term_missing', term: permesso.term, expected: permesso.rendering };
      expect(warnings).to.deep.equal([warning]);
      expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
      expect(lastEntry).to.deep.include({ action: 'approved', lang: 'ru', warnings: [warning] });
    });
  });
});
