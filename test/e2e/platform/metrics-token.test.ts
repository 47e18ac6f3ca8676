import { expect } from 'chai';
import { startTestStack, type TestStack } from '../../support/stack.js';

const TOKEN = 'scraper-secret-0123456789abcdef';

describe('GET /metrics behind METRICS_TOKEN', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ METRICS_TOKEN: TOKEN });
  });
  after(() => stack.stop());

  it('answers the scraper that sends the token, with the dispatch and inbox metrics', async () => {
    const response = await fetch(`${stack.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(response.status).to.equal(200);
    const text = await response.text();
    expect(text).to.include('sportello_process_cpu_user_seconds_total');
    expect(text).to.match(/sportello_dispatch_/);
  });

  for (const [what, authorization] of [
    ['no token', undefined],
    ['another token', 'Bearer scraper-secret-0123456789abcdeX'],
    ['the token without Bearer', TOKEN],
  ] as const) {
    it(`refuses ${what}: 401 problem+json naming the header, with WWW-Authenticate`, async () => {
      const response = await fetch(`${stack.url}/metrics`, { headers: authorization ? { authorization } : {} });

      expect(response.status).to.equal(401);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).to.equal('Bearer realm="metrics"');
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail).to.include('Authorization: Bearer');
      expect(problem.detail).to.include('METRICS_TOKEN');
    });
  }

  it('an invalid METRICS_TOKEN stops the start with the variable named', async () => {
    const failed = await startTestStack({ METRICS_TOKEN: 'short' }).then(
      (s) => s.stop().then(() => undefined),
      (error: Error) => error,
    );

    expect(failed?.message).to.include('METRICS_TOKEN: must be at least 20 characters');
  });
});
