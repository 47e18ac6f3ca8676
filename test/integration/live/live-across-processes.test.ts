import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildCitizensAccount, citizenChat } from '../../factories/inbox.factory.js';
import { signInAs, signInAsAdmin } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { spawnService, type ServiceProcess } from '../../support/service-process.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { SseClient, type ReceivedEvent } from '../../support/sse-client.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

/**
 * The service answers HTTP and runs no workers; a separate `npm run worker` process stores the citizens' messages
 * and sends the answers. What the worker changes reaches a console connected to the service, through Redis.
 */
describe('live events from a worker process reach a console connected to the service', function () {
  this.timeout(120_000);
  const account = buildCitizensAccount({ id: 'sim-live' });
  const env = { CONNECTORS: JSON.stringify([account]), WORKERS_IN_PROCESS: 'false' };
  const workerDir = mkdtempSync(join(tmpdir(), 'sportello-live-worker-'));
  let infra: SharedInfra;
  let service: TestStack | undefined;
  let worker: ServiceProcess | undefined;
  let stream: SseClient | undefined;

  before(async () => {
    infra = await startSharedInfra();
    service = await startTestStack({ ...infra.env, ...env });
    worker = await spawnService(['--import', 'tsx', 'src/main.ts', '--worker'], {
      ...infra.env,
      ...env,
      SPORTELLO_MODE: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: workerDir,
    });
  });
  after(async () => {
    await stream?.close();
    await worker?.signal('SIGTERM');
    await service?.stop();
    await infra?.stop();
    rmSync(workerDir, { recursive: true, force: true });
  });

  it('the conversation the worker stores, then the answer the worker sends', async () => {
    const stack = service!;
    const admin = await signInAsAdmin(stack);
    const mediator = await signInAs(stack, 'mediator', { languages: ['ar'] });
    stream = await SseClient.open(stack.url, mediator.headers);
    expect(stream.status).to.equal(200);
    const marker = randomBytes(4).toString('hex');

    const wrote = await call(stack, 'POST', `/api/v1/simulator/${account.id}/inbound`, {
      headers: admin.headers,
      body: { chatId: citizenChat(3), senderId: citizenChat(3), senderName: 'Citizen', text: `مرحبا، كيف أجدد تصريح الإقامة؟ ${marker}` },
    });
    expect(wrote.status, JSON.stringify(wrote.body)).to.equal(201);

    const created = await stream.waitFor((e) => e.event === 'conversation' && (e.data as { reason: string }).reason === 'created', 'the stored conversation', 30_000);
    const id = (created.data as { id: string }).id;
    const listed = await call(stack, 'GET', '/api/v1/inbox/conversations?limit=200', { headers: mediator.headers });
    const row = (listed.body.items as Array<{ id: string; lastMessage?: { text: string } }>).find((item) => item.id === id);
    expect(row?.lastMessage?.text).to.contain(marker);

    const reply = await call(stack, 'POST', `/api/v1/inbox/conversations/${id}/replies`, { headers: mediator.headers, body: { text: 'أهلا وسهلا' } });
    expect(reply.status).to.equal(202);
    const isSent = (e: ReceivedEvent) => e.event === 'outbound' && (e.data as { id: string; state: string }).id === reply.body.id && (e.data as { state: string }).state === 'sent';
    const sent = await stream.waitFor(isSent, 'the answer sent by the worker', 30_000);
    expect(sent.data).to.deep.equal({ id: reply.body.id, conversationId: id, state: 'sent' });
  });
});
