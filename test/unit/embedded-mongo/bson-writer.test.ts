import { expect } from 'chai';
import { BSON, Binary, Decimal128, Int32, Long, ObjectId, Timestamp, type Document } from 'bson';
import { RecordWriter, decodeRecords } from '../../../src/embedded-mongo/storage/journal-records.js';
import { encodeOpMsg } from '../../../src/embedded-mongo/wire/op-msg.js';
import type { Change } from '../../../src/embedded-mongo/storage/change.js';

const serialized = (doc: Document): Buffer => Buffer.from(BSON.serialize(doc, { checkKeys: false, ignoreUndefined: true }));

function recordOf(changes: Change[]): Buffer {
  const record = new RecordWriter();
  for (const change of changes) record.append(change);
  return Buffer.from(record.finish());
}

const delivery: Document = {
  _id: new ObjectId(),
  announcementId: '665f1c2e9b1d8c0012345678',
  announcementVersion: 1,
  targetKey: 'group:bench-3:g-ar-17',
  state: 'queued',
  fallback: false,
  attempts: 0,
  messageIds: ['m-1', 'm-2'],
  quietHours: { from: '22:00', to: '07:00' },
  plannedAt: new Date('2026-12-01T10:00:00.123Z'),
  reason: null,
  skipped: undefined,
};

const awkward: Document = {
  ints: [0, 1, -1, 2147483647, -2147483648, 2147483648, -2147483649, 2 ** 53 - 1, 2 ** 53, -0],
  doubles: [1.5, -0.25, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300],
  strings: ['', 'a', 'città', '日本語のテキスト', '😀 emoji', 'x'.repeat(100), `${'é'.repeat(40)}!`, 'lone \ud800 surrogate', 'nul\u0000inside'],
  dates: [new Date(0), new Date(-1), new Date(-62135596800000), new Date(8.64e15), new Date(Date.UTC(2026, 11, 1))],
  holes: [1, undefined, null, [], {}, [[1, [2]]]],
  'clé non ascii': true,
  nested: { deeper: { deepest: { id: new ObjectId('0123456789abcdef01234567'), no: false } } },
  nullProto: Object.assign(Object.create(null) as Document, { a: 1 }),
};

describe('embedded engine: BSON written by the engine (journal records, replies)', () => {
  it('RecordWriter, put, patch and del changes of plain documents: the bytes of bson serialize, back to back after a header with length and crc', () => {
    const changes: Change[] = [
      { op: 'put', db: 'sportello', coll: 'deliveries', doc: delivery },
      { op: 'patch', db: 'sportello', coll: 'deliveries', id: delivery['_id'], set: { state: 'sent', sentAt: new Date(5), partsSent: 2 }, unset: ['reason'] },
      { op: 'put', db: 'db', coll: 'c', doc: { _id: 'text-id', ...awkward } },
      { op: 'del', db: 'db', coll: 'c', id: 7 },
    ];

    const record = recordOf(changes);

    const payload = Buffer.concat(changes.map((change) => serialized(change as unknown as Document)));
    expect(record.subarray(8).equals(payload)).to.equal(true);
    expect(record.readUInt32LE(0)).to.equal(payload.length);
    expect(decodeRecords(record).validLength).to.equal(record.length);
  });

  it('RecordWriter, values only bson knows (Long, Int32, Decimal128, Binary, Timestamp, a Buffer, a Map): bson writes that change', () => {
    const changes: Change[] = [
      { op: 'put', db: 'db', coll: 'c', doc: { _id: 1, n: Long.fromString('9007199254740993'), i: new Int32(3), d: Decimal128.fromString('1.10') } },
      { op: 'put', db: 'db', coll: 'c', doc: { _id: 2, bin: new Binary(Buffer.from([1, 2, 3]), 4), ts: new Timestamp({ t: 1, i: 2 }), buf: Buffer.from('ab') } },
      { op: 'put', db: 'db', coll: 'c', doc: { _id: 3, map: new Map([['k', 1]]), fn: () => 1 } },
      { op: 'create', db: 'db', coll: 'c', options: {}, uuid: Buffer.alloc(16, 9) },
    ];

    const record = recordOf(changes);

    const payload = Buffer.concat(changes.map((change) => serialized(change as unknown as Document)));
    expect(record.subarray(8).equals(payload)).to.equal(true);
  });

  it('RecordWriter, Longs and Timestamps of every sign and size: the bytes of bson serialize', () => {
    const longs = ['0', '-1', '9007199254740993', '-9223372036854775808', '9223372036854775807'].map((n) => Long.fromString(n));
    const changes: Change[] = [{ op: 'put', db: 'db', coll: 'c', doc: { _id: 1, longs, ts: new Timestamp({ t: 4294967295, i: 7 }), t0: new Timestamp({ t: 0, i: 0 }) } }];

    const record = recordOf(changes);

    expect(record.subarray(8).equals(serialized(changes[0] as unknown as Document))).to.equal(true);
  });

  it('encodeOpMsg, a find reply with a Long cursor id and a Timestamp, and one holding a Binary: header, flags, kind 0, then the bytes of bson serialize', () => {
    const replies: Document[] = [
      { cursor: { firstBatch: [delivery, delivery], id: Long.fromString('42'), ns: 'sportello.deliveries' }, ok: 1, operationTime: new Timestamp({ t: 1764547200, i: 3 }) },
      { cursor: { firstBatch: Array.from({ length: 50 }, () => delivery), id: Long.ZERO, ns: 'db.c' }, ok: 1 },
      { value: { bin: new Binary(Buffer.from([1, 2])) }, ok: 1 },
    ];
    for (const reply of replies) {
      const message = encodeOpMsg(5, 9, reply);

      const body = serialized(reply);
      expect(message.readInt32LE(0)).to.equal(message.length);
      expect([message.readInt32LE(4), message.readInt32LE(8), message.readInt32LE(12), message.readUInt32LE(16), message[20]]).to.deep.equal([5, 9, 2013, 0, 0]);
      expect(message.subarray(21).equals(body)).to.equal(true);
    }
  });

  it('RecordWriter, a document bson refuses (a key holding a NUL): the error bson raises', () => {
    const record = new RecordWriter();

    expect(() => record.append({ op: 'put', db: 'db', coll: 'c', doc: { _id: 1, 'bad\u0000key': 1 } })).to.throw(/null bytes/);
  });

  it('RecordWriter, a record larger than the first buffer: every change kept, decoded as written', () => {
    const docs = Array.from({ length: 300 }, (_, i) => ({ _id: i, text: `${'t'.repeat(200)}${i}`, list: Array.from({ length: 10 }, (_, j) => j) }));

    const record = recordOf(docs.map((doc) => ({ op: 'put', db: 'db', coll: 'c', doc })));

    const decoded = decodeRecords(record).changes.map((change) => (change as { doc: Document }).doc);
    expect(decoded).to.deep.equal(docs);
  });
});
