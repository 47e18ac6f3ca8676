import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { BSON } from 'bson';
import mongoose from 'mongoose';
import { startTempEngine, type TempEngine } from './temp-engine.js';

const { MongoClient } = mongoose.mongo;

function opMsg(body: Uint8Array, opCode = 2013): Buffer {
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(opCode, 12);
  header.writeUInt32LE(0, 16);
  header[20] = 0;
  return Buffer.concat([header, body]);
}

/** Sends raw bytes; resolves with the first reply document, or null when the engine closes the connection. */
async function exchange(port: number, bytes: Buffer): Promise<Record<string, unknown> | null> {
  const socket: Socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(bytes);
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= received.readInt32LE(0)) {
        socket.destroy();
        resolve(BSON.deserialize(received.subarray(21)));
      }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', () => resolve(null));
  });
}

describe('embedded-mongo bad input', () => {
  let temp: TempEngine;
  let client: InstanceType<typeof MongoClient>;

  before(async () => {
    temp = await startTempEngine();
    client = await MongoClient.connect(`${temp.engine.uri}bad`);
    await client.db('bad').collection<{ _id: number }>('kept').insertOne({ _id: 1 });
  });

  after(async () => {
    await client.close();
    await temp.dispose();
  });

  it('malformed BSON in OP_MSG, answers InvalidBSON and keeps serving others', async () => {
    const garbage = Buffer.from([40, 0, 0, 0, 2, 120, 0, 255, 255, 255, 127, 0]);

    const reply = await exchange(temp.engine.port, opMsg(garbage));

    expect(reply?.['ok']).to.equal(0);
    expect(reply?.['code']).to.equal(22);
    expect(await client.db('bad').collection('kept').countDocuments()).to.equal(1);
  });

  it('message declaring more than 48 MB, closes that connection only', async () => {
    const header = Buffer.alloc(16);
    header.writeInt32LE(49_000_000, 0);
    header.writeInt32LE(2013, 12);

    const reply = await exchange(temp.engine.port, header);

    expect(reply).to.equal(null);
    expect(await client.db('bad').collection('kept').countDocuments()).to.equal(1);
  });

  it('unknown opcode (OP_COMPRESSED), closes that connection only', async () => {
    const reply = await exchange(temp.engine.port, opMsg(BSON.serialize({ ping: 1, $db: 'admin' }), 2012));

    expect(reply).to.equal(null);
    expect(await client.db('bad').collection('kept').countDocuments()).to.equal(1);
  });

  it('document over 16 MB, answers BSONObjectTooLarge and stores nothing', async () => {
    const big = BSON.serialize({ insert: 'kept', $db: 'bad', documents: [{ _id: 2, blob: 'x'.repeat(17 * 1024 * 1024) }] });

    const reply = await exchange(temp.engine.port, opMsg(big));

    expect(reply?.['code']).to.equal(10334);
    expect(await client.db('bad').collection('kept').countDocuments()).to.equal(1);
  });

  it('unknown command, answers CommandNotFound naming it', async () => {
    const error = await client.db('bad').command({ frobnicate: 1 }).then(() => null, (e: { code?: number; message?: string }) => e);

    expect(error?.code).to.equal(59);
    expect(error?.message).to.contain('frobnicate');
  });
});
