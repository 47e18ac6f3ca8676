import { expect } from 'chai';
import { createConnectorRegistry, createConnectorsRouter, type ConnectorRegistry } from '../../../src/connectors/index.js';
import { SimulatorConnector } from '../../../src/connectors/simulator/simulator.adapter.js';
import { buildSimulatorAccount } from '../../factories/channel-account.factory.js';
import { silentLogger } from '../../support/silent-logger.js';
import { startTestServer, type TestServer } from '../../support/http-test-server.js';

describe('connectors routes', function () {
  let registry: ConnectorRegistry;
  let server: TestServer;

  beforeEach(async function () {
    registry = createConnectorRegistry({
      accounts: [buildSimulatorAccount({ id: 'sim-wechat', imitates: 'wechat', rateLimit: { minIntervalMs: 2000, dailyCap: 2000 } }), buildSimulatorAccount({ id: 'sim-whatsapp' })],
      log: silentLogger,
      dataDir: '/nonexistent',
    });
    await registry.start();
    server = await startTestServer([{ path: '/api/v1/connectors', router: createConnectorsRouter({ registry }) }]);
  });

  afterEach(async function () {
    await server.close();
    await registry.stop();
  });

  it('GET as a viewer: every account with platform, state and rate limit', async function () {
    const response = await server.request('GET', '/api/v1/connectors', { role: 'viewer' });

    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal([
      { account: 'sim-wechat', platform: 'simulator', state: 'ready', rateLimit: { minIntervalMs: 2000, dailyCap: 2000 } },
      { account: 'sim-whatsapp', platform: 'simulator', state: 'ready', rateLimit: { minIntervalMs: 3000, dailyCap: 1000 } },
    ]);
  });

  it('GET while an account needs a login: its QR payload is included; after a disconnect, the reason', async function () {
    const wechat = registry.get('sim-wechat') as SimulatorConnector;
    const whatsapp = registry.get('sim-whatsapp') as SimulatorConnector;
    wechat.injectFaults({ requireLoginForMs: 60_000 });
    whatsapp.injectFaults({ disconnectForMs: 60_000 });

    const response = await server.request('GET', '/api/v1/connectors', { role: 'mediator' });

    const [first, second] = response.body as Record<string, unknown>[];
    expect(first).to.include({ account: 'sim-wechat', state: 'login_required', qr: 'sportello-simulator:sim-wechat:1' });
    expect(second).to.include({ account: 'sim-whatsapp', state: 'reconnecting', reason: 'simulated disconnect' });
    expect(second).not.to.have.property('qr');
  });

  it('GET anonymous: 401 problem', async function () {
    const response = await server.request('GET', '/api/v1/connectors');

    expect(response.status).to.equal(401);
    expect(response.type).to.contain('application/problem+json');
  });
});
