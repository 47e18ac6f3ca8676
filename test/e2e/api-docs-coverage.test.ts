import { expect } from 'chai';
import { mountedRoutes } from '../support/mounted-routes.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/**
 * The OpenAPI document is what a town's IT office integrates against: every operation the API answers is in it.
 * The simulator's routes are left out on purpose: they exist in the demo and the tests only, never in production.
 */
describe('the OpenAPI document covers the API', () => {
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.stop());

  it('every /api/v1 operation the app mounts is documented', async () => {
    const document = (await (await fetch(new URL('/api/v1/openapi.json', stack.url))).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = mountedRoutes(stack.running.app)
      .filter((route) => route.path.startsWith('/api/v1/') && !route.path.startsWith('/api/v1/simulator') && route.method !== 'HEAD' && route.method !== '*')
      .filter((route) => route.path !== '/api/v1/openapi.json');

    const undocumented = operations.filter((route) => {
      const path = route.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}');
      return document.paths[path]?.[route.method.toLowerCase()] === undefined;
    });

    expect(operations.length).to.be.greaterThan(40);
    expect(undocumented.map((route) => `${route.method} ${route.path}`)).to.deep.equal([]);
  });
});
