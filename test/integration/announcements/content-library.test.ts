import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TestStack } from '../../support/stack.js';
import type { SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { importContentLibrary } from '../../../src/content-library/index.js';
import { countAnnouncements, startAnnouncementStack } from './announcement-api.js';

const CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url));
const WEATHER = { date: '14/11', startTime: '06:00', endTime: '23:59', area: 'Prato, Vaiano' };

describe('content library: import and templates API', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let mediator: SignedInUser;
  let db: Connection;
  before(async () => {
    ({ stack, editor, mediator } = await startAnnouncementStack(['ar']));
    db = await mongoose.createConnection(stack.running.mongoUri).asPromise();
  });
  after(async () => {
    await db?.close();
    await stack?.stop();
  });

  it('importing twice: 7 templates created, then all 7 unchanged; the API lists them with their languages', async () => {
    // An empty database of its own: the other tests import into the service's, before or after this one.
    const empty = db.useDb(`content-import-${randomBytes(4).toString('hex')}`);
    const first = await importContentLibrary(empty, CONTENT);
    expect(first.created).to.have.length(7);
    const again = await importContentLibrary(empty, CONTENT);
    expect(again).to.deep.equal({ created: [], updated: [], unchanged: first.created });

    await importContentLibrary(db, CONTENT);
    const listed = await call(stack, 'GET', '/api/v1/templates', { headers: mediator.headers });
    expect(listed.body.items).to.have.length(7);
    for (const template of listed.body.items) expect(template.languages).to.include.members(['it', 'en', 'zh-Hans', 'ar']);
  });

  it('starting the weather alert with every placeholder: an urgent draft, placeholders filled in all languages, translations awaiting approval', async () => {
    await importContentLibrary(db, CONTENT);
    const created = await call(stack, 'POST', '/api/v1/templates/emergency-weather-alert/announcements', { headers: editor.headers, body: { values: WEATHER } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ priority: 'urgent', status: 'in_translation', templateId: 'emergency-weather-alert' });
    expect(created.body.topics).to.deep.equal(['emergency']);
    expect(created.body.translations.it).to.include({ status: 'approved', title: 'Allerta meteo il 14/11' });
    expect(created.body.translations.ar.status).to.equal('draft');
    expect(created.body.translations.ar.body).to.contain('Prato, Vaiano').and.not.contain('{{');
    expect(created.body.translations['zh-Hans'].title).to.equal('14/11气象预警');
  });

  it('a missing or unknown placeholder: 400 naming each, no announcement created', async () => {
    await importContentLibrary(db, CONTENT);
    const before = await countAnnouncements(stack, editor.headers);
    const { area: _area, ...withoutArea } = WEATHER;
    const refused = await call(stack, 'POST', '/api/v1/templates/emergency-weather-alert/announcements', {
      headers: editor.headers,
      body: { values: { ...withoutArea, colour: 'red' } },
    });
    expect(refused.status).to.equal(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).to.have.members(['values.area', 'values.colour']);
    expect(await countAnnouncements(stack, editor.headers)).to.equal(before);
    expect((await call(stack, 'POST', '/api/v1/templates/no-such-notice/announcements', { headers: editor.headers, body: {} })).status).to.equal(404);
  });
});
