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

  it('the page, its modules and its stylesheet, revalidated at each load', async () => {
    const files = consoleAssetFiles();
    expect(files).to.include.members(['console.js', 'console.css', 'core/api.js', 'views/inbox.js']);
    const page = await fetch(new URL('/console/', stack.url));
    expect(page.headers.get('content-type')).to.contain('text/html');
    expect(await page.text()).to.contain('/console/assets/console.js');
    for (const file of files) {
      const response = await fetch(new URL(`/console/assets/${file}`, stack.url));
      expect(response.status, file).to.equal(200);
      expect(response.headers.get('content-type'), file).to.match(file.endsWith('.css') ? /^text\/css/ : /^application\/javascript/);
      expect(response.headers.get('cache-control'), file).to.equal('no-cache');
    }
  });

  it('no other file, not even by an encoded way out of the folder: 404 problem', async () => {
    for (const path of ['/console/assets/index.html', '/console/assets/%2e%2e/console.routes.ts', '/console/assets/..%2f..%2fmain.ts', '/console/assets/views/missing.js']) {
      const response = await fetch(new URL(path, stack.url));
      expect(response.status, path).to.equal(404);
      expect(response.headers.get('content-type'), path).to.contain('application/problem+json');
    }
  });
});
