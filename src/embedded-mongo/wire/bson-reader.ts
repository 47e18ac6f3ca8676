import { Binary, Double, Long, ObjectId, Timestamp, UUID, type Document } from 'bson';
import { noteTypedNumber } from '../query/numeric-types.js';
import { BsonType, TWO_TO_32 } from './bson-types.js';

const SUBTYPE_OLD_BINARY = 0x02;
const SUBTYPE_UUID = 0x04;
/** An int64 whose high word is within ±2^21 is a safe integer, which bson hands over as a number. */
const SAFE_HIGH_WORD = 0x200000;
/** Past this depth a document is left to bson, as the writer does. */
const MAX_DEPTH = 100;
/** Slots of each cache of recent strings, and the longest string kept. */
const CACHE_SIZE = 4096;
const MAX_CACHED_LENGTH = 32;

/**
 * Where the numbers a plain JS number would change the type of (an integral double in the int32 range, any int64)
 * are read as `Double` and `Long` (see `query/numeric-types.ts`): in stored documents, not in a command's own
 * fields (`txnNumber`, `getMore`, `limit`…), which the engine reads as numbers.
 */
export const Numbers = {
  /** Everything as numbers (filters, command fields). */
  Plain: 0,
  /** Typed: a document to store. */
  Typed: 1,
  /** A command body: `documents` (insert) and `update` (findAndModify) typed, `updates` as a list of statements. */
  Command: 2,
  /** An update command's statements, each with its `u` typed. */
  Statements: 3,
  Statement: 4,
  /** A journal change: its `doc` and `set` typed. */
  JournalChange: 5,
} as const;
export type Numbers = (typeof Numbers)[keyof typeof Numbers];

function childNumbers(mode: Numbers, name: string, isArray: boolean): Numbers {
  switch (mode) {
    case Numbers.Typed:
      return Numbers.Typed;
    case Numbers.Command:
      if (name === 'documents' || name === 'update') return Numbers.Typed;
      return name === 'updates' ? Numbers.Statements : Numbers.Plain;
    case Numbers.Statements:
      return isArray ? Numbers.Statement : Numbers.Plain;
    case Numbers.Statement:
      return name === 'u' ? Numbers.Typed : Numbers.Plain;
    case Numbers.JournalChange:
      return name === 'doc' || name === 'set' ? Numbers.Typed : Numbers.Plain;
    default:
      return Numbers.Plain;
  }
}

/** Thrown inside the reader for anything it leaves to bson; never escapes `readDocument`. */
const LEAVE_TO_BSON = new Error('left to bson');

/**
 * Reads one BSON document into the values bson's `deserialize` gives with `promoteValues`, `promoteLongs` and
 * without `promoteBuffers`, for the types commands mostly carry: strings, numbers, booleans, null, dates,
 * ObjectIds, safe int64s, timestamps, binaries (a session id), arrays and plain objects. Undefined for anything
 * else, or anything bson would refuse or treat specially (a malformed size, invalid UTF-8, a DBRef, `__proto__`),
 * which the caller hands to bson. Every command and every inserted document is decoded: bson's deserializer
 * re-reads its options for each document and builds a Long for each date, which cost a fifth of an update.
 */
export function readDocument(buffer: Buffer, numbers: Numbers = Numbers.Plain): Document | undefined {
  if (buffer.length < 5 || buffer.readInt32LE(0) !== buffer.length) return undefined;
  try {
    return readObject(buffer, 0, buffer.length, 0, false, numbers) as Document;
  } catch {
    // LEAVE_TO_BSON, or a read past the end of a malformed document: bson gives the answer, or the error.
    return undefined;
  }
}

/** The document or array spanning `start` to `end` (its size already checked), its last byte the terminator. */
function readObject(buffer: Buffer, start: number, end: number, depth: number, isArray: boolean, numbers: Numbers): Document | unknown[] {
  if (depth > MAX_DEPTH || buffer[end - 1] !== 0) throw LEAVE_TO_BSON;
  const object: Document | unknown[] = isArray ? [] : {};
  let index = start + 4;
  const last = end - 1;
  while (index < last) {
    const type = buffer[index++]!;
    let nameEnd = index;
    while (nameEnd < last && buffer[nameEnd] !== 0) nameEnd += 1;
    if (nameEnd >= last) throw LEAVE_TO_BSON;
    const name = isArray ? '' : readKey(buffer, index, nameEnd);
    index = nameEnd + 1;
    let value: unknown;
    switch (type) {
      case BsonType.String: {
        const size = sizeAt(buffer, index, last, 1);
        if (buffer[index + 3 + size] !== 0) throw LEAVE_TO_BSON;
        value = readString(buffer, index + 4, index + 3 + size);
        index += 4 + size;
        break;
      }
      case BsonType.Int32:
        if (index + 4 > last) throw LEAVE_TO_BSON;
        value = buffer.readInt32LE(index);
        index += 4;
        break;
      case BsonType.Double:
        if (index + 8 > last) throw LEAVE_TO_BSON;
        value = buffer.readDoubleLE(index);
        if (numbers === Numbers.Typed && Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31) {
          value = new Double(value as number);
          noteTypedNumber();
        }
        index += 8;
        break;
      case BsonType.Date:
      case BsonType.Int64: {
        if (index + 8 > last) throw LEAVE_TO_BSON;
        const low = buffer.readUInt32LE(index);
        const high = buffer.readInt32LE(index + 4);
        const ms = high * TWO_TO_32 + low;
        if (type === BsonType.Date) value = new Date(ms);
        else if (numbers === Numbers.Typed) {
          value = new Long(low, high);
          noteTypedNumber();
        } else if (high >= -SAFE_HIGH_WORD && high < SAFE_HIGH_WORD) value = ms;
        else throw LEAVE_TO_BSON;
        index += 8;
        break;
      }
      case BsonType.ObjectId: {
        if (index + 12 > last) throw LEAVE_TO_BSON;
        // A copy of its own, as bson makes: a view would keep the whole request buffer alive with the stored document.
        const id = Buffer.allocUnsafe(12);
        for (let i = 0; i < 12; i += 1) id[i] = buffer[index + i]!;
        value = new ObjectId(id);
        index += 12;
        break;
      }
      case BsonType.Boolean: {
        const byte = buffer[index];
        if (index >= last || (byte !== 0 && byte !== 1)) throw LEAVE_TO_BSON;
        value = byte === 1;
        index += 1;
        break;
      }
      case BsonType.Null:
        value = null;
        break;
      case BsonType.Document:
      case BsonType.Array: {
        // The size counts its own four bytes.
        const size = sizeAt(buffer, index, last + 4, 5);
        value = readObject(buffer, index, index + size, depth + 1, type === BsonType.Array, childNumbers(numbers, name, isArray));
        index += size;
        break;
      }
      case BsonType.Timestamp:
        if (index + 8 > last) throw LEAVE_TO_BSON;
        value = new Timestamp({ i: buffer.readUInt32LE(index), t: buffer.readUInt32LE(index + 4) });
        index += 8;
        break;
      case BsonType.Binary: {
        // Four bytes of size, then the subtype, then the bytes.
        const size = sizeAt(buffer, index, last - 1, 0);
        const subtype = buffer[index + 4]!;
        if (subtype === SUBTYPE_OLD_BINARY) throw LEAVE_TO_BSON;
        const binary = new Binary(buffer.subarray(index + 5, index + 5 + size), subtype);
        value = subtype === SUBTYPE_UUID && UUID.isValid(binary) ? binary.toUUID() : binary;
        index += 5 + size;
        break;
      }
      default:
        throw LEAVE_TO_BSON;
    }
    if (isArray) (object as unknown[]).push(value);
    else (object as Document)[name] = value;
  }
  if (index !== last) throw LEAVE_TO_BSON;
  return object;
}

/** The int32 size at `at`, at least `min`, of what runs from `at + 4` for that many bytes up to `limit` at most. */
function sizeAt(buffer: Buffer, at: number, limit: number, min: number): number {
  if (at + 4 > limit) throw LEAVE_TO_BSON;
  const size = buffer.readInt32LE(at);
  if (size < min || at + 4 + size > limit) throw LEAVE_TO_BSON;
  return size;
}

/**
 * Short strings read lately, found by length and three of their bytes and checked byte by byte: field names and
 * many values (a state, a language, an announcement's id) repeat in every document, and handing back the same
 * string spares making one, and the memory of a copy per stored document.
 */
class RecentStrings {
  private readonly slots = new Array<string | undefined>(CACHE_SIZE);

  /** The string of those bytes, remembered or made by `decode` (and then remembered, when it is plain ASCII). */
  get(buffer: Buffer, start: number, end: number, decode: (text: string) => string): string {
    const length = end - start;
    if (length === 0 || length > MAX_CACHED_LENGTH) return decode(buffer.toString('utf8', start, end));
    const slot = (length * 31 + buffer[start]! * 7 + buffer[end - 1]! * 131 + (buffer[start + (length >> 1)]! << 3)) & (CACHE_SIZE - 1);
    const cached = this.slots[slot];
    if (cached !== undefined && cached.length === length) {
      let i = 0;
      while (i < length && cached.charCodeAt(i) === buffer[start + i]) i += 1;
      if (i === length) return cached;
    }
    const text = decode(buffer.toString('utf8', start, end));
    // As many characters as bytes: ASCII, compared byte for byte above.
    if (text.length === length) this.slots[slot] = text;
    return text;
  }
}

const keys = new RecentStrings();
const values = new RecentStrings();

/** A field name; those bson turns into something other than a plain property are left to it. */
function readKey(buffer: Buffer, start: number, end: number): string {
  return keys.get(buffer, start, end, checkedKey);
}

function checkedKey(key: string): string {
  // `$ref`/`$id` may make a DBRef, and `__proto__` is defined rather than assigned: bson's own business.
  if (key === '__proto__' || key === '$ref' || key === '$id') throw LEAVE_TO_BSON;
  return key;
}

/** A string value; one that is not valid UTF-8 (a replacement character appears) is left to bson, which refuses it. */
function readString(buffer: Buffer, start: number, end: number): string {
  return values.get(buffer, start, end, checkedValue);
}

function checkedValue(value: string): string {
  if (value.includes('\uFFFD')) throw LEAVE_TO_BSON;
  return value;
}
