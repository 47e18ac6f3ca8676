import { expect } from 'chai';
import { consoleAssetFiles } from '../../../src/console/index.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

/** The console's files: each served with its type; nothing else under its path, however the path is spelled. */
describe('staff console files', function () {
  this.timeout(60_000);
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(async () => stack?.stop());

  it('the page, its modules, its stylesheet, its texts and its libraries (from node_modules), revalidated at each load', async () => {
    const files = consoleAssetFiles();
    expect(files).to.include.members(['console.js', 'console.css', 'core/api.js', 'views/inbox.js']);
    const page = await fetch(new URL('/console/', stack.url));
    expect(page.headers.get('content-type')).to.contain('text/html');
    expect(await page.text()).to.contain('/console/assets/console.js');
    const paths = [...files.map((file) => `/console/assets/${file}`), '/console/vendor/preact.js', '/console/vendor/preact-hooks.js', '/console/vendor/htm.js', '/console/vendor/i18next.js', '/console/locales/it.json', '/console/locales/en.json'];
    for (const path of paths) {
      const response = await fetch(new URL(path, stack.url));
      expect(response.status, path).to.equal(200);
      const type = path.endsWith('.css') ? /^text\/css/ : path.endsWith('.json') ? /^application\/json/ : /^application\/javascript/;
      expect(response.headers.get('content-type'), path).to.match(type);
      expect(response.headers.get('cache-control'), path).to.equal('no-cache');
    }
    // The libraries are the published ES modules, which the browser imports as they are; the hooks find Preact by its path.
    expect(await (await fetch(new URL('/console/vendor/preact.js', stack.url))).text()).to.match(/export\s*\{[^}]*render/);
    const hooks = await (await fetch(new URL('/console/vendor/preact-hooks.js', stack.url))).text();
    expect(hooks).to.contain('from"/console/vendor/preact.js"').and.not.match(/from\s*"preact"/);
    expect(await (await fetch(new URL('/console/vendor/i18next.js', stack.url))).text()).to.match(/export \{[^}]*default/);
  });

  it('no other file, not even by an encoded way out of the folder: 404 problem', async () => {
    for (const path of ['/console/assets/index.html', '/console/assets/%2e%2e/console.routes.ts', '/console/assets/..%2f..%2fmain.ts', '/console/assets/views/missing.js', '/console/vendor/preact.module.js', '/console/locales/..%2fit.json', '/console/vendor/%2e%2e/package.json']) {
      const response = await fetch(new URL(path, stack.url));
      expect(response.status, path).to.equal(404);
      expect(response.headers.get('content-type'), path).to.contain('application/problem+json');
    }
  });
});
