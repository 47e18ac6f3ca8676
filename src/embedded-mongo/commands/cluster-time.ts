import { Timestamp, type Document } from 'bson';

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

/**
 * Replica set members stamp every reply with `operationTime`, which the driver's causally
 * consistent sessions send back as `afterClusterTime`. `$clusterTime` is left out, as a server
 * without signing keys may: it only gossips time between members, a one-member set has none to
 * tell, and echoing it made every command and reply larger (measured: a sixth of a point read's
 * encode and decode cost). Replies are fresh objects, so the stamp is added in place.
 */
export function stampOperationTime(reply: Document): Document {
  reply['operationTime'] = tick();
  return reply;
}
