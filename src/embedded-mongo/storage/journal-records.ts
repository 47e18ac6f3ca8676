import { crc32 } from 'node:zlib';
import { Numbers, readDocument } from '../wire/bson-reader.js';
import { BSON, type Document } from 'bson';
import type { Change } from './change.js';
import { BsonWriter } from '../wire/bson-writer.js';

/**
 * A record is `[u32 payload length][u32 crc32][payload]`, the payload being the BSON of each
 * change back to back. One record holds everything one group commit wrote, so a transaction
 * is in one record: after a crash it is either all there or not at all.
 */
const RECORD_HEADER = 8;

const SERIALIZE_OPTIONS = { checkKeys: false, ignoreUndefined: true } as const;

/** One record being filled: its changes are written straight after the room left for its header. */
export class RecordWriter {
  private readonly out = new BsonWriter(RECORD_HEADER);

  append(change: Change): void {
    if (change.op === 'put' && change.received) {
      const { op, db, coll } = change;
      if (this.out.appendWithDocumentBytes({ op, db, coll }, 'doc', change.received)) return;
      return this.append({ op, db, coll, doc: change.doc });
    }
    if (!this.out.append(change)) this.out.appendBytes(BSON.serialize(change as unknown as Document, SERIALIZE_OPTIONS));
  }

  /** The whole record, header included; the writer is done with. */
  finish(): Buffer {
    const record = this.out.bytes();
    const payload = record.subarray(RECORD_HEADER);
    record.writeUInt32LE(payload.length, 0);
    record.writeUInt32LE(crc32(payload), 4);
    return record;
  }
}

export interface DecodedRecords {
  changes: Change[];
  /** Bytes of whole, valid records; anything after is a torn write to cut off. */
  validLength: number;
}

export function decodeRecords(file: Buffer): DecodedRecords {
  const changes: Change[] = [];
  let offset = 0;
  while (offset + RECORD_HEADER <= file.length) {
    const length = file.readUInt32LE(offset);
    const end = offset + RECORD_HEADER + length;
    if (end > file.length) break;
    const payload = file.subarray(offset + RECORD_HEADER, end);
    if (crc32(payload) !== file.readUInt32LE(offset + 4)) break;
    changes.push(...decodeChanges(payload));
    offset = end;
  }
  return { changes, validLength: offset };
}

function decodeChanges(payload: Buffer): Change[] {
  const out: Change[] = [];
  let offset = 0;
  while (offset < payload.length) {
    const size = payload.readInt32LE(offset);
    const bytes = payload.subarray(offset, offset + size);
    // The engine's reader first: it keeps Double(42) and Longs in stored documents as they were sent (numeric-types.ts).
    const change = readDocument(bytes, Numbers.JournalChange) ?? (BSON.deserialize(bytes, { promoteBuffers: false }) as Document);
    if (change['op'] === 'create') {
      const uuid = change['uuid'] as { buffer: Uint8Array };
      change['uuid'] = Buffer.from(uuid.buffer);
    }
    out.push(change as Change);
    offset += size;
  }
  return out;
}
