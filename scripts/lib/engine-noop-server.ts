import { createServer } from 'node:net';
import { BSON, type Document } from 'bson';

/**
 * The wire's upper bound for the engine benchmark: a server that frames messages like the
 * engine and answers `{ ok: 1 }` to everything (and a valid hello), doing no work at all.
 * Run as its own process; prints its port on stdout.
 */
let requestId = 1;

function hello(host: string): Document {
  return {
    helloOk: true, isWritablePrimary: true, ismaster: true, setName: 'noop', setVersion: 1, hosts: [host], primary: host, me: host,
    maxBsonObjectSize: 16 * 1024 * 1024, maxMessageSizeBytes: 48_000_000, maxWriteBatchSize: 100_000, localTime: new Date(),
    logicalSessionTimeoutMinutes: 30, connectionId: 1, minWireVersion: 0, maxWireVersion: 21, readOnly: false, ok: 1,
  };
}

function frame(opCode: number, responseTo: number, prefix: Buffer, doc: Document): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + prefix.length + body.length, 0);
  header.writeInt32LE(requestId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, prefix, body]);
}

const OP_MSG_PREFIX = Buffer.alloc(5);
const OP_REPLY_PREFIX = (() => {
  const prefix = Buffer.alloc(20);
  prefix.writeInt32LE(1, 16);
  return prefix;
})();

const server = createServer((socket) => {
  socket.setNoDelay(true);
  const host = `127.0.0.1:${socket.localPort ?? 0}`;
  let pending: Buffer = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      const id = message.readInt32LE(4);
      const opCode = message.readInt32LE(12);
      if (opCode === 2004) {
        socket.write(frame(1, id, OP_REPLY_PREFIX, hello(host)));
        continue;
      }
      const command = BSON.deserialize(message.subarray(21, 21 + message.readInt32LE(21)));
      const name = Object.keys(command)[0] ?? '';
      const reply = name === 'hello' || name.toLowerCase() === 'ismaster' ? hello(host) : { ok: 1 };
      socket.write(frame(2013, id, OP_MSG_PREFIX, reply));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`mongodb://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`);
});
