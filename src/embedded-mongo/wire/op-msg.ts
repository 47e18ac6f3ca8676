import type { Document } from 'bson';
import { decodeDocument, encodeDocument } from './bson-codec.js';
import { Numbers, readDocument } from './bson-reader.js';
import { RAW_DOCUMENTS, type ReceivedDocuments } from './received-documents.js';
import { BsonWriter } from './bson-writer.js';
import { HEADER_SIZE, MAX_BSON_OBJECT_SIZE, MSG_CHECKSUM_PRESENT, MSG_MORE_TO_COME, OP_MSG, writeHeader } from './opcodes.js';
import { MongoCommandError, invalidBson } from '../mongo-error.js';

export interface ParsedOpMsg {
  flags: number;
  moreToCome: boolean;
  /** The kind 0 body with every kind 1 document sequence folded in under its identifier. */
  command: Document;
}

export function parseOpMsg(body: Buffer): ParsedOpMsg {
  const flags = body.readUInt32LE(0);
  const end = flags & MSG_CHECKSUM_PRESENT ? body.length - 4 : body.length;
  let offset = 4;
  let command: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = body[offset];
    offset += 1;
    if (kind === 0) {
      const size = readSize(body, offset, end);
      command = decodeDocument(body.subarray(offset, offset + size), Numbers.Command);
      offset += size;
    } else if (kind === 1) {
      const size = readSize(body, offset, end);
      const sectionEnd = offset + size;
      const nameEnd = body.indexOf(0, offset + 4);
      if (nameEnd < 0 || nameEnd >= sectionEnd) throw invalidBson('document sequence without an identifier');
      const identifier = body.toString('utf8', offset + 4, nameEnd);
      // Inserted documents keep their numbers' types, and so do the `u` of update statements.
      const numbers = identifier === 'documents' ? Numbers.Typed : identifier === 'updates' ? Numbers.Statement : Numbers.Plain;
      const documents: ReceivedDocuments = [];
      const raw: Array<Buffer | undefined> = [];
      let cursor = nameEnd + 1;
      while (cursor < sectionEnd) {
        const docSize = readSize(body, cursor, sectionEnd);
        const bytes = body.subarray(cursor, cursor + docSize);
        const read = readDocument(bytes, numbers);
        documents.push(read ?? decodeDocument(bytes));
        // Only what the engine's reader read decodes from these bytes to exactly the document (see ReceivedDocuments).
        raw.push(read ? bytes : undefined);
        cursor += docSize;
      }
      documents[RAW_DOCUMENTS] = raw;
      sequences.push([identifier, documents]);
      offset = sectionEnd;
    } else {
      throw invalidBson(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!command) throw invalidBson('OP_MSG without a body section');
  for (const [identifier, documents] of sequences) command[identifier] = documents;
  return { flags, moreToCome: (flags & MSG_MORE_TO_COME) !== 0, command };
}

function readSize(buffer: Buffer, offset: number, end: number): number {
  if (offset + 4 > end) throw invalidBson('truncated section');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw invalidBson('section size runs past the message');
  if (size > MAX_BSON_OBJECT_SIZE + 16 * 1024) {
    throw new MongoCommandError(10334, 'BSONObjectTooLarge', `BSONObj size: ${size} is invalid. Size must be between 0 and ${MAX_BSON_OBJECT_SIZE}(16MB)`);
  }
  return size;
}

/** Header, flags and the section kind byte, before the reply document. */
const REPLY_PREFIX = HEADER_SIZE + 5;
/** Most replies (a write's counts, a point read) fit; a larger batch grows the buffer. */
const REPLY_FIRST_SIZE = 1024;

/** The reply written straight after room for its header, without an intermediate copy. */
export function encodeOpMsg(requestId: number, responseTo: number, reply: Document): Buffer {
  const writer = new BsonWriter(REPLY_PREFIX, REPLY_FIRST_SIZE);
  if (!writer.append(reply)) writer.appendBytes(encodeDocument(reply));
  const out = writer.bytes();
  writeHeader(out, { messageLength: out.length, requestId, responseTo, opCode: OP_MSG });
  out.writeUInt32LE(0, HEADER_SIZE);
  out[HEADER_SIZE + 4] = 0;
  return out;
}
