import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WhatsAppClient } from '../../../src/connectors/whatsapp-web/whatsapp-client.js';
import { createWhatsAppClient, DEFAULT_CHROMIUM_PATH } from '../../../src/connectors/whatsapp-web/whatsapp-client.factory.js';
import { WhatsAppWebConnector } from '../../../src/connectors/whatsapp-web/whatsapp-web.adapter.js';
import { buildWhatsAppAccount } from '../../factories/channel-account.factory.js';
import { silentLogger } from '../../support/silent-logger.js';

/** What whatsapp-web.js keeps of puppeteer; hidden by the adapter's client type. */
type WithBrowser = { pupBrowser?: { isConnected(): boolean } };

// The network is cut for certain by a proxy on a closed loopback port, so the test proves the failure path
// the same way on a machine with or without Internet access.
const UNREACHABLE_PROXY = '127.0.0.1:9';

describe('WhatsApp Web adapter with the real Client and Debian Chromium', function () {
  this.timeout(60_000);
  let dataDir: string;
  let connector: WhatsAppWebConnector;

  before(async function () {
    expect(existsSync(DEFAULT_CHROMIUM_PATH), `${DEFAULT_CHROMIUM_PATH} is missing: npm test installs chromium`).to.equal(true);
    dataDir = await mkdtemp(join(tmpdir(), 'sportello-wa-'));
  });

  after(async function () {
    await connector?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('start with the network unreachable: rejects well before the deadline, state failed, browser closed', async function () {
    const clients: WhatsAppClient[] = [];
    connector = new WhatsAppWebConnector(buildWhatsAppAccount(), {
      log: silentLogger,
      createClient: () => {
        const client = createWhatsAppClient({ accountId: 'whatsapp-test', auth: 'local', dataDir, chromiumPath: DEFAULT_CHROMIUM_PATH, sandbox: process.getuid?.() !== 0, proxyServer: UNREACHABLE_PROXY });
        clients.push(client);
        return client;
      },
      timings: { startupDeadlineMs: 45_000, readyDeadlineMs: 45_000, reconnect: { initialMs: 1000, maxMs: 1000, maxAttempts: 0 } },
    });
    const error = await connector.start().then(() => undefined, (e: unknown) => e as Error);

    expect(error, 'start() should fail without network').to.be.instanceOf(Error);
    expect(error?.name, 'the network error itself, not the 45 s deadline').not.to.equal('DeadlineExceeded');
    expect(connector.state.status).to.equal('failed');
    expect(clients).to.have.length(1);
    expect((clients[0] as WithBrowser).pupBrowser?.isConnected() ?? false).to.equal(false);
  });
});
