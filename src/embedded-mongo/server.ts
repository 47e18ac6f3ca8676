import { createServer, type Server, type Socket } from 'node:net';
import type { Document } from 'bson';
import { FramingError, MessageFramer, type RawMessage } from './wire/framing.js';
import { encodeOpMsg, parseOpMsg } from './wire/op-msg.js';
import { encodeOpReply, parseOpQuery } from './wire/op-query.js';
import { OP_MSG, OP_QUERY } from './wire/opcodes.js';
import { dispatchCommand } from './commands/dispatch.js';
import { HANDSHAKE_COMMANDS } from './commands/command-table.js';
import type { ConnectionInfo } from './commands/command-context.js';
import type { EngineState } from './engine-state.js';
import { toErrorReply } from './mongo-error.js';
import { stampClusterTime } from './commands/cluster-time.js';

let nextRequestId = 1;
let nextConnectionId = 1;

export interface WireServer {
  readonly server: Server;
  /** Stops accepting and drops every open connection. */
  close(): Promise<void>;
}

/** The TCP side: one framer per connection, OP_MSG for commands, OP_QUERY for the handshake only. */
export function createWireServer(engine: EngineState): WireServer {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(engine, socket);
  });
  return {
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function serveConnection(engine: EngineState, socket: Socket): void {
  const framer = new MessageFramer();
  const connection: ConnectionInfo = {
    id: nextConnectionId++,
    host: `${socket.localAddress ?? '127.0.0.1'}:${socket.localPort ?? 0}`.replace(/^::ffff:/, ''),
  };
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    let messages: RawMessage[];
    try {
      messages = framer.push(chunk);
    } catch (error) {
      if (error instanceof FramingError) socket.destroy();
      return;
    }
    for (const message of messages) void handleMessage(engine, connection, socket, message);
  });
}

async function handleMessage(engine: EngineState, connection: ConnectionInfo, socket: Socket, message: RawMessage): Promise<void> {
  const { header, body } = message;
  if (header.opCode === OP_MSG) {
    let reply: Document;
    let moreToCome = false;
    try {
      const parsed = parseOpMsg(body);
      moreToCome = parsed.moreToCome;
      reply = stampClusterTime(await dispatchCommand(engine, connection, parsed.command));
    } catch (error) {
      reply = toErrorReply(error);
    }
    if (!moreToCome && !socket.destroyed) socket.write(encodeOpMsg(nextRequestId++, header.requestId, reply));
    return;
  }
  if (header.opCode === OP_QUERY) {
    try {
      const { query } = parseOpQuery(body);
      const name = Object.keys(query)[0] ?? '';
      if (!HANDSHAKE_COMMANDS.has(name)) {
        socket.destroy();
        return;
      }
      const reply = await dispatchCommand(engine, connection, query);
      if (!socket.destroyed) socket.write(encodeOpReply(nextRequestId++, header.requestId, reply));
    } catch {
      socket.destroy();
    }
    return;
  }
  // OP_COMPRESSED and the legacy opcodes are refused by closing this connection only.
  socket.destroy();
}
