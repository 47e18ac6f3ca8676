import { crc32 } from 'node:zlib';
import { BSON, type Document } from 'bson';
import type { Change } from './change.js';

/**
 * A record is `[u32 payload length][u32 crc32][payload]`, the payload being the BSON of each
 * change back to back. One record holds everything one group commit wrote, so a transaction
 * is in one record: after a crash it is either all there or not at all.
 */
const RECORD_HEADER = 8;

export function encodeChange(change: Change): Buffer {
  const bytes = BSON.serialize(change as unknown as Document, { checkKeys: false, ignoreUndefined: true });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeRecord(changes: Buffer[]): Buffer {
  const payload = Buffer.concat(changes);
  const header = Buffer.allocUnsafe(RECORD_HEADER);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
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
    const change = BSON.deserialize(payload.subarray(offset, offset + size), { promoteBuffers: false }) as Document;
    if (change['op'] === 'create') {
      const uuid = change['uuid'] as { buffer: Uint8Array };
      change['uuid'] = Buffer.from(uuid.buffer);
    }
    out.push(change as Change);
    offset += size;
  }
  return out;
}
