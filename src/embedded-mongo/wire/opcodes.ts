export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;
export const MSG_EXHAUST_ALLOWED = 1 << 16;

/** The limits announced in the handshake and enforced on every message. */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;

export interface MessageHeader {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export const HEADER_SIZE = 16;

export function writeHeader(buffer: Buffer, header: MessageHeader): void {
  buffer.writeInt32LE(header.messageLength, 0);
  buffer.writeInt32LE(header.requestId, 4);
  buffer.writeInt32LE(header.responseTo, 8);
  buffer.writeInt32LE(header.opCode, 12);
}
