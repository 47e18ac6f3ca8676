import { ObjectId, type Document } from 'bson';
import type { CommandHandler } from './command-context.js';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE, MAX_WRITE_BATCH_SIZE } from '../wire/opcodes.js';

const SET_NAME = 'embedded';
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * A one-member replica set, like production: the driver only runs transactions against a
 * replica set. No `topologyVersion` (it would switch the driver to long-polling heartbeats),
 * maxWireVersion 21 (from 25 on the driver sends `bulkWrite`).
 */
export const hello: CommandHandler = (_command, ctx) => {
  const reply: Document = {
    helloOk: true,
    isWritablePrimary: true,
    ismaster: true,
    secondary: false,
    setName: SET_NAME,
    setVersion: 1,
    electionId: ELECTION_ID,
    hosts: [ctx.connection.host],
    primary: ctx.connection.host,
    me: ctx.connection.host,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connection.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
  return reply;
};
