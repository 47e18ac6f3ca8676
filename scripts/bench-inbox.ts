// `npm run bench:inbox`: citizens' questions through the simulator into the inbox, on the engine (in its own
// process, as production's MongoDB is a separate server) and a private Redis.
// 1. Ingest: BENCH_CITIZENS (50) citizens send BENCH_MESSAGES (10) questions each, every citizen as fast as the
//    service answers (one at a time, all citizens at once), texts from test/fixtures/citizens-messages.json.
//    A message counts when the simulator's POST returns: the connector's listener has resolved, so the message is
//    stored, its language chosen and its acknowledgement queued. Baseline in the same run: bare inserts of the same
//    documents, with the same concurrency, through the same driver (mongoose's connection) into the same engine.
//    The messages enter through the simulator connector (`receive`, in the service's process), as a WhatsApp or
//    WeChat message enters through its connector: no HTTP. The same run also sends them through the simulator's
//    HTTP control API (`viaApi…`), which adds an authenticated API call per message (about half of the service's
//    work per message on this machine): its client runs on a thread of its own (scripts/lib/bench-citizens.mjs).
//    `serviceCpuMsPerMessage`: the CPU time the service's process used per message (all its threads: JavaScript,
//    garbage collection, file system), next to a bare insert's (`cpuMsPerBareInsert`, the same process): unlike
//    messages/s, a figure another load on the machine hardly moves.
// 2. Offered load: BENCH_OFFERED_PER_SECOND (200) questions a second for BENCH_OFFERED_SECONDS (5) through the
//    connector, on a schedule whatever the answers (open loop), from 200 citizens: p50/p99 of the ingest latency
//    from each question's scheduled time (a late start counts: target p99 < 100 ms).
// 3. Burst: 300 citizens ask at once on one account paced as WhatsApp (a send at least `minIntervalMs` after the
//    previous, plus up to 25 % jitter). WhatsApp's 3 s would make this run 17 minutes, so the account runs at
//    BENCH_PACE_MS (150 ms, a twentieth). The pace forces the n-th acknowledgement to wait about
//    n × 1.125 × interval: `burstVsPace` is the measured p99 over that floor, and `whatsappFloorP50S`/`P99S`
//    what the floor is at WhatsApp's 3 s (what no code can shorten on one account).
// Last line: one JSON object.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { startSportello } from '../src/main.js';
import { startPrivateRedis } from '../src/platform/redis/private-redis-server.js';
import { spawnServer } from './lib/engine-child-process.js';
import { benchAdminAuthorization, benchServiceEnv } from './lib/bench-service-env.js';
import type { SimulatorConnector } from '../src/connectors/simulator/simulator.adapter.js';

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 50);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10);
const OFFERED_PER_SECOND = Number(process.env.BENCH_OFFERED_PER_SECOND ?? 200);
const OFFERED_SECONDS = Number(process.env.BENCH_OFFERED_SECONDS ?? 5);
const OFFERED_CITIZENS = 200;
const BURST = Number(process.env.BENCH_BURST ?? 300);
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 150);
const WHATSAPP_MS = 3000;
const JITTER_MEAN = 1.125;

const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/citizens-messages.json', import.meta.url), 'utf8')) as { messages: Record<string, string[]> };
const languages = Object.keys(fixture.messages);
const textOf = (citizen: number, n: number): string => {
  const texts = fixture.messages[languages[citizen % languages.length]!]!;
  return `${texts[n % texts.length]!} ${n}`;
};

const dir = mkdtempSync(join(tmpdir(), 'sportello-bench-inbox-'));
const redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
const engine = await spawnServer('scripts/engine.ts', ['--data', join(dir, 'engine')], fileURLToPath(new URL('..', import.meta.url)));

const direct = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ chatId: `${prefix}-${i}@c.us`, name: `${prefix} ${i}`, type: 'direct' as const }));
const accounts = [
  { platform: 'simulator', id: 'bench-fast', imitates: 'whatsapp', latencyMs: 0, rateLimit: { minIntervalMs: 0, dailyCap: 1_000_000 }, chats: [...direct('c', CITIZENS), ...direct('a', CITIZENS), ...direct('o', OFFERED_CITIZENS)] },
  { platform: 'simulator', id: 'bench-paced', imitates: 'whatsapp', latencyMs: 0, rateLimit: { minIntervalMs: PACE_MS, dailyCap: 1_000_000 }, chats: direct('b', BURST) },
];
const running = await startSportello(benchServiceEnv({ dir, redisUrl: redis.url, mongoUri: engine.uri, accounts }));

const auth = { ...(await benchAdminAuthorization(running.url)), 'content-type': 'application/json' };
const fast = running.connectors.get('bench-fast') as SimulatorConnector;

/** A citizen's message through the connector, as its platform hands it over; resolves once the inbox has ingested it. */
async function arrives(chatId: string, text: string): Promise<void> {
  await fast.receive({ chatId, senderId: chatId, senderName: 'Citizen', text });
}

interface Question {
  account: string;
  chatId: string;
  text: string;
  atMs?: number;
}
interface Asked {
  chatId: string;
  sentAt: number;
  latencyMs: number;
  failed: boolean;
}

/** Citizens' questions through the simulator, on the citizens' thread: each line one after the other, the lines at once. */
function citizensAsk(lines: Question[][]): Promise<{ results: Asked[]; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./lib/bench-citizens.mjs', import.meta.url), { workerData: { url: running.url, headers: auth, lines } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`citizens' thread exited with ${code}`))));
  });
}

/** Like `citizensAsk`, for a run whose every question must be taken (1 and 3): a refusal ends the bench. */
async function allTaken(lines: Question[][]): Promise<{ results: Asked[]; elapsedMs: number }> {
  const run = await citizensAsk(lines);
  const refused = run.results.filter((r) => r.failed).length;
  if (refused > 0) throw new Error(`${refused} questions refused by the service`);
  return run;
}

const cpuMsOf = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};

// Warm-up: the first messages pay for the detector's first calls and the collections' creation.
await allTaken(Array.from({ length: 5 }, (_, i) => [{ account: 'bench-fast', chatId: `o-${OFFERED_CITIZENS - 1 - i}@c.us`, text: textOf(i, 0) }]));

// 1. Ingest as fast as it goes, through the connector.
const ingestCpu = process.cpuUsage();
const ingestStarted = performance.now();
const latencies = (
  await Promise.all(
    Array.from({ length: CITIZENS }, async (_, citizen) => {
      const own: number[] = [];
      for (let n = 0; n < MESSAGES; n += 1) {
        const started = performance.now();
        await arrives(`c-${citizen}@c.us`, textOf(citizen, n));
        own.push(performance.now() - started);
      }
      return own;
    }),
  )
).flat();
const ingestPerSecond = Math.round((CITIZENS * MESSAGES) / ((performance.now() - ingestStarted) / 1000));
const ingestCpuMs = cpuMsOf(process.cpuUsage(ingestCpu)) / (CITIZENS * MESSAGES);

// 1b. The same through the simulator's HTTP control API (other citizens, the same texts).
const viaApi = await allTaken(
  Array.from({ length: CITIZENS }, (_, citizen) => Array.from({ length: MESSAGES }, (_, n) => ({ account: 'bench-fast', chatId: `a-${citizen}@c.us`, text: textOf(citizen, n) }))),
);
const viaApiPerSecond = Math.round((CITIZENS * MESSAGES) / (viaApi.elapsedMs / 1000));
const viaApiLatencies = viaApi.results.map((r) => r.latencyMs);

// Baseline: the same number of message documents, inserted bare with the same concurrency through the same driver.
const db = await mongoose.createConnection(`${engine.uri}sportello`).asPromise();
const bare = db.collection('bench_bare_inserts');
const bareStarted = performance.now();
const bareCpu = process.cpuUsage();
await Promise.all(
  Array.from({ length: CITIZENS }, async (_, citizen) => {
    for (let n = 0; n < MESSAGES; n += 1) {
      const now = new Date();
      await bare.insertOne({
        conversationId: `${citizen}`,
        contactId: `${citizen}`,
        account: 'bench-fast',
        platformMessageId: `bare-${citizen}-${n}`,
        chatId: `c-${citizen}@c.us`,
        chatType: 'direct',
        text: textOf(citizen, n),
        sentAt: now,
        receivedAt: now,
        ackDue: n === 0,
        expireAt: new Date(now.getTime() + 86_400_000),
      });
    }
  }),
);
const barePerSecond = Math.round((CITIZENS * MESSAGES) / ((performance.now() - bareStarted) / 1000));
const bareCpuMs = cpuMsOf(process.cpuUsage(bareCpu)) / (CITIZENS * MESSAGES);
await db.close();

// 2. Offered load, open loop, through the connector; each latency from the question's scheduled time.
const offered = OFFERED_PER_SECOND * OFFERED_SECONDS;
const offeredStarted = performance.now();
const offeredLatencies = await Promise.all(
  Array.from({ length: offered }, async (_, k) => {
    const due = offeredStarted + (k * 1000) / OFFERED_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    await arrives(`o-${k % OFFERED_CITIZENS}@c.us`, textOf(k, Math.floor(k / OFFERED_CITIZENS)));
    return performance.now() - due;
  }),
);
const offeredAchieved = Math.round(offered / ((performance.now() - offeredStarted) / 1000));

// 3. A burst of 300 questions on the paced account: how long each citizen waits for the acknowledgement.
const burstRun = await allTaken(Array.from({ length: BURST }, (_, i) => [{ account: 'bench-paced', chatId: `b-${i}@c.us`, text: textOf(i, 1) }]));
const askedAt = new Map(burstRun.results.map((r) => [r.chatId, r.sentAt]));
const ackWaits: number[] = [];
const pending = new Set(askedAt.keys());
while (pending.size > 0) {
  await sleep(Math.max(200, PACE_MS * 2));
  for (const chatId of [...pending]) {
    const response = await fetch(new URL(`/api/v1/simulator/bench-paced/chats/${encodeURIComponent(chatId)}/messages`, running.url), { headers: auth });
    const messages = (await response.json()) as Array<{ fromUs: boolean; at: string }>;
    const ack = messages.find((m) => m.fromUs);
    if (!ack) continue;
    ackWaits.push(new Date(ack.at).getTime() - askedAt.get(chatId)!);
    pending.delete(chatId);
  }
}
const floorMs = (n: number, interval: number) => Math.round(n * interval * JITTER_MEAN);
const scale = WHATSAPP_MS / PACE_MS;
const p99Wait = percentile(ackWaits, 99);

await running.stop();
await engine.stop();
await redis.stop();

const figures = {
  ingestPerSecond,
  barePerSecond,
  ratio: Math.round((ingestPerSecond / barePerSecond) * 1000) / 1000,
  serviceCpuMsPerMessage: Math.round(ingestCpuMs * 100) / 100,
  cpuMsPerBareInsert: Math.round(bareCpuMs * 100) / 100,
  ingestP50Ms: percentile(latencies, 50),
  viaApiPerSecond,
  viaApiRatio: Math.round((viaApiPerSecond / barePerSecond) * 1000) / 1000,
  viaApiP50Ms: percentile(viaApiLatencies, 50),
  viaApiP99Ms: percentile(viaApiLatencies, 99),
  ingestP99Ms: percentile(latencies, 99),
  offeredPerSecond: OFFERED_PER_SECOND,
  offeredAchievedPerSecond: offeredAchieved,
  offeredP50Ms: percentile(offeredLatencies, 50),
  offeredP99Ms: percentile(offeredLatencies, 99),
  burst: BURST,
  paceMs: PACE_MS,
  ackWaitP50Ms: percentile(ackWaits, 50),
  ackWaitP99Ms: p99Wait,
  paceFloorP50Ms: floorMs(BURST / 2, PACE_MS),
  paceFloorP99Ms: floorMs(Math.floor(BURST * 0.99), PACE_MS),
  burstVsPace: Math.round((p99Wait / floorMs(Math.floor(BURST * 0.99), PACE_MS)) * 100) / 100,
  whatsappFloorP50S: Math.round((floorMs(BURST / 2, PACE_MS) * scale) / 1000),
  whatsappFloorP99S: Math.round((floorMs(Math.floor(BURST * 0.99), PACE_MS) * scale) / 1000),
};
console.log(`through the connector: ${figures.ingestPerSecond} messages/s fully ingested vs ${figures.barePerSecond} bare inserts/s (ratio ${figures.ratio}); the service's CPU ${figures.serviceCpuMsPerMessage} ms a message vs ${figures.cpuMsPerBareInsert} ms a bare insert; p50 ${figures.ingestP50Ms} ms, p99 ${figures.ingestP99Ms} ms`);
console.log(`through the simulator's HTTP API: ${figures.viaApiPerSecond} messages/s (ratio ${figures.viaApiRatio}); p50 ${figures.viaApiP50Ms} ms, p99 ${figures.viaApiP99Ms} ms`);
console.log(`offered ${OFFERED_PER_SECOND}/s for ${OFFERED_SECONDS} s (achieved ${offeredAchieved}/s): p50 ${figures.offeredP50Ms} ms, p99 ${figures.offeredP99Ms} ms`);
console.log(
  `burst of ${BURST} on one account at ${PACE_MS} ms: acknowledgement p50 ${figures.ackWaitP50Ms} ms, p99 ${p99Wait} ms; the pace forces ${figures.paceFloorP50Ms} / ${figures.paceFloorP99Ms} ms (×${figures.burstVsPace}); at WhatsApp's 3 s it forces ${figures.whatsappFloorP50S} s / ${figures.whatsappFloorP99S} s`,
);
console.log(JSON.stringify(figures));
process.exit(0);
