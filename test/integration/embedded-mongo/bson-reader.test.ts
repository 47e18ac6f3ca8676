import { expect } from 'chai';
import { BSON, Binary, BSONRegExp, Code, DBRef, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID, type Document } from 'bson';
import { readDocument } from '../../../src/embedded-mongo/wire/bson-reader.js';

const OPTIONS = { promoteLongs: true, promoteValues: true, promoteBuffers: false } as const;
const bytesOf = (doc: Document): Buffer => Buffer.from(BSON.serialize(doc, { checkKeys: false }));

/** The same values of the same classes, field for field and in the same order (chai's deep equality ignores order). */
function expectSame(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || typeof expected !== 'object') {
    expect(Object.is(actual, expected), `${path}: ${String(actual)} vs ${String(expected)}`).to.equal(true);
    return;
  }
  expect(Object.getPrototypeOf(actual), `${path} class`).to.equal(Object.getPrototypeOf(expected));
  if (expected instanceof Date) return expectSame((actual as Date).getTime(), expected.getTime(), path);
  if (expected instanceof Uint8Array) {
    expect(Buffer.compare(actual as Uint8Array, expected), path).to.equal(0);
    return;
  }
  expect(Object.keys(actual as object), `${path} keys`).to.deep.equal(Object.keys(expected));
  for (const key of Object.keys(expected)) expectSame((actual as Document)[key], (expected as Document)[key], `${path}.${key}`);
}

const delivery: Document = {
  _id: new ObjectId(),
  announcementId: '665f1c2e9b1d8c0012345678',
  announcementVersion: 1,
  targetKey: 'group:whatsapp:bench-3:g-ar-17@g.us',
  fallback: false,
  state: 'queued',
  plannedAt: new Date('2026-12-01T10:00:00.123Z'),
  messageIds: ['m-1', 'm-2'],
  quietHours: { from: '22:00', to: '07:00' },
  reason: null,
};

const plain: Document[] = [
  delivery,
  { update: 'deliveries', updates: [{ q: { _id: delivery['_id'], state: 'sending' }, u: { $set: { state: 'sent', sentAt: new Date(5) }, $push: { messageIds: 'sim-1' } } }], ordered: false, lsid: { id: new UUID() }, txnNumber: Long.fromNumber(7), $db: 'sportello' },
  { ints: [0, 1, -1, 2147483647, -2147483648], longs: [Long.fromNumber(2 ** 53 - 1), Long.fromNumber(-(2 ** 53)), Long.fromNumber(2 ** 40), Long.fromNumber(-5)] },
  { doubles: [1.5, -0.25, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, 2 ** 31] },
  { strings: ['', 'a', 'città', '日本語のテキスト', '😀 emoji', 'x'.repeat(100)] },
  { dates: [new Date(0), new Date(-1), new Date(-62135596800000), new Date(8.64e15), new Date(Date.UTC(2026, 11, 1))] },
  { 'clé non ascii': true, '': 'empty name', $db: 'x', nested: { deeper: { deepest: [[1, [2, { a: [] }]], {}] } } },
  { binaries: [new Binary(Buffer.from('abc'), 0), new Binary(Buffer.alloc(16, 1), 4), new Binary(Buffer.alloc(3, 1), 4), new Binary(Buffer.alloc(0), 5)] },
  { ts: new Timestamp({ t: 1_800_000_000, i: 4_000_000_000 }), $clusterTime: { clusterTime: new Timestamp({ t: 1, i: 2 }) } },
];

/** Values the reader leaves to bson (so bson's answer, or its error, stands). */
const leftToBson: Document[] = [
  { big: Long.fromString('9007199254740993') },
  { edge: Long.fromNumber(2 ** 53) },
  { d: Decimal128.fromString('1.10') },
  { re: /a.b/i },
  { re: new BSONRegExp('a', 'x') },
  { code: new Code('x') },
  { min: new MinKey(), max: new MaxKey() },
  { ref: new DBRef('c', new ObjectId()) },
  { maybeRef: { $ref: 'c', $id: 1, other: true } },
  { old: new Binary(Buffer.from('ab'), 2) },
  { replacement: 'a genuine \uFFFD replacement character' },
  JSON.parse('{"__proto__": {"polluted": true}}') as Document,
];

describe('embedded engine: BSON reader for incoming commands and documents', () => {
  it('readDocument, documents of the types it reads: the values and classes bson deserialize gives, in order', () => {
    for (const doc of plain) {
      const bytes = bytesOf(doc);
      const read = readDocument(bytes);
      expect(read, JSON.stringify(Object.keys(doc))).to.not.equal(undefined);
      expectSame(read, BSON.deserialize(bytes, OPTIONS));
    }
  });

  it('readDocument, types and names bson treats specially: undefined, leaving them to bson', () => {
    for (const doc of leftToBson) expect(readDocument(bytesOf(doc)), JSON.stringify(Object.keys(doc))).to.equal(undefined);
  });

  it('readDocument, invalid UTF-8 in a string: undefined (bson refuses it)', () => {
    const bytes = bytesOf({ s: 'abcd' });
    bytes[bytes.indexOf('abcd')] = 0xff;
    expect(readDocument(bytes)).to.equal(undefined);
    expect(() => BSON.deserialize(bytes, OPTIONS)).to.throw();
  });

  it('readDocument, every document with one byte changed or cut short: either undefined or what bson deserialize gives', () => {
    let read = 0;
    for (const doc of plain) {
      const bytes = bytesOf(doc);
      for (let at = 0; at < bytes.length; at += 1) {
        for (const value of [0, 1, 4, 5, 0x7f, 0x80, 0xff, bytes[at]! + 1]) {
          const changed = Buffer.from(bytes);
          changed[at] = value;
          const mine = readDocument(changed);
          if (mine === undefined) continue;
          read += 1;
          expectSame(mine, BSON.deserialize(changed, OPTIONS), `byte ${at} = ${value}`);
        }
        expect(readDocument(bytes.subarray(0, at))).to.equal(undefined);
      }
    }
    expect(read).to.be.greaterThan(100);
  });
});
