import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { startTestStack, type TestStack } from '../../support/stack.js';

/** Every `$ref` in the document points at a schema that exists. */
function danglingRefs(document: Record<string, unknown>): string[] {
  const schemas = ((document.components as { schemas: Record<string, unknown> }).schemas);
  const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(refs)].filter((name) => !(name in schemas));
}

describe('API documentation', function () {
  this.timeout(60_000);
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(async () => stack?.stop());

  it('GET / of the service, redirects to the staff console', async () => {
    const response = await fetch(new URL('/', stack.url), { redirect: 'manual' });

    expect(response.status).to.equal(302);
    expect(response.headers.get('location')).to.equal('/console/');
  });

  it('GET /api/v1/openapi.json: OpenAPI 3.1 with every announcements operation of the issue, and no dangling $ref', async () => {
    const response = await fetch(new URL('/api/v1/openapi.json', stack.url));
    const document = (await response.json()) as Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).to.equal('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).to.include.members([
      'POST /announcements',
      'GET /announcements',
      'GET /announcements/{id}',
      'PATCH /announcements/{id}',
      'PUT /announcements/{id}/translations/{lang}',
      'POST /announcements/{id}/translations/{lang}/approve',
      'POST /announcements/{id}/publish',
      'POST /announcements/{id}/cancel',
      'GET /announcements/{id}/history',
      'GET /templates',
      'GET /languages',
    ]);
    expect(danglingRefs(document)).to.deep.equal([]);
  });

  it('GET /api/docs: no inline script, every asset from this server', async () => {
    const page = await fetch(new URL('/api/docs', stack.url));
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).to.contain("script-src 'self'");
    expect(html).not.to.match(/<script>(?!<\/script>)|<script[^>]*>[^<]+<\/script>|style="/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.every((a) => a.startsWith('/api/docs/assets/'))).to.equal(true);
    for (const asset of assets) expect((await fetch(new URL(asset, stack.url))).status, asset).to.equal(200);
  });

  describe('in a browser, under the service CSP', () => {
    let browser: Browser;
    before(async () => {
      browser = await chromium.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium' });
    });
    after(async () => browser?.close());

    it('Swagger UI renders the operations with no CSP violation', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(new URL('/api/docs', stack.url).href);
      await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
      const paths = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((n) => n.getAttribute('data-path')));
      expect(paths).to.include('/announcements/{id}/publish');
      expect(violations).to.deep.equal([]);
    });
  });
});
