import { expect } from 'chai';
import { call } from '../../support/http.js';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { buildCommunityAccount, buildGroupInput } from '../../factories/dispatch.factory.js';

describe('groups API and the queue dashboard', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-community', languages: ['ar', 'ro'], groupsPerLanguage: 2 });
  // Each importing test imports an account of its own: an import registers every chat, so a shared account would
  // leave nothing for the next import and hold the chat the create test registers.
  const importAccount = buildCommunityAccount({ id: 'sim-import', languages: ['ar', 'ro'], groupsPerLanguage: 2 });
  const pagingAccount = buildCommunityAccount({ id: 'sim-paging', languages: ['ar', 'ro'], groupsPerLanguage: 2 });
  let stack: TestStack;
  let editor: SignedInUser;
  let viewer: SignedInUser;
  let admin: SignedInUser;

  before(async () => {
    stack = await startTestStack({ CONNECTORS: JSON.stringify([account, importAccount, pagingAccount]) });
    [editor, viewer, admin] = [await signInAs(stack, 'editor'), await signInAs(stack, 'viewer'), await signInAsAdmin(stack)];
  });
  after(async () => stack?.stop());

  it('POST /groups anonymous: 401; as a viewer: 403; nothing is written', async () => {
    // Other tests register groups too: what this one may not change is the registry as it found it.
    const before = await call(stack, 'GET', '/api/v1/groups', { headers: viewer.headers });
    expect((await call(stack, 'POST', '/api/v1/groups', { body: buildGroupInput() })).status).to.equal(401);
    expect((await call(stack, 'POST', '/api/v1/groups', { headers: viewer.headers, body: buildGroupInput() })).status).to.equal(403);
    expect((await call(stack, 'GET', '/api/v1/groups', { headers: viewer.headers })).body.items).to.deep.equal(before.body.items);
  });

  it('POST /groups with an unknown language, a bad quiet time or an unknown field: 400 naming the field', async () => {
    for (const [body, field] of [
      [buildGroupInput({ language: 'xx-Fake' }), 'language'],
      [buildGroupInput({ quietHours: { from: '25:00', to: '07:00' } }), 'quietHours.from'],
      [{ ...buildGroupInput(), $where: '1' }, '$where'],
    ] as const) {
      const response = await call(stack, 'POST', '/api/v1/groups', { headers: editor.headers, body });
      expect(response.status, JSON.stringify(response.body)).to.equal(400);
      expect(response.headers.get('content-type')).to.contain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field).join(' ')).to.contain(field);
    }
  });

  it('an editor creates, reads, replaces and deletes a group; the same chat twice is a 409; an unknown account a 404', async () => {
    const input = buildGroupInput({ chatId: 'sim-community-ro-1', language: 'ro', quietHours: { from: '22:00', to: '07:00' } });
    const created = await call(stack, 'POST', '/api/v1/groups', { headers: editor.headers, body: input });
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.include(input);

    expect((await call(stack, 'POST', '/api/v1/groups', { headers: editor.headers, body: input })).status).to.equal(409);
    expect((await call(stack, 'POST', '/api/v1/groups', { headers: editor.headers, body: buildGroupInput({ account: 'nobody' }) })).status).to.equal(404);

    const replaced = await call(stack, 'PUT', `/api/v1/groups/${created.body.id}`, {
      headers: editor.headers,
      body: { ...input, enabled: false, topics: ['school'], quietHours: undefined },
    });
    expect(replaced.status).to.equal(200);
    expect(replaced.body).to.include({ enabled: false }).and.not.have.property('quietHours');
    expect((await call(stack, 'GET', `/api/v1/groups/${created.body.id}`, { headers: viewer.headers })).body.topics).to.deep.equal(['school']);

    expect((await call(stack, 'DELETE', `/api/v1/groups/${created.body.id}`, { headers: editor.headers })).status).to.equal(204);
    expect((await call(stack, 'GET', `/api/v1/groups/${created.body.id}`, { headers: viewer.headers })).status).to.equal(404);
  });

  it('import from the account: every group chat not yet registered is added with the given language; a second import adds none', async () => {
    const imported = await call(stack, 'POST', '/api/v1/groups/import', { headers: editor.headers, body: { account: 'sim-import', language: 'ar' } });
    expect(imported.status, JSON.stringify(imported.body)).to.equal(201);
    expect(imported.body.items).to.have.length(4);

    const again = await call(stack, 'POST', '/api/v1/groups/import', { headers: editor.headers, body: { account: 'sim-import', language: 'ar' } });
    expect(again.body).to.deep.include({ items: [], alreadyRegistered: 4 });
  });

  it('GET /groups pages by account and name: `next` of a full page continues it, every group once', async () => {
    await call(stack, 'POST', '/api/v1/groups/import', { headers: editor.headers, body: { account: 'sim-paging', language: 'ar' } });
    const all = await call(stack, 'GET', '/api/v1/groups', { headers: viewer.headers });

    const seen: string[] = [];
    let page = await call(stack, 'GET', '/api/v1/groups?limit=3', { headers: viewer.headers });
    seen.push(...page.body.items.map((g: { id: string }) => g.id));
    while (page.body.next) {
      page = await call(stack, 'GET', `/api/v1/groups?limit=3&after=${String(page.body.next)}`, { headers: viewer.headers });
      seen.push(...page.body.items.map((g: { id: string }) => g.id));
    }
    const bad = await call(stack, 'GET', '/api/v1/groups?after=nope', { headers: viewer.headers });

    expect(all.body.items.length).to.be.at.least(4);
    expect(all.body.next).to.equal(undefined);
    expect(seen).to.deep.equal(all.body.items.map((g: { id: string }) => g.id));
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('query.after');
  });

  it('/admin/queues: anonymous 401, an editor 403, an admin gets the dashboard listing the account queue', async () => {
    expect((await call(stack, 'GET', '/admin/queues')).status).to.equal(401);
    expect((await call(stack, 'GET', '/admin/queues', { headers: editor.headers })).status).to.equal(403);
    const page = await call(stack, 'GET', '/admin/queues', { headers: admin.headers });
    expect(page.status).to.equal(200);
    const queues = await call(stack, 'GET', '/admin/queues/api/queues', { headers: admin.headers });
    expect(JSON.stringify(queues.body)).to.contain('dispatch-sim-community');
  });

  it('/admin/queues with an admin token scoped to the audit log only: 403, the dashboard needs connectors:admin', async () => {
    const auditor = await signInAs(stack, 'admin', { scopes: ['audit:read'] });
    const operator = await signInAs(stack, 'admin', { scopes: ['connectors:admin'] });

    const refused = await call(stack, 'GET', '/admin/queues/api/queues', { headers: auditor.headers });
    const allowed = await call(stack, 'GET', '/admin/queues/api/queues', { headers: operator.headers });

    expect(refused.status).to.equal(403);
    expect(refused.body.detail).to.contain('connectors:admin');
    expect(allowed.status).to.equal(200);
  });

  it('the OpenAPI document describes the groups, deliveries and connector pause routes', async () => {
    const document = await call(stack, 'GET', '/api/v1/openapi.json');

    expect(document.status).to.equal(200);
    expect(Object.keys(document.body.paths)).to.include.members([
      '/groups',
      '/groups/{id}',
      '/groups/import',
      '/announcements/{id}/deliveries',
      '/announcements/{id}/deliveries/summary',
      '/connectors/{account}/resume',
    ]);
    expect(document.body.components.schemas.Group).to.be.an('object');
  });
});
