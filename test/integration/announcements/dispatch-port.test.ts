import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import type { TestStack } from '../../support/stack.js';
import type { SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { createAnnouncements, type Announcement, type Announcements } from '../../../src/announcements/index.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { createAnnouncement, startAnnouncementStack } from './announcement-api.js';

/**
 * What dispatch will use: a second `createAnnouncements` on the stack's database stands in for the
 * instance main.ts hands to dispatch, so the events and transitions are exercised as dispatch will.
 */
describe('announcements, as dispatch sees them: events and sending transitions', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let mediator: SignedInUser;
  let db: Connection;
  let announcements: Announcements;
  const published: Announcement[] = [];
  const approvedLater: Array<[string, string]> = [];

  before(async () => {
    ({ stack, editor, mediator } = await startAnnouncementStack(['ar']));
    db = await mongoose.createConnection(stack.running.mongoUri).asPromise();
    announcements = await createAnnouncements({ db, clock: () => new Date(), t: (key, lang) => `${key}@${lang}`, publicUrl: () => 'https://sportello.example', timeZone: 'Europe/Rome' });
    announcements.events.onPublished(async (a) => void published.push(a));
    announcements.events.onTranslationApproved(async (a, lang) => void approvedLater.push([a.id, lang]));
  });
  after(async () => {
    await db?.close();
    await stack?.stop();
  });

  it('publish emits published once with the stored announcement; scheduled → sending → sent, each repeatable, recorded as system', async () => {
    const created = await createAnnouncement(stack, editor.headers);
    const actor = { userId: editor.user.id, email: editor.user.email, role: 'editor' as const, languages: [] };
    const result = await announcements.service.publish(created.id, undefined, actor);
    expect(published.map((a) => a.id)).to.deep.equal([created.id]);
    expect(published[0]).to.include({ status: 'scheduled', version: result.version });

    await announcements.service.markSending(created.id);
    const again = await announcements.service.markSending(created.id);
    expect(again).to.include({ status: 'sending', version: result.version + 1 });
    await announcements.service.markSent(created.id);

    const read = await call(stack, 'GET', `/api/v1/announcements/${created.id}/history`, { headers: editor.headers });
    expect(read.body.items.slice(-2)).to.deep.include.members([
      { ...read.body.items.at(-2), action: 'sending', by: 'system', from: 'scheduled', to: 'sending' },
      { ...read.body.items.at(-1), action: 'sent', by: 'system', from: 'sending', to: 'sent' },
    ]);
    expect(() => announcements.renderForChannel(again, 'it', 'whatsapp')).not.to.throw();
  });

  it('a language approved after publication emits translationApproved once; approving it again emits nothing', async () => {
    const created = await createAnnouncement(stack, editor.headers);
    await call(stack, 'POST', `/api/v1/announcements/${created.id}/publish`, { headers: editor.headers });
    await call(stack, 'PUT', `/api/v1/announcements/${created.id}/translations/ar`, { headers: mediator.headers, body: buildTranslationInput('ar') });
    const arabicMediator = { userId: mediator.user.id, email: mediator.user.email, role: 'mediator' as const, languages: ['ar'] };
    const approved = await announcements.service.approve(created.id, 'ar', arabicMediator);
    expect(approvedLater).to.deep.equal([[created.id, 'ar']]);
    expect(announcements.selectDeliveryContent(approved, 'ar')).to.have.property('mode', 'translation');
    expect(announcements.renderForChannel(approved, 'ar', 'wechat')[0]).to.contain('https://sportello.example/n/');

    await announcements.service.approve(created.id, 'ar', arabicMediator);
    expect(approvedLater).to.have.length(1);
  });

  it('markExpired: refused while validUntil is ahead; after it, sent → expired by system, and the public page says so', async () => {
    // Long enough for the four steps before the early call to finish on a busy machine, short enough to wait out.
    const soon = new Date(Date.now() + 3000).toISOString();
    const created = await createAnnouncement(stack, editor.headers, { validUntil: soon });
    await call(stack, 'POST', `/api/v1/announcements/${created.id}/publish`, { headers: editor.headers });
    await announcements.service.markSending(created.id);
    await announcements.service.markSent(created.id);
    let early: unknown;
    await announcements.service.markExpired(created.id).catch((error: unknown) => (early = error));
    expect(early).to.have.property('code', 'announcement.not_yet_expired');

    // Until validUntil itself has passed.
    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) - Date.now() + 10));
    const expired = await announcements.service.markExpired(created.id);
    expect(expired.status).to.equal('expired');
    expect(expired.history.at(-1)).to.include({ action: 'expired', by: 'system', from: 'sent' });
    const page = await fetch(new URL(`/n/${created.slug}/it`, stack.url));
    expect(await page.text()).to.contain('Questo avviso non è più valido.');
  });
});
