import { BSON, type Document } from 'bson';
import { invalidBson } from '../mongo-error.js';
import { Numbers, readDocument } from './bson-reader.js';

/**
 * Safe Longs become numbers so mingo compares them numerically with ints and doubles;
 * only Longs beyond 2^53 stay Long objects.
 */
const DESERIALIZE_OPTIONS = { promoteLongs: true, promoteValues: true, promoteBuffers: false } as const;

/** `numbers`: where Double(42) and Longs keep their type (see `Numbers`); what bson decodes has them as numbers. */
export function decodeDocument(buffer: Buffer, numbers: Numbers = Numbers.Plain): Document {
  const read = readDocument(buffer, numbers);
  if (read) return read;
  try {
    return BSON.deserialize(buffer, DESERIALIZE_OPTIONS);
  } catch (error) {
    throw invalidBson(`malformed BSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function encodeDocument(document: Document): Buffer {
  const bytes = BSON.serialize(document, { checkKeys: false, ignoreUndefined: true });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function documentSize(document: Document): number {
  return BSON.calculateObjectSize(document, { ignoreUndefined: true });
}
