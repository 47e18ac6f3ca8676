// `npm run bench:console`: how fast a citizen's question reaches the mediators' consoles through the live stream,
// and what 50 open consoles cost the service. The service runs in its own process (`src/main.ts`, workers in
// process, two simulated accounts of 150 citizens each) on a private Redis and the embedded engine, each in its
// own process too. The run has two phases on fresh data, each with 300 citizens' questions (one every 200 ms,
// alternating accounts, Arabic and Chinese) arriving within a minute:
//   1. baseline: no console connected;
//   2. 50 consoles connected to `GET /api/v1/events` (headless clients: 20 admins, 10 viewers, 10 Arabic and 10
//      Chinese mediators), one of them (an admin) refetching the queue's new rows on every `conversation` event.
// Figures: from a question's arrival at the connector (the simulator's inbound call) to its `conversation` event
// at each console (p50/p95 over all consoles), and to its row in the refetched list of the refetching console
// (p50/p95); the same from the conversation's creation by the intake (the service's clock: `createdAt`), which
// leaves out the time a question waits in the intake queue and measures the live stream and the refetch alone;
// the same arrival's own storage time (the inbound call's answer, which gives up waiting after 5 s) as the
// baseline of the delays; one real console in Chromium (a Ukrainian mediator on the queue page): ten probe
// questions in Ukrainian on a third account, spread over the same minute, timed from arrival to their row drawn on
// that page (the figure a person sees; the burst's Arabic and Chinese are not in that mediator's queue); the
// service's peak RSS (VmHWM, /proc) at the end of each phase, and the growth with 50 consoles. Last line: JSON.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPrivateRedis } from '../src/platform/redis/private-redis-server.js';
import { spawnServer } from './lib/engine-child-process.js';
import { spawnService, type ServiceProcess } from '../test/support/service-process.js';
import { SseClient } from '../test/support/sse-client.js';
import { chromium, type Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 300);
const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 50);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_SECONDS ?? 60) * 1000;
const CITIZENS_PER_ACCOUNT = Math.ceil(QUESTIONS / 2);
const TEXTS = ['مرحبا، كيف أجدد تصريح الإقامة؟', '你好，我想续签居留许可，需要什么材料？'];

const PROBES = 10;
const PROBE_TEXT = 'Добрий день, я хочу продовжити посвідку на проживання, які документи потрібні?';
const accounts = [
  ...['bench-wa', 'bench-wc'].map((id, a) => ({
    platform: 'simulator' as const,
    id,
    imitates: a === 0 ? ('whatsapp' as const) : ('wechat' as const),
    latencyMs: 0,
    rateLimit: { minIntervalMs: 0, dailyCap: 1_000_000 },
    chats: Array.from({ length: CITIZENS_PER_ACCOUNT }, (_, n) => ({ chatId: `${id}-citizen-${n}`, name: `Citizen ${n}`, type: 'direct' as const })),
  })),
  {
    platform: 'simulator' as const,
    id: 'bench-probe',
    imitates: 'whatsapp' as const,
    latencyMs: 0,
    rateLimit: { minIntervalMs: 0, dailyCap: 1_000_000 },
    chats: Array.from({ length: PROBES }, (_, n) => ({ chatId: `bench-probe-${n}`, name: `Probe ${n}`, type: 'direct' as const })),
  },
];

/**
 * A Ukrainian mediator's console in Chromium on the queue page; `seen` tells when a probe's marker is drawn (a
 * MutationObserver in the page, so the time is the drawing's, not a poll's).
 */
async function openBrowserConsole(url: string, who: { email: string; password: string }, seen: (marker: string) => void): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium', args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const page = await browser.newPage();
  await page.exposeFunction('sportelloBenchSeen', seen);
  // Page code as text: this script is compiled for Node, without the DOM's types.
  await page.addInitScript({
    content: `(() => {
      const told = new Set();
      const look = () => {
        for (const match of (document.body ? document.body.innerText : '').matchAll(/#(p\\d+)/g)) {
          if (told.has(match[1])) continue;
          told.add(match[1]);
          window.sportelloBenchSeen(match[1]);
        }
      };
      new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
    })();`,
  });
  await page.goto(new URL('/console/', url).href);
  await page.fill('#login input[name=email]', who.email);
  await page.fill('#login input[name=password]', who.password);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#nav');
  await page.click('#nav-inbox');
  await page.waitForSelector('#nav-inbox[aria-current=page]');
  await page.waitForSelector('#live-state.live-live');
  return browser;
}

function peakRssMbOf(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads whatever each route returns
async function api(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, url), { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

interface PhaseResult {
  peakRssMb: number;
  storeMs: number[];
  eventMs: number[];
  listMs: number[];
  /** From the conversation's creation (stored by the intake, the service's clock) to its event at each console. */
  pushMs: number[];
  /** From the same moment to its row in the refetching console's list. */
  storedToListMs: number[];
  missedEvents: number;
  browserMs: number[];
}

async function runPhase(consoles: number): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-bench-console-'));
  const redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
  const engine = await spawnServer('scripts/engine.ts', ['--data', join(dir, 'engine')], ROOT);
  const admin = { email: 'admin@bench.test', password: randomBytes(18).toString('base64url') };
  let service: ServiceProcess | undefined;
  let browser: Browser | undefined;
  const clients: SseClient[] = [];
  try {
    service = await spawnService(['--import', 'tsx', 'src/main.ts'], {
      SPORTELLO_MODE: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: join(dir, 'service'),
      MONGODB_URI: `${engine.uri}sportello`,
      REDIS_URL: redis.url,
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      CONNECTORS: JSON.stringify(accounts),
    });
    const url = service.url;
    const login = await fetch(new URL('/api/v1/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const issued = await api(url, 'POST', '/api/v1/tokens', { cookie, 'x-csrf-token': csrfToken }, { name: 'bench', scopes: ['*'] });
    const adminHeaders = { authorization: `Bearer ${String(issued.body.token)}` };
    const tokenFor = async (role: string, languages: string[]): Promise<Record<string, string>> => {
      const user = await api(url, 'POST', '/api/v1/users', adminHeaders, { email: `${role}-${randomBytes(4).toString('hex')}@bench.test`, name: role, role, languages, password: randomBytes(12).toString('base64url') });
      const token = await api(url, 'POST', '/api/v1/tokens', adminHeaders, { name: 'bench', scopes: ['*'], userId: user.body.id });
      return { authorization: `Bearer ${String(token.body.token)}` };
    };
    const people = [adminHeaders, await tokenFor('viewer', []), await tokenFor('mediator', ['ar']), await tokenFor('mediator', ['zh-Hans'])];
    const probeArrivedAt = new Map<string, number>();
    const browserMs: number[] = [];
    if (consoles > 0) {
      const ukrainian = { email: `uk-${randomBytes(4).toString('hex')}@bench.test`, password: randomBytes(12).toString('base64url') };
      await api(url, 'POST', '/api/v1/users', adminHeaders, { ...ukrainian, name: 'Mediatrice ucraina', role: 'mediator', languages: ['uk'] });
      browser = await openBrowserConsole(url, ukrainian, (marker) => {
        const arrived = probeArrivedAt.get(marker);
        if (arrived !== undefined) browserMs.push(performance.now() - arrived);
      });
    }

    const arrivedAt = new Map<string, number>();
    const storeMs: number[] = [];
    const eventMs: number[] = [];
    const listMs: number[] = [];
    const seenInList = new Set<string>();
    const storedToListMs: number[] = [];
    let lastListed: string | undefined;
    let refetching: Promise<void> = Promise.resolve();
    // The refetching console asks for the rows after the last one it has, as a console following its queue does.
    const refetch = async (): Promise<void> => {
      for (;;) {
        const page = await api(url, 'GET', `/api/v1/inbox/conversations?limit=50${lastListed ? `&after=${lastListed}` : ''}`, adminHeaders);
        const items = page.body.items as Array<{ id: string; createdAt: string; lastMessage?: { text: string } }>;
        const now = performance.now();
        const wall = Date.now();
        for (const row of items) {
          const marker = /#(\w+)$/.exec(row.lastMessage?.text ?? '')?.[1];
          if (marker && !seenInList.has(marker) && arrivedAt.has(marker)) {
            seenInList.add(marker);
            listMs.push(now - arrivedAt.get(marker)!);
            storedToListMs.push(wall - Date.parse(row.createdAt));
          }
        }
        if (items.length > 0) lastListed = items[items.length - 1]!.id;
        if (!page.body.next) return;
      }
    };
    // Conversation ids to arrival: learned from the list (an event carries no text); an event for an id not
    // listed yet is kept with its time and matched once the list names it.
    const eventTimes = new Map<string, Array<{ at: number; wall: number }>>();
    for (let i = 0; i < consoles; i++) {
      const headers = i === 0 ? adminHeaders : people[[0, 0, 1, 2, 3][i % 5]!]!;
      const client = await SseClient.open(url, headers, {
        onEvent: (event) => {
          if (event.event !== 'conversation' || (event.data as { reason: string }).reason !== 'created') return;
          const id = (event.data as { id: string }).id;
          const times = eventTimes.get(id) ?? [];
          times.push({ at: performance.now(), wall: Date.now() });
          eventTimes.set(id, times);
          if (i === 0) refetching = refetching.then(refetch, refetch);
        },
      });
      if (client.status !== 200) throw new Error(`console ${i} got ${client.status}`);
      clients.push(client);
    }

    const start = performance.now();
    const arrivals: Array<Promise<void>> = [];
    for (let q = 0; q < QUESTIONS; q++) {
      const due = start + (q * WINDOW_MS) / QUESTIONS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const probe = Math.floor((q * PROBES) / QUESTIONS);
      if ((q * PROBES) % QUESTIONS === 0) {
        const marker = `p${probe}`;
        const chatId = `bench-probe-${probe}`;
        probeArrivedAt.set(marker, performance.now());
        arrivals.push(
          api(url, 'POST', '/api/v1/simulator/bench-probe/inbound', adminHeaders, { chatId, senderId: chatId, senderName: `Probe ${probe}`, text: `${PROBE_TEXT} #${marker}` }).then((sent) => {
            if (sent.status !== 201) throw new Error(`probe ${probe}: ${sent.status} ${JSON.stringify(sent.body)}`);
          }),
        );
      }
      const account = accounts[q % 2]!;
      const chatId = `${account.id}-citizen-${Math.floor(q / 2)}`;
      const marker = `q${q}`;
      arrivals.push(
        (async () => {
          const t0 = performance.now();
          arrivedAt.set(marker, t0);
          const sent = await api(url, 'POST', `/api/v1/simulator/${account.id}/inbound`, adminHeaders, { chatId, senderId: chatId, senderName: `Citizen ${q}`, text: `${TEXTS[q % 2]} #${marker}` });
          if (sent.status !== 201) throw new Error(`question ${q}: ${sent.status} ${JSON.stringify(sent.body)}`);
          storeMs.push(performance.now() - t0);
        })(),
      );
    }
    await Promise.all(arrivals);
    // Every console has had its chance: wait until the refetching one has listed every question (or a minute).
    const deadline = performance.now() + 60_000;
    while (consoles > 0 && (seenInList.size < QUESTIONS || browserMs.length < PROBES) && performance.now() < deadline) {
      await sleep(200);
      refetching = refetching.then(refetch, refetch);
      await refetching;
    }
    await sleep(consoles > 0 ? 1000 : 0);
    const listed = await api(url, 'GET', '/api/v1/inbox/conversations?limit=200', adminHeaders);
    const idToMarker = new Map<string, string>();
    const createdAt = new Map<string, number>();
    let page = listed;
    for (;;) {
      for (const row of page.body.items as Array<{ id: string; createdAt: string; lastMessage?: { text: string } }>) {
        const marker = /#(\w+)$/.exec(row.lastMessage?.text ?? '')?.[1];
        if (marker) idToMarker.set(row.id, marker);
        createdAt.set(row.id, Date.parse(row.createdAt));
      }
      if (!page.body.next) break;
      page = await api(url, 'GET', `/api/v1/inbox/conversations?limit=200&after=${String(page.body.next)}`, adminHeaders);
    }
    let received = 0;
    const pushMs: number[] = [];
    for (const [id, times] of eventTimes) {
      const marker = idToMarker.get(id);
      // The probes of the browser console are timed on their own.
      if (!marker || !arrivedAt.has(marker)) continue;
      for (const { at, wall } of times) {
        eventMs.push(at - arrivedAt.get(marker)!);
        pushMs.push(wall - createdAt.get(id)!);
      }
      received += times.length;
    }
    // Admins and viewers hear of every question, each mediator of their language's half.
    const expected = consoles === 0 ? 0 : Math.round(clients.length * QUESTIONS * (3 / 5 + (2 / 5) * 0.5));
    return { peakRssMb: peakRssMbOf(service.child.pid!), storeMs, eventMs, listMs, pushMs, storedToListMs, missedEvents: Math.max(0, expected - received), browserMs };
  } finally {
    await browser?.close();
    await Promise.all(clients.map((client) => client.close()));
    await service?.signal('SIGTERM');
    await engine.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const baseline = await runPhase(0);
process.stdout.write(`baseline (no console): ${QUESTIONS} questions, peak RSS ${baseline.peakRssMb} MB, stored p50 ${percentile(baseline.storeMs, 50)} ms p95 ${percentile(baseline.storeMs, 95)} ms\n`);
const live = await runPhase(CONSOLES);
const figures = {
  questions: QUESTIONS,
  windowSeconds: WINDOW_MS / 1000,
  consoles: CONSOLES,
  storedP50Ms: percentile(live.storeMs, 50),
  storedP95Ms: percentile(live.storeMs, 95),
  eventP50Ms: percentile(live.eventMs, 50),
  eventP95Ms: percentile(live.eventMs, 95),
  eventsReceived: live.eventMs.length,
  eventsMissed: live.missedEvents,
  listP50Ms: percentile(live.listMs, 50),
  listP95Ms: percentile(live.listMs, 95),
  storedToEventP50Ms: percentile(live.pushMs, 50),
  storedToEventP95Ms: percentile(live.pushMs, 95),
  storedToListP50Ms: percentile(live.storedToListMs, 50),
  storedToListP95Ms: percentile(live.storedToListMs, 95),
  // One real console in Chromium: a probe question's arrival to its row drawn on a mediator's queue page.
  browserProbes: live.browserMs.length,
  browserP50Ms: percentile(live.browserMs, 50),
  browserP95Ms: percentile(live.browserMs, 95),
  listP95VsStoredP95: Number((percentile(live.listMs, 95) / percentile(live.storeMs, 95)).toFixed(2)),
  baselineStoredP95Ms: percentile(baseline.storeMs, 95),
  baselinePeakRssMb: baseline.peakRssMb,
  peakRssMb: live.peakRssMb,
  rssGrowthMb: live.peakRssMb - baseline.peakRssMb,
  rssRatio: Number((live.peakRssMb / baseline.peakRssMb).toFixed(2)),
  targets: { listP95Ms: 2000, browserP95Ms: 2000, rssGrowthMb: 100 },
};
process.stdout.write(
  `with ${CONSOLES} consoles: event p50 ${figures.eventP50Ms} ms p95 ${figures.eventP95Ms} ms; in the list p50 ${figures.listP50Ms} ms p95 ${figures.listP95Ms} ms; drawn in Chromium (${figures.browserProbes} probes) p50 ${figures.browserP50Ms} ms p95 ${figures.browserP95Ms} ms; from storage: event p95 ${figures.storedToEventP95Ms} ms, list p95 ${figures.storedToListP95Ms} ms; peak RSS ${figures.peakRssMb} MB (+${figures.rssGrowthMb} MB)\n`,
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exit(0);
