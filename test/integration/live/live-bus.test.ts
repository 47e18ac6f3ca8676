import { expect } from 'chai';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveBus } from '../../../src/live/live-bus.js';
import type { StoredLiveEvent } from '../../../src/live/live-event.js';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';
import { silentLogger } from '../../support/silent-logger.js';
import { waitFor } from '../../support/wait-for.js';

/** The live events' bus on a real Redis: two buses stand for two processes of the service. */
describe('live events bus: a capped Redis stream and a pub/sub channel', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'sportello-live-bus-'));
  let redis: PrivateRedis;
  const connections: Redis[] = [];
  const buses: LiveBus[] = [];
  const newBus = async (): Promise<LiveBus> => {
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    connections.push(connection);
    const bus = new LiveBus(connection, silentLogger);
    await bus.start();
    buses.push(bus);
    return bus;
  };

  before(async () => (redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true })));
  after(async () => {
    for (const bus of buses) await bus.stop();
    for (const connection of connections) connection.disconnect();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an event one process publishes reaches the listeners of another, in order, with its stream id', async () => {
    const publisher = await newBus();
    const listener = await newBus();
    const heard: StoredLiveEvent[] = [];
    listener.listen((stored) => heard.push(stored));

    const ids = [await publisher.publish({ name: 'group', data: { id: 'g1' } }), await publisher.publish({ name: 'group', data: { id: 'g2' } })];

    await waitFor(() => (heard.length >= 2 ? true : undefined), 'two events', 10_000);
    expect(heard.map((h) => h.id)).to.deep.equal(ids);
    expect(heard.map((h) => h.event)).to.deep.equal([
      { name: 'group', data: { id: 'g1' } },
      { name: 'group', data: { id: 'g2' } },
    ]);
    expect(listener.position).to.equal(ids[1]);
  });

  it('since an id: what followed it; since an id trimmed away from the capped stream: reset', async () => {
    const bus = await newBus();
    const first = await bus.publish({ name: 'counts', data: {} });
    const second = await bus.publish({ name: 'group', data: { id: 'g3' } });

    expect((await bus.since(first)) as StoredLiveEvent[]).to.deep.equal([{ id: second, event: { name: 'group', data: { id: 'g3' } } }]);

    // More than the stream keeps (about 5,000): the oldest, `first` among them, are trimmed.
    for (let i = 0; i < 60; i++) await Promise.all(Array.from({ length: 100 }, () => bus.publish({ name: 'counts', data: {} })));

    expect(await bus.since(first)).to.equal('reset');
    expect(await bus.since('99999999999999-0')).to.equal('reset');
  });
});
