import { expect } from 'chai';
import { call, type ApiResponse } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';

/** Creates an announcement through the API as `headers` and returns its body; fails the test on anything but 201. */
export async function createAnnouncement(stack: TestStack, headers: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const response = await call(stack, 'POST', '/api/v1/announcements', { headers, body: buildAnnouncementInput(overrides) });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
  return response.body;
}

export async function countAnnouncements(stack: TestStack, headers: Record<string, string>): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await call(stack, 'GET', `/api/v1/announcements?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers });
    expect(page.status).to.equal(200);
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

/** One stack per test file, with an editor and a mediator for `mediatorLanguages`, signed in through the real API. */
export async function startAnnouncementStack(mediatorLanguages: string[]): Promise<{ stack: TestStack; editor: SignedInUser; mediator: SignedInUser }> {
  const stack = await startTestStack();
  const editor = await signInAs(stack, 'editor');
  const mediator = await signInAs(stack, 'mediator', { languages: mediatorLanguages });
  return { stack, editor, mediator };
}
