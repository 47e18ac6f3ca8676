import type { Connection } from 'mongoose';
import type { Dependency } from '../http/outage-gate.js';

/**
 * Whether MongoDB answers, known within a couple of seconds of an outage: mongoose's own `readyState` turns only
 * at the driver's next heartbeat (10 s), so a light ping runs every `pingEveryMs` and the driver's topology events
 * (public SDAM monitoring) say whether any data-bearing server is known. The ping's failure is what makes the
 * driver mark the server unknown; its recovery is seen by the driver's monitor.
 */
export function watchMongo(db: Connection, options: { pingEveryMs: number }): Dependency & { stop(): void } {
  let up = true;
  let pinging = false;
  db.getClient().on('topologyDescriptionChanged', (event) => {
    up = event.newDescription.hasDataBearingServers;
  });
  const timer = setInterval(() => {
    if (pinging || !db.db) return;
    pinging = true;
    db.db
      .admin()
      .ping()
      .catch(() => undefined)
      .finally(() => {
        pinging = false;
      });
  }, options.pingEveryMs);
  timer.unref();
  return {
    name: 'mongodb',
    isUp: () => up,
    stop: () => clearInterval(timer),
  };
}
