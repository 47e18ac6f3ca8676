import { expect } from 'chai';
import type { TestStack } from '../../support/stack.js';
import type { SignedInUser } from '../../support/auth.js';
import { call, type ApiResponse } from '../../support/http.js';
import { buildAnnouncementInput, buildTranslationInput } from '../../factories/announcement.factory.js';
import { countAnnouncements, createAnnouncement, startAnnouncementStack } from './announcement-api.js';

function expectProblem(response: ApiResponse, status: number, field?: string): void {
  expect(response.status, JSON.stringify(response.body)).to.equal(status);
  expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(response.body).to.include({ status });
  if (field) expect(response.body.errors.map((e: { field: string }) => e.field).join(' ')).to.contain(field);
}

describe('announcements API: bad input is refused and writes nothing', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let editor: SignedInUser;
  let mediator: SignedInUser;

  before(async () => ({ stack, editor, mediator } = await startAnnouncementStack(['ar'])));
  after(async () => stack?.stop());

  const creates: Array<[string, unknown, number, string | undefined]> = [
    ['missing title', (({ title: _t, ...rest }) => rest)(buildAnnouncementInput()), 400, 'title'],
    ['blank title', buildAnnouncementInput({ title: '   ' }), 400, 'title'],
    ['unknown source language', buildAnnouncementInput({ sourceLanguage: 'xx-Klingon' }), 400, 'sourceLanguage'],
    ['unknown translation language', buildAnnouncementInput({ translations: { zh: buildTranslationInput('zh-Hans') } }), 400, 'translations'],
    ['unknown topic', buildAnnouncementInput({ topics: ['taxes'] }), 400, 'topics'],
    ['validUntil not a date-time', buildAnnouncementInput({ validUntil: '31/12/2026' }), 400, 'validUntil'],
    ['validUntil before validFrom', buildAnnouncementInput({ validFrom: '2026-05-01T00:00:00Z', validUntil: '2026-04-01T00:00:00Z' }), 400, 'validUntil'],
    ['a javascript: link', buildAnnouncementInput({ link: 'javascript:alert(1)' }), 400, 'link'],
    ['$where injection at the top', { ...buildAnnouncementInput(), $where: 'sleep(5000) || true' }, 400, '$where'],
    ['operator instead of a title', buildAnnouncementInput({ title: { $gt: '' } }), 400, 'title.$gt'],
    ['dotted key in translations', buildAnnouncementInput({ translations: { 'ar.title': { title: 'x', body: 'y' } } }), 400, 'translations.ar.title'],
    ['__proto__ pollution', JSON.parse(`{"title":"t","body":"b","__proto__":{"role":"admin"}}`), 400, '__proto__'],
    ['unknown field', buildAnnouncementInput({ sendNow: true }), 400, 'sendNow'],
  ];

  for (const [situation, body, status, field] of creates) {
    it(`POST /announcements with ${situation}: ${status} naming ${field}, nothing stored`, async () => {
      const before = await countAnnouncements(stack, editor.headers);
      expectProblem(await call(stack, 'POST', '/api/v1/announcements', { headers: editor.headers, body }), status, field);
      expect(await countAnnouncements(stack, editor.headers)).to.equal(before);
    });
  }

  it('POST /announcements with a 1 MB body: 413 problem, nothing stored', async () => {
    const before = await countAnnouncements(stack, editor.headers);
    const huge = JSON.stringify(buildAnnouncementInput({ body: 'a'.repeat(1024 * 1024) }));
    expectProblem(await call(stack, 'POST', '/api/v1/announcements', { headers: editor.headers, body: huge }), 413, 'body');
    expect(await countAnnouncements(stack, editor.headers)).to.equal(before);
  });

  it('GET /announcements with an operator in the query: 400, not a query', async () => {
    expectProblem(await call(stack, 'GET', '/api/v1/announcements?status[$ne]=draft', { headers: editor.headers }), 400);
    expectProblem(await call(stack, 'GET', '/api/v1/announcements?cursor=%7B%22%24gt%22%3A%22%22%7D', { headers: editor.headers }), 400, 'query.cursor');
  });

  describe('on an existing announcement', () => {
    let announcement: { id: string; version: number; status: string };
    before(async () => {
      announcement = await createAnnouncement(stack, editor.headers, { priority: 'urgent' });
    });
    async function unchanged(): Promise<void> {
      const now = await call(stack, 'GET', `/api/v1/announcements/${announcement.id}`, { headers: editor.headers });
      expect(now.body).to.include({ version: announcement.version, status: announcement.status });
    }

    const publishes: Array<[string, unknown, string]> = [
      ['scheduledAt not a date', { scheduledAt: 'tomorrow morning' }, 'scheduledAt'],
      ['scheduledAt without a time zone', { scheduledAt: '2030-01-01T09:00:00' }, 'scheduledAt'],
      ['scheduledAt in the past', { scheduledAt: '2020-01-01T09:00:00Z' }, 'scheduledAt'],
      ['$where in the body', { $where: 'true' }, '$where'],
    ];
    for (const [situation, body, field] of publishes) {
      it(`POST /publish with ${situation}: 400 naming ${field}, not published`, async () => {
        expectProblem(await call(stack, 'POST', `/api/v1/announcements/${announcement.id}/publish`, { headers: editor.headers, body }), 400, field);
        await unchanged();
      });
    }

    it('PUT a translation for an unknown language or without a title: 400, nothing written', async () => {
      expectProblem(await call(stack, 'PUT', `/api/v1/announcements/${announcement.id}/translations/klingon`, { headers: mediator.headers, body: buildTranslationInput('ar') }), 400, 'params.lang');
      expectProblem(await call(stack, 'PUT', `/api/v1/announcements/${announcement.id}/translations/ar`, { headers: mediator.headers, body: { body: 'solo testo' } }), 400, 'title');
      await unchanged();
    });

    it('an id that is not an id, or a mediator editing the source: 400 / 403', async () => {
      expectProblem(await call(stack, 'GET', '/api/v1/announcements/not-an-id', { headers: editor.headers }), 400, 'params.id');
      expectProblem(await call(stack, 'PATCH', `/api/v1/announcements/${announcement.id}`, { headers: mediator.headers, body: { title: 'x' } }), 403);
      await unchanged();
    });

    it('no credentials: 401', async () => {
      expectProblem(await call(stack, 'POST', `/api/v1/announcements/${announcement.id}/cancel`, {}), 401);
      await unchanged();
    });
  });
});
