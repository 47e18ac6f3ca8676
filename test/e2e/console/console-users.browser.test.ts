import { expect } from 'chai';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { waitForAsync } from '../../support/wait-for.js';

/** Staff accounts in the console, in real Chromium: the admin adds a Tigrinya and Arabic mediator, who signs in; disabled, they no longer can. */
describe('staff console in a browser: people', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let admin: SignedInUser;
  let chrome: ConsoleBrowser;
  const email = 'amanuel.mediatore@comune.example';
  const password = 'una-password-lunga-2026';

  before(async () => {
    stack = await startTestStack();
    admin = await signInAsAdmin(stack);
    chrome = await openConsoleBrowser(stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await stack?.stop();
  });
  const page = () => chrome.page;

  it('the admin creates a mediator for Tigrinya and Arabic; a too short password is refused first, naming the field', async () => {
    await chrome.signIn(admin);
    await page().click('#nav-users');
    await page().fill('#new-user input[name=email]', email);
    await page().fill('#new-user input[name=name]', 'Amanuel Tesfay');
    await page().selectOption('#new-user select[name=role]', 'mediator');
    await page().check('#new-user input[name=languages][value=ti]');
    await page().check('#new-user input[name=languages][value=ar]');
    // A part-time mediator who reads the console at set hours: no e-mail alerts.
    await page().uncheck('#new-user input[name=emailAlerts]');
    // The browser's own check would stop a short password before the API sees it: lift it to see the API's answer.
    await page().$eval('#new-user input[name=password]', (input) => input.removeAttribute('minlength'));
    await page().fill('#new-user input[name=password]', 'corta');
    await page().click('#new-user button[type=submit]');
    expect(await (await page().waitForSelector('#new-user .error')).textContent()).to.contain('password');

    await page().fill('#new-user input[name=password]', password);
    await page().click('#new-user button[type=submit]');
    await page().waitForSelector(`#users td:text("${email}")`);
    const users = (await call(stack, 'GET', '/api/v1/users', { headers: admin.headers })).body.items as Array<{ email: string; role: string; languages: string[] }>;
    expect(users.find((u) => u.email === email)).to.deep.include({ role: 'mediator', languages: ['ar', 'ti'], emailAlerts: false });
    expect(await page().textContent(`#users tr:has(td:text("${email}")) td.email-alerts`)).to.equal('no');
  });

  it('a new mediator signs in and sees their languages; the people page is not offered to them', async () => {
    const mediator = await signInAs(stack, 'mediator', { languages: ['ar', 'ti'] });

    await chrome.signIn(mediator);


    expect(await page().textContent('#who')).to.contain('ar, ti');
    expect(await page().isVisible('#nav-users')).to.equal(false);
  });

  it('disabled by the admin, a mediator can no longer sign in', async () => {
    const mediator = await signInAs(stack, 'mediator', { languages: ['ar', 'ti'] });
    await chrome.signIn(admin);
    await page().click('#nav-users');
    await page().click(`#users tr:has(td:text("${mediator.user.email}")) a`);
    await page().check('#edit-user input[name=disabled]');
    await page().click('#edit-user button[type=submit]');
    await page().waitForSelector(`#users tr:has(td:text("${mediator.user.email}")) .chip:text("disattivato")`);
    const login = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: mediator.user.email, password: mediator.password } });
    expect(login.status).to.equal(401);
  });

  it('the admin finds it all in the activity log: the creation, the disabling, the failed sign-in after, filtered by action', async () => {
    const mediator = await signInAs(stack, 'mediator', { languages: ['ar'] });
    const disabled = await call(stack, 'PATCH', `/api/v1/users/${mediator.user.id}`, { headers: admin.headers, body: { disabled: true } });
    expect(disabled.status, JSON.stringify(disabled.body)).to.equal(200);
    expect((await call(stack, 'POST', '/api/v1/auth/login', { body: { email: mediator.user.email, password: mediator.password } })).status).to.equal(401);
    await chrome.signIn(admin);

    await page().click('#nav-audit');
    await page().waitForSelector('#audit');
    const actions = await page().$$eval('#audit tbody tr', (rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions).to.include.members(['user.created', 'user.disabled', 'auth.login', 'auth.login_failed']);
    await page().selectOption('#audit-filter select[name=action]', 'user.created');
    await page().click('#audit-filter button[type=submit]');
    await page().waitForURL(/action=user\.created/);
    // The filtered table, not the one the page showed before the filter's answer came back (the table takes the
    // filter's name at once, its rows when the answer arrives): every row read in one evaluation is a creation.
    const created = await waitForAsync(async () => {
      const rows = await page().$$eval('#audit tbody tr', (all) => all.map((row) => ({ action: row.getAttribute('data-action'), text: row.textContent ?? '' })));
      return rows.length > 0 && rows.every((row) => row.action === 'user.created') ? rows.map((row) => row.text) : undefined;
    }, 'the filtered rows', 20_000);
    expect(created.length).to.be.greaterThan(0);
    // In words, not codes.
    expect(created.filter((text) => !text.includes('ha creato una persona'))).to.deep.equal([]);
    expect(created.join(' ')).to.contain(admin.user.email);
  });

  it('an editor is offered neither the people page nor the activity log', async () => {
    await chrome.signIn(await signInAs(stack, 'editor'));
    expect(await page().isVisible('#nav-users')).to.equal(false);
    expect(await page().isVisible('#nav-audit')).to.equal(false);
    expect(chrome.violations).to.deep.equal([]);
  });
});
