import { expect } from 'chai';
import { call } from '../../support/http.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { createAnnouncement, startAnnouncementStack } from './announcement-api.js';
import type { SignedInUser } from '../../support/auth.js';
import type { TestStack } from '../../support/stack.js';

describe('preview of a translation before it is approved', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let mediator: SignedInUser;

  before(async () => ({ stack, editor, mediator } = await startAnnouncementStack(['ar', 'zh-Hans'])));
  after(() => stack.stop());

  const preview = (id: string, query: string) => call(stack, 'GET', `/api/v1/announcements/${id}/preview?${query}`, { headers: mediator.headers });

  it('a normal notice: the Arabic text written but not approved shows as WhatsApp and WeChat will show it; nothing is approved by looking', async () => {
    const created = await createAnnouncement(stack, editor.headers, { targetLanguages: ['ar'] });
    const arabic = buildTranslationInput('ar');
    expect((await call(stack, 'PUT', `/api/v1/announcements/${created.id}/translations/ar`, { headers: mediator.headers, body: arabic })).status).to.equal(200);

    const whatsapp = await preview(created.id, 'lang=ar&channel=whatsapp');
    const wechat = await preview(created.id, 'lang=ar&channel=wechat');

    expect(whatsapp.status, JSON.stringify(whatsapp.body)).to.equal(200);
    expect(whatsapp.body.translationStatus).to.equal('draft');
    expect(whatsapp.body.parts.join('\n')).to.contain(`*${arabic.title}*`).and.contain(arabic.body);
    expect(wechat.body.parts.join('\n')).to.contain(arabic.title).and.not.contain('*');
    const after = await call(stack, 'GET', `/api/v1/announcements/${created.id}`, { headers: editor.headers });
    expect(after.body.translations.ar.status).to.equal('draft');
  });

  it('an urgent notice: by default what goes now (the fallback), with text=written the written text', async () => {
    const created = await createAnnouncement(stack, editor.headers, { targetLanguages: ['zh-Hans'], priority: 'urgent' });
    const chinese = buildTranslationInput('zh-Hans');
    await call(stack, 'PUT', `/api/v1/announcements/${created.id}/translations/zh-Hans`, { headers: mediator.headers, body: chinese });

    const now = await preview(created.id, 'lang=zh-Hans&channel=wechat');
    const written = await preview(created.id, 'lang=zh-Hans&channel=wechat&text=written');

    expect(now.body.parts.join('\n')).to.contain('您所用语言的译文稍后发送').and.not.contain(chinese.body);
    expect(written.body.parts.join('\n')).to.contain(chinese.body).and.not.contain('您所用语言的译文稍后发送');
  });

  it('a language with no text written yet: 409, as before; an unknown text mode: 400 naming it', async () => {
    const created = await createAnnouncement(stack, editor.headers, { targetLanguages: ['ar'] });

    const missing = await preview(created.id, 'lang=ar&channel=whatsapp');
    const bad = await preview(created.id, 'lang=ar&channel=whatsapp&text=guess');

    expect(missing.status).to.equal(409);
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('query.text');
  });
});
