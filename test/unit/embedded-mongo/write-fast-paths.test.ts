import { expect } from 'chai';
import { Int32, Long, ObjectId, type Document } from 'bson';
import { Query } from 'mingo/query';
import { compileFilter } from '../../../src/embedded-mongo/query/filter.js';
import { applyUpdate } from '../../../src/embedded-mongo/query/apply-update.js';
import { mingoOptions } from '../../../src/embedded-mongo/query/mingo-options.js';
import { CollectionData } from '../../../src/embedded-mongo/storage/collection-data.js';
import { duplicateKeyError } from '../../../src/embedded-mongo/indexes/duplicate-key.js';

const ids = Array.from({ length: 40 }, (_, i) => new ObjectId(i.toString(16).padStart(24, '0')));
const docs: Document[] = [
  { _id: ids[3], state: 'queued', n: 1, tags: ['a', 'b'] },
  { _id: ids[30], state: 'sent', n: 2, tags: [] },
  { _id: new ObjectId(), state: 'planned', n: 2.5, when: new Date(0) },
  { _id: 'text-id', state: 'sending', n: 7, tags: ['z'] },
];

describe('embedded engine: filters and updates without mingo', () => {
  it('compileFilter, $in of 40 ObjectIds, of numbers, of strings against arrays, of dates, $size, $or and $and of those: the documents mingo matches', () => {
    const filters: Document[] = [
      { _id: { $in: ids.slice(0, 20) }, state: 'queued' },
      { _id: { $in: [...ids, 'text-id'] } },
      { n: { $in: [2, 7, 100, 101, 102, 103, 104, 105, 106] } },
      { state: { $in: ['planned', 'queued', 'sending'] } },
      { tags: { $in: ['b', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x'] } },
      { when: { $in: [new Date(0), new Date(1), new Date(2), new Date(3), new Date(4), new Date(5), new Date(6), new Date(7), new Date(8)] } },
      { state: { $ne: 'sent' }, $or: [{ tags: { $size: 0 } }, { tags: { $in: ['z'] } }] },
      { $or: [{ tags: { $size: 0 } }, { tags: { $in: ['z', 'q'] } }] },
      { $or: [{ tags: { $size: 2 } }, { n: 2.5 }], $and: [{ state: { $in: ['queued', 'planned'] } }] },
      { tags: { $size: 0 } },
      { missing: { $size: 0 } },
    ];
    for (const filter of filters) {
      const query = new Query(filter, mingoOptions());

      expect(docs.filter(compileFilter(filter)), JSON.stringify(filter)).to.deep.equal(docs.filter((d) => query.test(d)));
    }
  });

  it('compileFilter, $gt/$gte/$lt/$lte of ObjectIds and dates, alone, together, beside other clauses and against arrays and other types: the documents mingo matches', () => {
    const ranged: Document[] = [
      ...docs,
      { _id: ids[12], state: 'queued', when: [new Date(3), new Date(50)] },
      { _id: ids[13], state: 'queued', when: 'not a date' },
      { _id: ids[14], state: 'queued', when: null },
    ];
    const filters: Document[] = [
      { _id: { $gt: ids[3] } },
      { _id: { $gte: ids[3], $lt: ids[30] } },
      { _id: { $lte: ids[12] }, state: 'queued' },
      { when: { $gt: new Date(0) } },
      { when: { $gte: new Date(0), $lte: new Date(3) } },
      { when: { $gt: new Date(10), $lt: new Date(5) } },
      { when: { $lt: new Date(1) }, $or: [{ state: 'planned' }, { state: 'queued' }] },
    ];
    for (const filter of filters) {
      const query = new Query(filter, mingoOptions());

      expect(ranged.filter(compileFilter(filter)), JSON.stringify(filter)).to.deep.equal(ranged.filter((d) => query.test(d)));
    }
  });

  it('compileFilter, $in of numbers against Long and Int32 values: equal across BSON widths, as MongoDB compares them', () => {
    const stored = [{ n: new Long(2) }, { n: new Int32(7) }, { n: 8 }];

    const matched = stored.filter(compileFilter({ n: { $in: [2, 7, 100, 101, 102, 103, 104, 105, 106] } }));

    expect(matched).to.deep.equal(stored.slice(0, 2));
  });

  it('applyUpdate, a delivery marked sent ($set, $push, $unset, $inc on top-level fields): changed fields in place, new ones appended, the stored one untouched', () => {
    const stored = { _id: ids[1], state: 'sending', parts: ['x'], messageIds: [] as string[], reason: 'r', attempts: 0 };

    const { doc, modified } = applyUpdate(
      stored,
      { $set: { state: 'sent', sentAt: new Date(5) }, $push: { messageIds: 'm1' }, $unset: { reason: 1, notBefore: 1 }, $inc: { attempts: 1 } },
      undefined,
      false,
    );

    expect(modified).to.equal(true);
    expect(doc).to.deep.equal({ _id: ids[1], state: 'sent', parts: ['x'], messageIds: ['m1'], attempts: 1, sentAt: new Date(5) });
    expect(Object.keys(doc)).to.deep.equal(['_id', 'state', 'parts', 'messageIds', 'attempts', 'sentAt']);
    expect(stored.messageIds).to.deep.equal([]);
    expect(stored.state).to.equal('sending');
  });

  it('applyUpdate, $inc of a string field or a dotted path: refused with TypeMismatch as MongoDB does, a dotted number incremented by mingo', () => {
    expect(() => applyUpdate({ _id: 1, a: 'x' }, { $inc: { a: 1 } }, undefined, false)).to.throw(/non-numeric type string/);
    expect(applyUpdate({ _id: 1, a: { b: 1 } }, { $inc: { 'a.b': 2 } }, undefined, false).doc).to.deep.equal({ _id: 1, a: { b: 3 } });
  });

  it('replace, a change of a field no unique index covers: still refused when it would duplicate a unique key, and indexes follow the change', () => {
    const coll = new CollectionData('db', 'c', {}, Buffer.alloc(16));
    coll.addIndex({ key: { key: 1 }, name: 'key_1', unique: true });
    coll.addIndex({ key: { state: 1 }, name: 'state_1' });
    const a = coll.insert({ _id: 1, key: 'a', state: 'queued' });
    coll.insert({ _id: 2, key: 'b', state: 'queued' });

    coll.replace(a, { _id: 1, key: 'a', state: 'sent' });

    const byState = (state: string): number[] => {
      const rids: number[] = [];
      coll.indexes.get('state_1')!.keys.scan({ key: [state], inclusive: true }, { key: [state], inclusive: true }, (_, rid) => rids.push(rid) > 0);
      return rids;
    };
    expect(byState('sent')).to.deep.equal([a]);
    expect(byState('queued')).to.have.length(1);
    expect(() => coll.replace(a, { _id: 1, key: 'b', state: 'sent' })).to.throw(duplicateKeyError('db.c', 'key_1', { key: 1 }, { key: 'b' }).message);
  });

  it('replace, a dotted index path whose parent object is replaced by an equal-looking one with another value: the index follows', () => {
    const coll = new CollectionData('db', 'c', {}, Buffer.alloc(16));
    coll.addIndex({ key: { 'meta.lang': 1 }, name: 'meta.lang_1' });
    const rid = coll.insert({ _id: 1, meta: { lang: 'ar' } });

    coll.replace(rid, { _id: 1, meta: { lang: 'ur' } });

    const found: number[] = [];
    coll.indexes.get('meta.lang_1')!.keys.scan({ key: ['ur'], inclusive: true }, { key: ['ur'], inclusive: true }, (_, r) => found.push(r) > 0);
    expect(found).to.deep.equal([rid]);
  });
});
