import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { citizenWrites, startInboxStack, waitForConversation, type InboxStack } from '../inbox/inbox-api.js';

/** The README's backup of the embedded engine: stop the service, copy the engine's folder; restore: copy it back, start. */
describe('backup and restore of the embedded engine’s data folder (README, Backup and restore)', function () {
  this.timeout(180_000);
  let root: string;
  let running: InboxStack | undefined;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sportello-backup-'));
  });

  afterEach(async () => {
    await running?.stack.stop();
    running = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('a copy taken after a stop, restored into a new data folder: every announcement and conversation is there', async () => {
    const admin = { BOOTSTRAP_ADMIN_EMAIL: 'admin@sportello.test', BOOTSTRAP_ADMIN_PASSWORD: randomBytes(18).toString('base64url') };
    const original = join(root, 'original');
    running = await startInboxStack({ ...admin, DATA_DIR: original });
    const editor = await signInAs(running.stack, 'editor');
    const announcementIds: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      const created = await call(running.stack, 'POST', '/api/v1/announcements', { headers: editor.headers, body: buildAnnouncementInput({ title: `Avviso ${n}` }) });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      announcementIds.push(created.body.id);
    }
    const conversationIds: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      const question = buildQuestion(`Domanda numero ${n}`);
      await citizenWrites(running, citizenChat(n), question);
      conversationIds.push((await waitForConversation(running, question, 30_000)).id);
    }
    await running.stack.running.stop();
    running = undefined;

    const backup = join(root, 'backup', 'mongo');
    cpSync(join(original, 'mongo'), backup, { recursive: true, preserveTimestamps: true });
    rmSync(original, { recursive: true, force: true });
    const restored = join(root, 'restored');
    cpSync(backup, join(restored, 'mongo'), { recursive: true, preserveTimestamps: true });
    running = await startInboxStack({ ...admin, DATA_DIR: restored });

    const announcements = await call(running.stack, 'GET', '/api/v1/announcements?limit=100', { headers: running.admin.headers });
    const conversations = await call(running.stack, 'GET', '/api/v1/inbox/conversations?limit=100', { headers: running.admin.headers });
    expect(announcements.body.items.map((a: { id: string }) => a.id)).to.include.members(announcementIds);
    expect(conversations.body.items.map((c: { id: string }) => c.id)).to.include.members(conversationIds);
  });
});
