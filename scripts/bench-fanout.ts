// `npm run bench:fanout`: one announcement in 10 languages to 20,000 groups (2,000 per language) through the
// simulator with zero latency and no rate limits, on the embedded engine and a private Redis; then bare bull
// jobs with a no-op processor on the same Redis, the same number of queues and the same concurrency.
// Three pairs, alternated in one invocation: a bare round, then a fan-out. Before the first pair, one bare round and
// one fan-out run unmeasured (`warmUp` in the output): a fresh process runs its first rounds slower (JIT, Redis and
// engine buffers, the bare jobs' rate rose from about 6,300 to 9,800/s over the pairs without it), so pair 1
// compared two cold rounds. Each kind gets its warm-up, so neither side is favoured. Prints each pair's ratio (`pairRatios`,
// deliveries/s from publish to the last `sent` over bare jobs/s) and their median as `ratio`, the time to the first
// send of an urgent announcement published while the 20,000 are queued, and peak RSS. Last line: one JSON object.
// The engine stands for production's MongoDB, a separate server, so it runs in its own process (`npm run
// engine`): `peakRssMb` is this process alone (HTTP service and dispatch workers), `enginePeakRssMb` the
// engine's own peak (VmHWM). Redis, also a separate server, is not counted in either. `npm run bench:fanout`
// caps this process's V8 old space at 256 MB, as a service with a memory budget would run: left to size
// itself to the machine, V8 lets the garbage of the 20,000 group registrations pile up (hundreds of MB, while
// the live heap after a full GC stays near 60 MB). `heapLimitMb` in the output says which applied.
// `cpuUsPerDelivery` and `cpuUsPerBareJob` split the CPU time each process used (from /proc) by the items of
// that phase: where a delivery's cost goes, next to what bull alone costs. To see where: `BENCH_CPU_PROF_DIR=<dir>`
// writes a V8 CPU profile of the engine there; run the bench as `node --cpu-prof --cpu-prof-dir=<dir>
// --max-old-space-size=256 --import tsx scripts/bench-fanout.ts` for the service's. `redisCallsPerDelivery` and
// `redisCallsPerBareJob` count the commands Redis ran (its scripts' calls included) per item: a figure the
// machine's load does not move, where CPU times and rates do.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSportello } from '../src/main.js';
import { startPrivateRedis } from '../src/platform/redis/private-redis-server.js';
import { createBullQueueFactory } from '../src/platform/queue/bull-queue.adapter.js';
import { Redis } from 'ioredis';
import { spawnServer } from './lib/engine-child-process.js';
import { sendConcurrency } from '../src/dispatch/index.js';
import { benchAdminAuthorization, benchServiceEnv } from './lib/bench-service-env.js';

const LANGUAGES = ['ar', 'zh-Hans', 'sq', 'ro', 'ur', 'en', 'fr', 'es', 'uk', 'bn'];
const GROUPS_PER_LANGUAGE = Number(process.env.BENCH_GROUPS_PER_LANGUAGE ?? 2000);
const URGENT_GROUPS_PER_ACCOUNT = 1;

const dir = mkdtempSync(join(tmpdir(), 'sportello-bench-'));
const redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
const profileDir = process.env.BENCH_CPU_PROF_DIR;
const engine = await spawnServer(
  'scripts/engine.ts',
  ['--data', join(dir, 'engine')],
  fileURLToPath(new URL('..', import.meta.url)),
  profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
);

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const infoClient = new Redis(redis.url);
const redisPid = Number(/process_id:(\d+)/.exec(await infoClient.info('server'))?.[1] ?? 0);
const cpuNow = (withEngine = true): Record<string, number> => ({
  service: cpuMsOf(process.pid),
  ...(withEngine ? { engine: cpuMsOf(engine.child.pid ?? 0) } : {}),
  redis: cpuMsOf(redisPid),
});
/**
 * Commands Redis has run so far, those its Lua scripts call included (INFO commandstats): unlike CPU time, a
 * count that the machine's load does not move, for "fewer Redis calls per delivery".
 */
async function redisCalls(): Promise<number> {
  const stats = await infoClient.info('commandstats');
  return [...stats.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}
/** CPU microseconds per item each process spent between two readings. */
const cpuPer = (from: Record<string, number>, to: Record<string, number>, items: number): Record<string, number> =>
  Object.fromEntries(Object.keys(from).map((k) => [k, Math.round(((to[k]! - from[k]!) * 1000) / items)]));

/** Peak resident set size of a process, from the kernel's high-water mark (/proc, Linux): exact, and no sampling on the event loop being measured. */
function peakRssMbOf(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

// One simulated account per community language, as a town would run one number or WeChat account per community.
const accounts = LANGUAGES.map((language, i) => ({
  platform: 'simulator' as const,
  id: `bench-${i}`,
  imitates: i % 2 === 0 ? ('whatsapp' as const) : ('wechat' as const),
  latencyMs: 0,
  rateLimit: { minIntervalMs: 0, dailyCap: 1_000_000 },
  chats: [
    ...Array.from({ length: GROUPS_PER_LANGUAGE }, (_, n) => ({ chatId: `g-${language}-${n}`, name: `${language} ${n}`, type: 'group' as const })),
    ...Array.from({ length: URGENT_GROUPS_PER_ACCOUNT }, (_, n) => ({ chatId: `u-${language}-${n}`, name: `urgent ${language} ${n}`, type: 'group' as const })),
  ],
  language,
}));

const running = await startSportello(benchServiceEnv({ dir, redisUrl: redis.url, mongoUri: engine.uri, accounts: accounts.map(({ language: _language, ...account }) => account) }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads whatever each route returns
async function api(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<any> {
  const response = await fetch(new URL(path, running.url), {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const auth = await benchAdminAuthorization(running.url);

const started = Date.now();
// Each account's chats in one import (permits), then its urgent group moved to the emergency topic.
let registeredGroups = 0;
for (const account of accounts) {
  const imported = await api('POST', '/api/v1/groups/import', auth, { account: account.id, language: account.language, topics: ['permits'] });
  for (const group of imported.items as Array<{ id: string; chatId: string; name: string }>) {
    registeredGroups += 1;
    if (!group.chatId.startsWith('u-')) continue;
    const { chatId, name } = group;
    await api('PUT', `/api/v1/groups/${group.id}`, auth, { account: account.id, chatId, name, language: account.language, topics: ['emergency'], enabled: true });
  }
}
process.stderr.write(`registered ${registeredGroups} groups in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

async function publishedAnnouncement(priority: 'normal' | 'urgent', topics: string[], approved: string[]): Promise<{ id: string; publish: () => Promise<void> }> {
  const created = await api('POST', '/api/v1/announcements', auth, {
    sourceLanguage: 'it',
    title: 'Rinnovo del permesso di soggiorno',
    body: 'Il permesso va rinnovato almeno 60 giorni prima della scadenza.',
    topics,
    priority,
    targetLanguages: approved.filter((l) => l !== 'it'),
  });
  for (const lang of approved.filter((l) => l !== 'it')) {
    await api('PUT', `/api/v1/announcements/${created.id}/translations/${lang}`, auth, { title: `Titolo ${lang}`, body: `Testo ${lang}` });
    await api('POST', `/api/v1/announcements/${created.id}/translations/${lang}/approve`, auth);
  }
  return { id: created.id as string, publish: () => api('POST', `/api/v1/announcements/${created.id}/publish`, auth) };
}

const summary = async (id: string): Promise<{ total: number; byState: Record<string, number> }> =>
  api('GET', `/api/v1/announcements/${id}/deliveries/summary`, auth);

const finished = (s: { total: number; byState: Record<string, number> }): boolean => (s.byState.sent ?? 0) + (s.byState.failed ?? 0) === s.total;

async function lastSentAtOf(id: string): Promise<number> {
  let last = 0;
  for (let after = ''; ; ) {
    const page = await api('GET', `/api/v1/announcements/${id}/deliveries?state=sent&limit=1000${after ? `&after=${after}` : ''}`, auth);
    for (const d of page.items as Array<{ id: string; sentAt: string }>) last = Math.max(last, Date.parse(d.sentAt));
    if (page.items.length < 1000) return last;
    after = page.items[page.items.length - 1].id;
  }
}

/** One fan-out: a normal announcement to every group, and an urgent one published while its deliveries are queued. */
async function fanOutRound(): Promise<{ deliveries: number; deliveriesPerSecond: number; urgentFirstSendMs: number; plannedMs: number; cpu: Record<string, number>; redisCalls: number }> {
  const normal = await publishedAnnouncement('normal', ['permits'], LANGUAGES);
  const urgent = await publishedAnnouncement('urgent', ['emergency'], ['en']);
  const cpuAtPublish = cpuNow();
  const callsAtPublish = await redisCalls();
  const publishAt = Date.now();
  await normal.publish();
  const plannedMs = Date.now() - publishAt;
  const urgentAt = Date.now();
  await urgent.publish();
  let urgentFirstSendMs: number;
  for (;;) {
    const sent = await api('GET', `/api/v1/announcements/${urgent.id}/deliveries?state=sent&limit=100`, auth);
    if (sent.items.length > 0) {
      urgentFirstSendMs = Math.min(...sent.items.map((d: { sentAt: string }) => Date.parse(d.sentAt))) - urgentAt;
      break;
    }
    await sleep(20);
  }
  // The service marks an announcement `sent` once none of its deliveries is in flight: a point read to poll,
  // where the summary is an aggregation over every delivery that would slow the engine it measures. The end
  // time is the last `sentAt` stored, not when this loop notices, so the poll interval does not count.
  const statusOf = async (id: string): Promise<string> => (await api('GET', `/api/v1/announcements/${id}`, auth)).status as string;
  for (;;) {
    if ((await statusOf(normal.id)) === 'sent' && (await statusOf(urgent.id)) === 'sent') {
      if (finished(await summary(normal.id)) && finished(await summary(urgent.id))) break;
    }
    await sleep(250);
  }
  const cpuAtEnd = cpuNow();
  const callsAtEnd = await redisCalls();
  const lastSentAt = Math.max(await lastSentAtOf(normal.id), await lastSentAtOf(urgent.id));
  const deliveries = (await summary(normal.id)).total + (await summary(urgent.id)).total;
  process.stderr.write(`planned ${deliveries} in ${plannedMs} ms; all sent in ${((lastSentAt - publishAt) / 1000).toFixed(1)} s\n`);
  // Includes the summary polls, the last of them after the last send.
  return { deliveries, deliveriesPerSecond: deliveries / ((lastSentAt - publishAt) / 1000), urgentFirstSendMs, plannedMs, cpu: cpuPer(cpuAtPublish, cpuAtEnd, deliveries), redisCalls: (callsAtEnd - callsAtPublish) / deliveries };
}

// Bare bull: the same number of queues with the concurrency dispatch gives each account, no-op processor, on
// the same Redis, while the service sits idle. The machine's speed drifts (a shared VM): a baseline measured
// once, apart from the fan-out, made the ratio swing by a third from run to run. So each fan-out is paired with
// a bare round just before it, and each pair gives its own ratio.
async function bareRound(round: number | string): Promise<{ jobsPerSecond: number; cpu: Record<string, number>; redisCalls: number }> {
  const factory = createBullQueueFactory({ redisUrl: redis.url, prefix: `bench-bare-${round}` });
  const queues = accounts.map((account) => factory.queue<{ n: number }>(`bare-${account.id}`));
  let done = 0;
  const cpuAtStart = cpuNow(false);
  const callsAtStart = await redisCalls();
  const bareStart = Date.now();
  for (const queue of queues) {
    await queue.enqueueMany(Array.from({ length: GROUPS_PER_LANGUAGE }, (_, n) => ({ data: { n }, options: { jobId: `${queue.name}-${n}` } })));
  }
  queues.forEach((queue, i) => queue.process(async () => void (done += 1), sendConcurrency({ id: accounts[i]!.id, channel: 'whatsapp', rateLimit: accounts[i]!.rateLimit })));
  while (done < GROUPS_PER_LANGUAGE * queues.length) await sleep(20);
  const jobsPerSecond = done / ((Date.now() - bareStart) / 1000);
  const cpu = cpuPer(cpuAtStart, cpuNow(false), done);
  const calls = (await redisCalls()) - callsAtStart;
  await factory.close();
  return { jobsPerSecond, cpu, redisCalls: calls / done };
}

const PAIRS = 3;
const warmBare = await bareRound('warm-up');
const warmFanOut = await fanOutRound();
process.stderr.write(`warm-up (not counted): ${Math.round(warmFanOut.deliveriesPerSecond)} deliveries/s, ${Math.round(warmBare.jobsPerSecond)} bare jobs/s\n`);
const pairs: Array<{ bare: Awaited<ReturnType<typeof bareRound>>; fanOut: Awaited<ReturnType<typeof fanOutRound>> }> = [];
for (let pair = 0; pair < PAIRS; pair += 1) {
  const bare = await bareRound(pair);
  const fanOut = await fanOutRound();
  pairs.push({ bare, fanOut });
  process.stderr.write(`pair ${pair + 1}: ${Math.round(fanOut.deliveriesPerSecond)} deliveries/s, ${Math.round(bare.jobsPerSecond)} bare jobs/s\n`);
}
infoClient.disconnect();
await running.stop();
const enginePeakRssMb = peakRssMbOf(engine.child.pid ?? 0);
const peakRssMb = peakRssMbOf(process.pid);
await engine.stop();
await redis.stop();
rmSync(dir, { recursive: true, force: true });

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** Per process, the median over the pairs of CPU µs per item. */
const medianCpu = (of: Array<Record<string, number>>): Record<string, number> => Object.fromEntries(Object.keys(of[0]!).map((k) => [k, median(of.map((c) => c[k]!))]));
const pairRatios = pairs.map(({ bare, fanOut }) => Number((fanOut.deliveriesPerSecond / bare.jobsPerSecond).toFixed(3)));
const cpuUsPerDelivery = medianCpu(pairs.map((p) => p.fanOut.cpu));
const cpuUsPerBareJob = medianCpu(pairs.map((p) => p.bare.cpu));
const result = {
  deliveries: pairs[0]!.fanOut.deliveries,
  pairs: PAIRS,
  deliveriesPerSecond: pairs.map((p) => Math.round(p.fanOut.deliveriesPerSecond)),
  bareJobsPerSecond: pairs.map((p) => Math.round(p.bare.jobsPerSecond)),
  pairRatios,
  ratio: median(pairRatios),
  warmUp: { deliveriesPerSecond: Math.round(warmFanOut.deliveriesPerSecond), bareJobsPerSecond: Math.round(warmBare.jobsPerSecond) },
  urgentFirstSendMs: pairs.map((p) => Math.round(p.fanOut.urgentFirstSendMs)),
  planningMs: pairs.map((p) => p.fanOut.plannedMs),
  peakRssMb,
  enginePeakRssMb,
  heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024),
  cpuUsPerDelivery,
  cpuUsPerBareJob,
  redisCallsPerDelivery: Number(median(pairs.map((p) => p.fanOut.redisCalls)).toFixed(2)),
  redisCallsPerBareJob: Number(median(pairs.map((p) => p.bare.redisCalls)).toFixed(2)),
  // Each process's CPU per delivery against bull's own per bare job (the service against this process's bare share).
  cpuVsBareJob: Object.fromEntries(Object.keys(cpuUsPerDelivery).map((k) => [k, cpuUsPerBareJob[k] ? Number((cpuUsPerDelivery[k]! / cpuUsPerBareJob[k]!).toFixed(2)) : null])),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
