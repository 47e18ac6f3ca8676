import type { Document } from 'bson';
import { decodeDocument, encodeDocument } from './bson-codec.js';
import { HEADER_SIZE, OP_REPLY, writeHeader } from './opcodes.js';
import { invalidBson } from '../mongo-error.js';

export interface ParsedOpQuery {
  fullCollectionName: string;
  query: Document;
}

/** Only the legacy handshake still arrives as OP_QUERY; the caller refuses every other command. */
export function parseOpQuery(body: Buffer): ParsedOpQuery {
  const nameEnd = body.indexOf(0, 4);
  if (nameEnd < 0) throw invalidBson('OP_QUERY without a collection name');
  const fullCollectionName = body.toString('utf8', 4, nameEnd);
  const docStart = nameEnd + 1 + 8;
  if (docStart + 5 > body.length) throw invalidBson('truncated OP_QUERY');
  const size = body.readInt32LE(docStart);
  if (size < 5 || docStart + size > body.length) throw invalidBson('OP_QUERY document runs past the message');
  let query = decodeDocument(body.subarray(docStart, docStart + size));
  // Old drivers wrap the command as { $query: {...}, $readPreference: ... }.
  if (query['$query'] && typeof query['$query'] === 'object') query = query['$query'] as Document;
  return { fullCollectionName, query };
}

export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const payload = encodeDocument(reply);
  const fixed = 20;
  const out = Buffer.allocUnsafe(HEADER_SIZE + fixed + payload.length);
  writeHeader(out, { messageLength: out.length, requestId, responseTo, opCode: OP_REPLY });
  out.writeInt32LE(0, HEADER_SIZE);
  out.writeBigInt64LE(0n, HEADER_SIZE + 4);
  out.writeInt32LE(0, HEADER_SIZE + 12);
  out.writeInt32LE(1, HEADER_SIZE + 16);
  payload.copy(out, HEADER_SIZE + fixed);
  return out;
}
