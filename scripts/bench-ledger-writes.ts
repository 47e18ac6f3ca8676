// `node --import tsx scripts/bench-ledger-writes.ts`: the client CPU (this process only, `process.cpuUsage`) per
// delivery of the ledger's three writes on a fan-out's path: the planning insert (pages of 500), the claim and the
// sent record (turns of 32), against the embedded engine in its own process as bench:fanout runs it; and the
// engine's CPU per delivery for the three together (`engine`, from /proc). The first of
// three rounds warms up and is not counted. `BENCH_DELIVERIES` per round (20,000). Last line: one JSON object.
// For comparing two versions of `delivery-*.repository.ts` in alternated runs: the figures move with the
// machine's load, the difference between alternated runs much less.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { spawnServer } from './lib/engine-child-process.js';
import { DeliveryLedger } from '../src/dispatch/delivery-ledger.js';
import type { NewDelivery } from '../src/dispatch/delivery.js';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 20_000);
const PAGE = 500;
const TURN = 32;
const ROUNDS = 3;

const dir = mkdtempSync(join(tmpdir(), 'sportello-bench-ledger-'));
const engine = await spawnServer('scripts/engine.ts', ['--data', join(dir, 'engine')], fileURLToPath(new URL('..', import.meta.url)));
const db = await mongoose.createConnection(`${engine.uri}ledger`).asPromise();
const ledger = new DeliveryLedger(db);
await ledger.init();

/** The engine's CPU time so far, in µs, from /proc (Linux; clock ticks of 10 ms). */
const engineCpuUs = (): number => {
  const fields = readFileSync(`/proc/${engine.child.pid ?? 0}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};
let engineAtStart = 0;
const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const spent = { insert: 0, claim: 0, markSent: 0 };
const parts = ['testo'];
for (let round = 0; round < ROUNDS; round += 1) {
  const counted = round > 0;
  if (round === 1) engineAtStart = engineCpuUs();
  for (let page = 0; page < DELIVERIES / PAGE; page += 1) {
    const planned: NewDelivery[] = Array.from({ length: PAGE }, (_, i) => ({
      announcementId: `ann-${round}`, announcementVersion: 1, targetKey: `group:a:${page}-${i}`, targetKind: 'group', account: 'a', chatId: `g-${page}-${i}`,
      channel: 'whatsapp', language: 'ar', fallback: false, priority: 'normal', parts, state: 'queued', plannedAt: new Date(),
    }));
    let at = cpuUs();
    const written = await ledger.planning.insertPlanned(planned);
    if (counted) spent.insert += cpuUs() - at;
    for (let i = 0; i < written.length; i += TURN) {
      at = cpuUs();
      const claims = await ledger.sending.claim(written.slice(i, i + TURN).map((d) => d.id));
      if (counted) spent.claim += cpuUs() - at;
      at = cpuUs();
      await ledger.sending.markSent([...claims.values()].map((delivery, k) => ({ delivery, partsSent: 1, messageId: `m-${page}-${i + k}`, at: new Date() })));
      if (counted) spent.markSent += cpuUs() - at;
    }
  }
}
const engineUs = engineCpuUs() - engineAtStart;
await db.close();
await engine.stop();
rmSync(dir, { recursive: true, force: true });
const perDelivery = (us: number): number => Number((us / ((ROUNDS - 1) * DELIVERIES)).toFixed(1));
process.stdout.write(`${JSON.stringify({ deliveriesPerRound: DELIVERIES, cpuUsPerDelivery: { insert: perDelivery(spent.insert), claim: perDelivery(spent.claim), markSent: perDelivery(spent.markSent), engine: perDelivery(engineUs) } })}\n`);
process.exit(0);
