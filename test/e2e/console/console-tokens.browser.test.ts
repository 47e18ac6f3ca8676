import { expect } from 'chai';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

/** API tokens in the console, in real Chromium: an editor makes one for a script, uses it, revokes it; the admin sees everyone's. */
describe('staff console in a browser: API tokens', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let admin: SignedInUser;
  let editor: SignedInUser;
  let viewer: SignedInUser;
  let chrome: ConsoleBrowser;

  before(async () => {
    stack = await startTestStack();
    admin = await signInAsAdmin(stack);
    editor = await signInAs(stack, 'editor');
    viewer = await signInAs(stack, 'viewer');
    chrome = await openConsoleBrowser(stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await stack?.stop();
  });
  const page = () => chrome.page;

  it('an editor makes a read-only token: no scope is refused naming the field; the secret is shown once and works', async () => {
    await chrome.signIn(editor);
    await page().click('#nav-tokens');
    await page().fill('#new-token input[name=name]', 'Sito del Comune');
    await page().click('#new-token button[type=submit]');
    expect(await (await page().waitForSelector('#new-token .error')).textContent()).to.contain('scopes');

    await page().check('#new-token input[name=scopes][value="announcements:read"]');
    await page().click('#new-token button[type=submit]');
    const secret = await (await page().waitForSelector('#token-secret input')).inputValue();
    expect(secret).to.match(/^spt_/);
    expect(await page().textContent('#tokens')).to.contain('Sito del Comune').and.contain('leggere gli avvisi');

    const read = await call(stack, 'GET', '/api/v1/announcements', { headers: { authorization: `Bearer ${secret}` } });
    expect(read.status).to.equal(200);
    const write = await call(stack, 'POST', '/api/v1/announcements', { headers: { authorization: `Bearer ${secret}` }, body: {} });
    expect(write.status).to.equal(403);

    await page().reload();
    await page().waitForSelector('#tokens');
    expect(await page().isVisible('#token-secret')).to.equal(false);
  });

  it('revoked from the console, the token is refused at once and listed as revoked', async () => {
    const secret = (await call(stack, 'POST', '/api/v1/tokens', { headers: editor.headers, body: { name: 'Import contenuti', scopes: ['*'] } })).body.token as string;
    await chrome.signIn(editor);
    await chrome.open('#/tokens');
    await page().waitForSelector('#tokens tr:has(td:text("Import contenuti"))');
    page().once('dialog', (dialog) => void dialog.accept());
    await page().click('#tokens tr:has(td:text("Import contenuti")) button:text("Revoca")');
    await page().waitForSelector('#tokens tr:has(td:text("Import contenuti")) .chip:text-matches("revocato")');

    const refused = await call(stack, 'GET', '/api/v1/announcements', { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).to.equal(401);
  });

  it('the admin lists the editor’s tokens and makes one for them; a viewer sees the page without the form', async () => {
    const made = await call(stack, 'POST', '/api/v1/tokens', { headers: editor.headers, body: { name: 'Bacheca della biblioteca', scopes: ['announcements:read'] } });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    await chrome.signIn(admin);
    await chrome.open(`#/tokens?user=${editor.user.id}`);
    await page().waitForSelector('#tokens tr:has(td:text("Bacheca della biblioteca"))');
    await page().fill('#new-token input[name=name]', 'Integrazione CUP');
    await page().check('#new-token input[name=scopes][value="deliveries:read"]');
    await page().click('#new-token button[type=submit]');
    await page().waitForSelector('#token-secret');
    const listed = await call(stack, 'GET', `/api/v1/tokens?userId=${editor.user.id}`, { headers: admin.headers });
    expect((listed.body.items as Array<{ name: string }>).map((t) => t.name)).to.include('Integrazione CUP');

    await chrome.signOut();
    await chrome.signIn(viewer);
    await page().click('#nav-tokens');
    await page().waitForSelector('#tokens');
    expect(await page().isVisible('#new-token')).to.equal(false);
    expect(chrome.violations).to.deep.equal([]);
  });
});
