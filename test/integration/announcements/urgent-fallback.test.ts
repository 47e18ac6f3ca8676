import { expect } from 'chai';
import type { TestStack } from '../../support/stack.js';
import type { SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { createAnnouncement, startAnnouncementStack } from './announcement-api.js';

describe('announcements API: urgent notices', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let mediator: SignedInUser;

  before(async () => ({ stack, editor, mediator } = await startAnnouncementStack(['en', 'zh-Hans', 'ar'])));
  after(async () => stack?.stop());

  it('publishing an urgent notice with unapproved translations: 202, and languages without approval get Italian + English with a note in their language', async () => {
    const created = await createAnnouncement(stack, editor.headers, {
      priority: 'urgent',
      topics: ['emergency'],
      title: 'Allerta meteo rossa',
      body: 'Domani scuole chiuse. Evitate gli spostamenti.',
      targetLanguages: ['en', 'zh-Hans', 'ar'],
    });
    await call(stack, 'PUT', `/api/v1/announcements/${created.id}/translations/en`, {
      headers: mediator.headers,
      body: { title: 'Red weather alert', body: 'Schools closed tomorrow. Avoid travelling.' },
    });
    await call(stack, 'POST', `/api/v1/announcements/${created.id}/translations/en/approve`, { headers: mediator.headers });
    await call(stack, 'PUT', `/api/v1/announcements/${created.id}/translations/zh-Hans`, { headers: mediator.headers, body: buildTranslationInput('zh-Hans') });

    const published = await call(stack, 'POST', `/api/v1/announcements/${created.id}/publish`, { headers: editor.headers });
    expect(published.status).to.equal(202);
    expect(published.body.translations['zh-Hans'].status).to.equal('draft');

    const arabic = await call(stack, 'GET', `/api/v1/announcements/${created.id}/preview?lang=ar&channel=whatsapp`, { headers: editor.headers });
    expect(arabic.status).to.equal(200);
    const text = arabic.body.parts.join('\n');
    expect(text).to.contain('*‼️ عاجل*');
    expect(text).to.contain('ستصلكم الترجمة إلى لغتكم قريبًا');
    expect(text).to.contain('*Allerta meteo rossa*');
    expect(text).to.contain('*Red weather alert*');
    expect(text.indexOf('Allerta')).to.be.lessThan(text.indexOf('Red weather'));
    expect(text).to.contain(`/n/${created.slug}/ar`);

    const chinese = await call(stack, 'GET', `/api/v1/announcements/${created.id}/preview?lang=zh-Hans&channel=wechat`, { headers: editor.headers });
    expect(chinese.body.parts.join('\n')).to.contain('您所用语言的译文稍后发送').and.not.contain('*');

    const english = await call(stack, 'GET', `/api/v1/announcements/${created.id}/preview?lang=en&channel=whatsapp`, { headers: editor.headers });
    expect(english.body.parts.join('\n')).to.contain('*Red weather alert*').and.not.contain('Allerta');
  });

  it('a normal notice without an approved translation in a language has nothing to send there', async () => {
    const created = await createAnnouncement(stack, editor.headers);
    const preview = await call(stack, 'GET', `/api/v1/announcements/${created.id}/preview?lang=ar&channel=whatsapp`, { headers: editor.headers });
    expect(preview.status).to.equal(409);
    expect(preview.body.type).to.equal('/problems/announcement.translations_not_approved');
  });
});
