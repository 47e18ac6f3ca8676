import { expect } from 'chai';
import jsQR from 'jsqr';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { buildSimulatorAccount } from '../../factories/channel-account.factory.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

const ACCOUNT = 'sim-login';
/** An account no test asks to log in again: logged in whatever the order of the tests. */
const LOGGED_IN_ACCOUNT = 'sim-logged-in';

/**
 * Linking an account: while a (simulated) WhatsApp account waits for its phone to scan a code, the API draws
 * the code for admins and the console shows it on the channels page; the code decodes to the connector's own payload.
 */
describe('account login code: API and staff console in a browser', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let admin: SignedInUser;
  let chrome: ConsoleBrowser;
  const qrPath = `/api/v1/connectors/${ACCOUNT}/login-qr.svg`;
  const statusOf = async () => ((await call(stack, 'GET', '/api/v1/connectors', { headers: admin.headers })).body as Array<{ account: string; state: string; qr?: string }>).find((s) => s.account === ACCOUNT)!;

  before(async () => {
    stack = await startTestStack({ CONNECTORS: JSON.stringify([buildSimulatorAccount({ id: ACCOUNT }), buildSimulatorAccount({ id: LOGGED_IN_ACCOUNT })]) });
    admin = await signInAsAdmin(stack);
    chrome = await openConsoleBrowser(stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await stack?.stop();
  });

  it('a logged-in account has no code to scan: 404 problem naming it', async () => {
    const response = await call(stack, 'GET', `/api/v1/connectors/${LOGGED_IN_ACCOUNT}/login-qr.svg`, { headers: admin.headers });
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.contain('application/problem+json');
    expect(response.body.detail).to.contain(LOGGED_IN_ACCOUNT);
  });

  it('while it waits for a login: an SVG for admins, never cached; 403 for an editor', async () => {
    const fault = await call(stack, 'POST', `/api/v1/simulator/${ACCOUNT}/faults`, { headers: admin.headers, body: { requireLoginForSeconds: 60 } });
    expect(fault.status).to.equal(202);
    expect((await statusOf()).state).to.equal('login_required');

    const response = await fetch(new URL(qrPath, stack.url), { headers: admin.headers });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('image/svg+xml');
    expect(response.headers.get('cache-control')).to.equal('no-store');
    expect(await response.text()).to.match(/^<svg[\s\S]*<\/svg>\s*$/);
    const editor = await signInAs(stack, 'editor');
    expect((await call(stack, 'GET', qrPath, { headers: editor.headers })).status).to.equal(403);
  });

  it('the admin sees the code on the channels page, and it decodes to the account’s login payload', async () => {
    const fault = await call(stack, 'POST', `/api/v1/simulator/${ACCOUNT}/faults`, { headers: admin.headers, body: { requireLoginForSeconds: 60 } });
    expect(fault.status).to.equal(202);
    expect((await statusOf()).state).to.equal('login_required');
    await chrome.signIn(admin);
    await chrome.page.click('#nav-channels');
    const selector = `#channels tr[data-account="${ACCOUNT}"] .login-qr img`;
    await chrome.page.waitForSelector(selector);
    // Browser-side code as strings: the tests compile without the DOM's types.
    await chrome.page.waitForFunction(`(() => { const image = document.querySelector(${JSON.stringify(selector)}); return image.complete && image.naturalWidth > 0; })()`);
    const pixels = (await chrome.page.evaluate(`(() => {
      const image = document.querySelector(${JSON.stringify(selector)});
      const canvas = document.createElement('canvas');
      canvas.width = 400;
      canvas.height = 400;
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, 400, 400);
      context.drawImage(image, 0, 0, 400, 400);
      return Array.from(context.getImageData(0, 0, 400, 400).data);
    })()`)) as number[];
    const decoded = jsQR(Uint8ClampedArray.from(pixels), 400, 400);
    expect(decoded?.data).to.equal((await statusOf()).qr);
    expect(chrome.violations).to.deep.equal([]);
  });
});
