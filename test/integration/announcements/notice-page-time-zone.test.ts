import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { publishAnnouncement, startDispatchStack, type DispatchStack } from '../dispatch/dispatch-api.js';

/** 20:00 UTC on New Year's Eve: still 31 December in Rome, already 1 January in Tokyo. */
const VALID_UNTIL = '2099-12-31T20:00:00.000Z';

async function validityLineOf(ctx: DispatchStack): Promise<string> {
  const id = await publishAnnouncement(ctx, { approved: ['ar'], input: { validUntil: VALID_UNTIL } });
  const announcement = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });
  const page = await fetch(new URL(`/n/${announcement.body.slug}/it`, ctx.stack.url));
  expect(page.status).to.equal(200);
  const line = /Valido fino al ([^<]+)/.exec(await page.text());
  if (!line?.[1]) throw new Error('the notice page names no validity');
  return line[1].trim();
}

describe('the public notice page: its validity date on the town’s clock (TIME_ZONE)', function () {
  this.timeout(120_000);
  let ctx: DispatchStack | undefined;

  afterEach(async () => {
    await ctx?.stack.stop();
    ctx = undefined;
  });

  for (const [timeZone, day] of [
    ['Europe/Rome', '31 dicembre 2099'],
    ['Asia/Tokyo', '1 gennaio 2100'],
  ] as const) {
    it(`TIME_ZONE=${timeZone}: a notice valid until ${VALID_UNTIL} says ${day}`, async () => {
      ctx = await startDispatchStack([buildCommunityAccount({ id: 'sim-page', languages: ['ar'], groupsPerLanguage: 1 })], { TIME_ZONE: timeZone });

      expect(await validityLineOf(ctx)).to.equal(day);
    });
  }
});
