import { expect } from 'chai';
import { signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { buildCommunityAccount, buildGroupInput } from '../../factories/dispatch.factory.js';
import { startDispatchStack, type DispatchStack } from '../../integration/dispatch/dispatch-api.js';

interface ListedGroup {
  id: string;
  chatId: string;
  language: string;
  topics: string[];
  enabled: boolean;
  quietHours?: { from: string; to: string };
}

/** Groups and channels in the staff console, in real Chromium: an editor registers and tunes the groups; channels show their state. */
describe('staff console in a browser: community groups and channels', function () {
  this.timeout(120_000);
  const account = buildCommunityAccount({ id: 'sim-groups', languages: ['ur'], groupsPerLanguage: 2 });
  let ctx: DispatchStack;
  let chrome: ConsoleBrowser;

  before(async () => {
    ctx = await startDispatchStack([account]);
    chrome = await openConsoleBrowser(ctx.stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await ctx?.stack.stop();
  });
  const page = () => chrome.page;
  const groups = async (): Promise<ListedGroup[]> => (await call(ctx.stack, 'GET', '/api/v1/groups', { headers: ctx.editor.headers })).body.items;
  /** A group of the account registered through the API, under a chat id of the test's own; its id. */
  const registerGroup = async (chatId: string, overrides: Record<string, unknown> = {}): Promise<string> => {
    const created = await call(ctx.stack, 'POST', '/api/v1/groups', { headers: ctx.editor.headers, body: buildGroupInput({ account: 'sim-groups', chatId, name: chatId, language: 'ur', ...overrides }) });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return String(created.body.id);
  };

  it('the editor registers the account’s groups in Urdu, then gives one the school topic, quiet hours, and excludes the other', async () => {
    await chrome.signIn(ctx.editor);
    await page().click('#nav-groups');
    await page().selectOption('#import-groups select[name=account]', 'sim-groups');
    await page().selectOption('#import-groups select[name=language]', 'ur');
    await page().click('#import-groups button[type=submit]');
    // Other tests register groups of their own chats on the same account: the import's are the account's own chats.
    const ofTheAccount = (listed: ListedGroup[]) => listed.filter((g) => account.chats.some((chat) => chat.chatId === g.chatId));
    const registered = await waitForAsync(async () => {
      const imported = ofTheAccount(await groups());
      return imported.length >= account.chats.length ? imported : undefined;
    }, 'the imported groups');
    for (const group of registered) await page().waitForSelector(`#groups tr[data-group="${group.id}"]`);
    expect(registered.map((g) => g.language)).to.deep.equal(['ur', 'ur']);

    const [first, second] = registered;
    await page().click(`#groups tr[data-group="${first!.id}"] a`);
    await page().check('#edit-group input[name=topics][value=school]');
    await page().fill('#edit-group input[name=quietFrom]', '21:00');
    await page().fill('#edit-group input[name=quietTo]', '07:30');
    await page().click('#edit-group button[type=submit]');
    await page().waitForSelector('#edit-group', { state: 'detached' });

    await page().click(`#groups tr[data-group="${second!.id}"] a`);
    await page().uncheck('#edit-group input[name=enabled]');
    await page().click('#edit-group button[type=submit]');
    await page().waitForSelector('#edit-group', { state: 'detached' });

    const after = new Map((await groups()).map((g) => [g.id, g]));
    expect(after.get(first!.id)).to.deep.include({ topics: ['school'], enabled: true, quietHours: { from: '21:00', to: '07:30' } });
    expect(after.get(second!.id)).to.deep.include({ enabled: false, topics: [] });
    expect(await page().textContent(`#groups tr[data-group="${second!.id}"]`)).to.contain('escluso');
  });

  it('a quiet-hours range given by half is refused on the page with the API’s reason, and nothing changes', async () => {
    const first = { id: await registerGroup('sim-groups-quiet', { topics: ['school'], quietHours: { from: '21:00', to: '07:30' } }) };
    await chrome.signIn(ctx.editor);
    await chrome.open(`#/groups?edit=${first.id}`);
    await page().fill('#edit-group input[name=quietTo]', '');
    await page().click('#edit-group button[type=submit]');
    const error = await page().waitForSelector('#edit-group .error');
    expect(await error.textContent()).to.contain('quietHours');
    expect((await groups()).find((g) => g.id === first.id)?.quietHours).to.deep.equal({ from: '21:00', to: '07:30' });
  });

  it('leaving the refused form asks first; channels: the simulated account is listed as active with its pace and what it sent today; only an admin is offered to resume a paused one', async () => {
    const group = await registerGroup('sim-groups-leaving', { quietHours: { from: '22:00', to: '06:00' } });
    await chrome.signIn(ctx.editor);
    await chrome.open(`#/groups?edit=${group}`);
    await page().fill('#edit-group input[name=quietTo]', '');
    // The form holds unsaved text: the console asks before leaving it.
    const asked = new Promise<string>((resolve) => page().once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }));
    await page().click('#nav-channels');
    expect(await asked).to.contain('non salvato');
    const row = await page().waitForSelector('#channels tr[data-account="sim-groups"]');
    expect(await row.textContent()).to.contain('attivo');
    expect(await page().textContent('#channels tr[data-account="sim-groups"] td[data-field=sent-today]')).to.match(/^0 di \d+$/);
    expect(await page().$('#channels button[name=resume]')).to.equal(null);
  });

  it('a viewer reads the groups but is offered no change', async () => {
    await registerGroup('sim-groups-read');
    const viewer = await signInAs(ctx.stack, 'viewer');
    await chrome.signIn(viewer);
    await page().click('#nav-groups');
    await page().waitForSelector('#groups');
    expect(await page().$('#groups a')).to.equal(null);
    expect(await page().$('#import-groups')).to.equal(null);
  });

  it('the pages of this file, opened once more, and everything before them ran without a CSP violation or a script error', async () => {
    const group = await registerGroup('sim-groups-csp');

    await chrome.visit(ctx.editor, [
      ['#/groups', `#groups tr[data-group="${group}"]`],
      [`#/groups?edit=${group}`, '#edit-group'],
      ['#/channels', '#channels tr[data-account="sim-groups"]'],
    ]);

    expect(chrome.violations).to.deep.equal([]);
  });
});
