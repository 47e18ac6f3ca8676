import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createConnectorRegistry, SendError } from '../../../src/connectors/index.js';
import { ObservableConnector } from '../../../src/connectors/observable-connector.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { buildSimulatorAccount, buildWeChatAccount, buildWhatsAppAccount } from '../../factories/channel-account.factory.js';
import { silentLogger } from '../../support/silent-logger.js';
import { waitFor } from '../../support/wait-for.js';

/** A connector whose platform is down for the first `outages` starts, failing the way adapters do. */
class FlakyConnector extends ObservableConnector {
  starts = 0;

  constructor(private outages: number) {
    super({ id: 'whatsapp-flaky', platform: 'whatsapp', rateLimit: { minIntervalMs: 3000, dailyCap: 1000 } }, silentLogger);
  }
  async start(): Promise<void> {
    this.starts += 1;
    this.events.setState({ status: 'starting' });
    if (this.outages > 0) {
      this.outages -= 1;
      this.events.setState({ status: 'failed', reason: 'net::ERR_NAME_NOT_RESOLVED' });
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    }
    this.events.setState({ status: 'login_required', qr: '2@secret-qr-payload' });
    this.events.setState({ status: 'ready' });
  }
  async stop(): Promise<void> {
    this.events.setState({ status: 'stopped' });
  }
  async send(): Promise<never> {
    throw new SendError('transient', 'not used');
  }
  async listChats() {
    return [];
  }
}

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe('connector registry', function () {
  it('start: one connector per account, all ready, readiness ok; stop: all stopped', async function () {
    const registry = await createConnectorRegistry({ accounts: [buildSimulatorAccount({ id: 'sim-a' }), buildSimulatorAccount({ id: 'sim-b' })], log: silentLogger, dataDir: '/nonexistent' });

    await registry.start();

    expect(registry.statuses().map((s) => [s.account, s.state])).to.deep.equal([['sim-a', 'ready'], ['sim-b', 'ready']]);
    expect(await Promise.all(registry.readinessChecks().map((c) => c.check()))).to.deep.equal([{ ok: true, detail: 'ready' }, { ok: true, detail: 'ready' }]);
    await registry.stop();
    expect(registry.statuses().map((s) => s.state)).to.deep.equal(['stopped', 'stopped']);
  });

  it('builds each platform\'s adapter, its module imported on demand', async function () {
    const registry = await createConnectorRegistry({
      accounts: [buildSimulatorAccount({ id: 'sim-a' }), buildWeChatAccount({ id: 'wechat-a' }), buildWhatsAppAccount({ id: 'whatsapp-a' })],
      log: silentLogger,
      dataDir: '/nonexistent',
    });

    expect(registry.all().map((c) => [c.account.id, c.account.platform, c.constructor.name])).to.deep.equal([
      ['sim-a', 'simulator', 'SimulatorConnector'],
      ['wechat-a', 'wechat', 'WechatyConnector'],
      ['whatsapp-a', 'whatsapp', 'WhatsAppWebConnector'],
    ]);
    expect(registry.statuses().map((s) => s.state)).to.deep.equal(['stopped', 'stopped', 'stopped']);
  });

  it('connector failing at boot: start resolves, not ready, restarted with backoff until ready', async function () {
    const flaky = new FlakyConnector(2);
    const registry = await createConnectorRegistry({ accounts: [buildSimulatorAccount()], build: () => flaky, log: silentLogger, dataDir: '/nonexistent', restart: { initialMs: 10, maxMs: 40 } });

    await registry.start();

    expect(registry.statuses()[0]).to.include({ state: 'failed', reason: 'net::ERR_NAME_NOT_RESOLVED' });
    expect((await registry.readinessChecks()[0]?.check())?.ok).to.equal(false);
    await waitFor(() => (flaky.state.status === 'ready' ? true : undefined), 'the restarted connector');
    expect(flaky.starts).to.equal(3);
    await registry.stop();
  });

  it('stop while a restart is pending: the restart never runs', async function () {
    const flaky = new FlakyConnector(1);
    const registry = await createConnectorRegistry({ accounts: [buildSimulatorAccount()], build: () => flaky, log: silentLogger, dataDir: '/nonexistent', restart: { initialMs: 30, maxMs: 30 } });
    await registry.start();

    await registry.stop();
    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(flaky.starts).to.equal(1);
    expect(flaky.state.status).to.equal('stopped');
  });

  it('state changes are logged with account and state only: no QR payload, chat id or number', async function () {
    const { log, lines } = captureLogs();
    const registry = await createConnectorRegistry({ accounts: [buildSimulatorAccount()], build: () => new FlakyConnector(0), log, dataDir: '/nonexistent' });

    await registry.start();
    await registry.stop();

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.filter((e) => e.msg === 'connector state changed').map((e) => e.state)).to.deep.equal(['starting', 'login_required', 'ready', 'stopped']);
    expect(lines.join('')).not.to.match(/secret-qr-payload|@c\.us|@g\.us/);
  });
});
