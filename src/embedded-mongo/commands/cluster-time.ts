import { Binary, Long, Timestamp, type Document } from 'bson';

let lastSeconds = 0;
let increment = 0;

/** A strictly increasing logical clock, like the oplog's timestamps. */
function tick(): Timestamp {
  const seconds = Math.floor(Date.now() / 1000);
  if (seconds > lastSeconds) {
    lastSeconds = seconds;
    increment = 0;
  }
  increment += 1;
  return new Timestamp({ t: lastSeconds, i: increment });
}

const NO_SIGNATURE = { hash: new Binary(Buffer.alloc(20)), keyId: Long.ZERO };

/**
 * Replica set members stamp every reply with `operationTime` and `$clusterTime`; the driver's
 * causally consistent sessions read them back as `afterClusterTime`.
 */
export function stampClusterTime(reply: Document): Document {
  const time = tick();
  return { ...reply, operationTime: time, $clusterTime: { clusterTime: time, signature: NO_SIGNATURE } };
}
