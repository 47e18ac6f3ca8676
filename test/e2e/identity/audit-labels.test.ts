import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { call } from '../../support/http.js';
import { citizenChat } from '../../factories/inbox.factory.js';
import { citizenWrites, conversationWith, startInboxStack, type InboxStack } from '../../integration/inbox/inbox-api.js';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';

interface Labelled {
  id: string;
  action: string;
  target: { type: string; id: string } | null;
  targetLabel: string | null;
}

describe('GET /api/v1/audit: actions in words, without personal data', function () {
  this.timeout(60_000);
  let ctx: InboxStack;

  before(async () => (ctx = await startInboxStack()));
  after(() => ctx.stack.stop());

  const audit = async (query: string): Promise<{ items: Labelled[]; next?: string }> => {
    const response = await call(ctx.stack, 'GET', `/api/v1/audit?${query}`, { headers: ctx.admin.headers });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body;
  };

  it('a new staff member by name, a published notice by title, an answered conversation by its queue, never the citizen', async () => {
    const created = await call(ctx.stack, 'POST', '/api/v1/users', {
      headers: ctx.admin.headers,
      body: { email: `giulia-${randomBytes(3).toString('hex')}@sportello.test`, name: 'Giulia Rossi', role: 'viewer', password: 'a long enough password' },
    });
    const notice = await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.admin.headers, body: buildAnnouncementInput({ title: 'Chiusura per festività', targetLanguages: [] }) });
    expect(notice.status, JSON.stringify(notice.body)).to.equal(201);
    expect((await call(ctx.stack, 'POST', `/api/v1/announcements/${notice.body.id}/publish`, { headers: ctx.admin.headers })).status).to.equal(202);
    const marker = randomBytes(4).toString('hex');
    await citizenWrites(ctx, citizenChat(9), `مرحبا ${marker}`);
    const conversation = await conversationWith(ctx, marker);
    expect((await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversation.id}/replies`, { headers: ctx.arabicMediator.headers, body: { text: 'أهلا' } })).status).to.equal(202);

    const user = (await audit('action=user.created&limit=200')).items.find((e) => e.target?.id === created.body.id);
    const published = (await audit('action=announcement.published&limit=200')).items.find((e) => e.target?.id === notice.body.id);
    const replied = (await audit('action=inbox.replied&limit=200')).items.find((e) => e.target?.id === conversation.id);

    expect(user?.targetLabel).to.equal('Giulia Rossi');
    expect(published?.targetLabel).to.equal('Chiusura per festività');
    expect(replied?.targetLabel).to.equal('ar');
    expect(JSON.stringify(replied)).not.to.contain(marker).and.not.to.contain('Citizen').and.not.to.contain(citizenChat(9));
  });

  it('pages: a full page says `next`, which continues after it without repeating an event', async () => {
    const first = await audit('limit=2');
    const second = await audit(`limit=2&before=${first.next!}`);

    expect(first.items).to.have.length(2);
    expect(first.next).to.equal(first.items[1]!.id);
    expect(second.items.map((e) => e.id)).not.to.include.members(first.items.map((e) => e.id));
  });
});
