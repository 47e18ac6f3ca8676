import { BsonType, TWO_TO_32 } from './bson-types.js';

/** Past this depth a document is left to bson's serializer, which also detects cycles. */
const MAX_DEPTH = 100;
/** Strings up to this length are copied character by character; longer ones through Buffer.write. */
const SHORT_STRING = 32;


type Plain = Record<string, unknown>;
type LongLike = { getLowBits(): number; getHighBits(): number };

function isPlainObject(value: object): value is Plain {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as Plain)['toBSON'] !== 'function';
}

/**
 * Appends documents as BSON to one growing buffer, byte for byte what bson's `serialize` writes with
 * `ignoreUndefined`, for the values stored documents and replies mostly hold: strings, numbers, booleans,
 * null, dates, ObjectIds, Longs, Timestamps, arrays and plain objects. `append` returns false, having written
 * nothing, for a document holding anything else (a Binary, a Decimal128, a key with a NUL), which the caller
 * hands to bson. Journal records and replies are written this way: bson's serializer checks each key against a
 * regular expression, tracks the path for cycles and copies its result out of a shared buffer, which cost more
 * than the rest of an update.
 */
export class BsonWriter {
  private buf: Buffer;
  private pos: number;

  /** `reserved` bytes are left at the start, for a header the caller fills in. */
  constructor(reserved: number, initialSize = 16 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(initialSize, reserved));
    this.pos = reserved;
  }

  /** The bytes written so far, header room included (a view, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  append(doc: object): boolean {
    const start = this.pos;
    if (!Array.isArray(doc) && (doc as { _bsontype?: unknown })._bsontype === undefined && isPlainObject(doc) && this.document(doc, 0)) return true;
    this.pos = start;
    return false;
  }

  /** `fields` as `append` writes them, then `name` holding the BSON document `bytes` as it is; false as `append`. */
  appendWithDocumentBytes(fields: Plain, name: string, bytes: Uint8Array): boolean {
    const start = this.pos;
    this.ensure(4);
    this.pos += 4;
    for (const key in fields) {
      const value = fields[key];
      if (value !== undefined && !this.element(key, value, 0)) {
        this.pos = start;
        return false;
      }
    }
    if (!this.head(BsonType.Document, name)) {
      this.pos = start;
      return false;
    }
    this.appendBytes(bytes);
    this.close(start);
    return true;
  }

  appendBytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private document(doc: Plain, depth: number): boolean {
    const start = this.pos;
    this.ensure(4);
    this.pos += 4;
    // Own keys in Object.keys order: a plain object's prototype has no enumerable keys (checked by the caller).
    for (const key in doc) {
      const value = doc[key];
      if (value !== undefined && !this.element(key, value, depth)) return false;
    }
    this.close(start);
    return true;
  }

  private array(items: unknown[], depth: number): boolean {
    const start = this.pos;
    this.ensure(4);
    this.pos += 4;
    for (let i = 0; i < items.length; i += 1) {
      if (!this.element(String(i), items[i] ?? null, depth)) return false;
    }
    this.close(start);
    return true;
  }

  private close(start: number): void {
    this.ensure(1);
    this.buf[this.pos++] = 0;
    this.int32At(start, this.pos - start);
  }

  /** Without Buffer's range checks, which cost as much as the rest of writing a small element. */
  private int32At(at: number, value: number): void {
    const { buf } = this;
    buf[at] = value;
    buf[at + 1] = value >>> 8;
    buf[at + 2] = value >>> 16;
    buf[at + 3] = value >>> 24;
  }

  private element(key: string, value: unknown, depth: number): boolean {
    switch (typeof value) {
      case 'string':
        if (!this.head(BsonType.String, key)) return false;
        this.string(value);
        return true;
      case 'number':
        return this.number(key, value);
      case 'boolean':
        if (!this.head(BsonType.Boolean, key)) return false;
        this.ensure(1);
        this.buf[this.pos++] = value ? 1 : 0;
        return true;
      case 'object':
        return this.object(key, value, depth);
      default:
        return false;
    }
  }

  private number(key: string, value: number): boolean {
    // bson writes an int32 for safe integers in its range (not -0), a double otherwise.
    const int32 = Number.isSafeInteger(value) && value <= 0x7fffffff && value >= -0x80000000 && !Object.is(value, -0);
    if (!this.head(int32 ? BsonType.Int32 : BsonType.Double, key)) return false;
    this.ensure(8);
    if (int32) {
      this.int32At(this.pos, value);
      this.pos += 4;
    } else {
      this.pos = this.buf.writeDoubleLE(value, this.pos);
    }
    return true;
  }

  private object(key: string, value: object | null, depth: number): boolean {
    if (value === null) return this.head(BsonType.Null, key);
    if (depth >= MAX_DEPTH) return false;
    if (Array.isArray(value)) return this.head(BsonType.Array, key) && this.array(value, depth + 1);
    if (value instanceof Date) {
      const ms = value.getTime();
      if (!Number.isSafeInteger(ms) || !this.head(BsonType.Date, key)) return false;
      const high = Math.floor(ms / TWO_TO_32);
      this.ensure(8);
      this.int32At(this.pos, ms - high * TWO_TO_32);
      this.int32At(this.pos + 4, high);
      this.pos += 8;
      return true;
    }
    const tag = (value as { _bsontype?: unknown })._bsontype;
    if (tag === 'Long' || tag === 'Timestamp') return this.int64(key, tag === 'Long' ? BsonType.Int64 : BsonType.Timestamp, value as LongLike);
    if (tag === 'ObjectId') {
      const id = (value as { id?: unknown }).id;
      if (!(id instanceof Uint8Array) || id.length !== 12 || !this.head(BsonType.ObjectId, key)) return false;
      this.appendBytes(id);
      return true;
    }
    if (tag !== undefined || !isPlainObject(value)) return false;
    return this.head(BsonType.Document, key) && this.document(value, depth + 1);
  }

  /** A Long or a Timestamp (a cursor id, `operationTime`): its low then high 32 bits. */
  private int64(key: string, type: number, value: LongLike): boolean {
    if (typeof value.getLowBits !== 'function' || !this.head(type, key)) return false;
    this.ensure(8);
    this.int32At(this.pos, value.getLowBits());
    this.int32At(this.pos + 4, value.getHighBits());
    this.pos += 8;
    return true;
  }

  /** The element's type and name; false for a name bson refuses (holding a NUL), which the caller hands to bson. */
  private head(type: number, key: string): boolean {
    this.ensure(key.length * 3 + 2);
    const { buf } = this;
    const start = this.pos;
    buf[start] = type;
    let p = start + 1;
    for (let i = 0; i < key.length; i += 1) {
      const c = key.charCodeAt(i);
      if (c === 0) return false;
      if (c >= 0x80) {
        if (key.includes('\u0000')) return false;
        p = start + 1 + buf.write(key, start + 1, 'utf8');
        break;
      }
      buf[p++] = c;
    }
    buf[p++] = 0;
    this.pos = p;
    return true;
  }

  /** int32 byte length (with the NUL), UTF-8 bytes, NUL. */
  private string(value: string): void {
    this.ensure(value.length * 3 + 5);
    const { buf } = this;
    const at = this.pos + 4;
    let size = -1;
    if (value.length <= SHORT_STRING) {
      size = 0;
      for (let i = 0; i < value.length; i += 1) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) {
          size = -1;
          break;
        }
        buf[at + size++] = c;
      }
    }
    if (size < 0) size = buf.write(value, at, 'utf8');
    buf[at + size] = 0;
    this.int32At(this.pos, size + 1);
    this.pos = at + size + 1;
  }
}
