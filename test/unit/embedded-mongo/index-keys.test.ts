import { expect } from 'chai';
import { Long, ObjectId, type Document } from 'bson';
import { CollectionIndex } from '../../../src/embedded-mongo/indexes/collection-index.js';
import { dedupeValues, keyTuples, valuesAtPath } from '../../../src/embedded-mongo/indexes/key-paths.js';
import { compareBson } from '../../../src/embedded-mongo/indexes/bson-order.js';
import { idKey } from '../../../src/embedded-mongo/storage/id-key.js';
import { Catalog } from '../../../src/embedded-mongo/storage/catalog.js';

const docs: Document[] = [
  { _id: 1, state: 'queued', announcementId: 'a1', n: 3 },
  { _id: 2, state: null, n: Long.fromNumber(4) },
  { _id: 3, announcementId: 'a2', state: ['x', 'y', 'x'] },
  { _id: 4, state: [], announcementId: { nested: 'v' } },
  { _id: 5 },
];

/** The keys the general path (every value a dotted path reaches, then their combinations) gives. */
function generalKeys(fields: string[], doc: Document): unknown[] {
  if (fields.length === 1) return dedupeValues(valuesAtPath(doc, fields[0]!));
  return keyTuples(fields.map((field) => valuesAtPath(doc, field)));
}

describe('embedded engine: index keys and _id keys', () => {
  it('keysOf, top-level single and compound indexes over scalars, nulls, missing fields, arrays and objects: the keys of the general path', () => {
    const keys: Array<Record<string, number>> = [{ state: 1 }, { state: 1, announcementId: 1 }, { announcementId: 1, state: -1, n: 1 }];
    for (const key of keys) {
      const index = new CollectionIndex({ key, name: Object.keys(key).join('_') });
      for (const doc of docs) {
        expect(index.keysOf(doc), `${JSON.stringify(key)} ${JSON.stringify(doc)}`).to.deep.equal(generalKeys(Object.keys(key), doc));
      }
    }
  });

  it('valuesAtPath, a top-level field holding a scalar, null, an array, an empty array or nothing: one value per element, null when missing', () => {
    const stored = { s: 'x', z: null, list: ['a', 'b'], empty: [], nested: { k: 1 } };

    const found = ['s', 'z', 'list', 'empty', 'nested', 'missing'].map((field) => valuesAtPath(stored, field));

    expect(found).to.deep.equal([['x'], [null], ['a', 'b'], [undefined], [{ k: 1 }], [null]]);
    expect(found[2]).to.not.equal(stored.list);
    expect(valuesAtPath({ a: [{ b: 1 }, { b: 2 }] }, 'a.b')).to.deep.equal([1, 2]);
  });

  it('compareBson, strings and numbers of the same and of other types: the order of their brackets and values', () => {
    expect(compareBson('a', 'b')).to.be.below(0);
    expect(compareBson('b', 'b')).to.equal(0);
    expect(compareBson(2, 10)).to.be.below(0);
    expect(compareBson(-0, 0)).to.equal(0);
    expect(compareBson(Number.NaN, 1)).to.be.below(0);
    expect(compareBson(Number.NaN, Number.NaN)).to.equal(0);
    expect(compareBson(5, 'a')).to.be.below(0);
    expect(compareBson(Long.fromNumber(3), 2)).to.be.above(0);
  });

  it('idKey, the same ObjectId as two objects, and ObjectIds that differ in one byte: one key for equal ids, distinct keys otherwise', () => {
    const id = new ObjectId();
    const other = new ObjectId(id.toHexString().slice(0, 23) + (id.toHexString().endsWith('0') ? '1' : '0'));

    expect(idKey(new ObjectId(id.toHexString()))).to.equal(idKey(id));
    expect(idKey(other)).to.not.equal(idKey(id));
    expect(idKey(id)).to.have.length(13);
    expect(new Set([idKey(id), idKey(id.toHexString()), idKey(1), idKey(new Date(1))]).size).to.equal(4);
  });

  it('Catalog.replace, a change that keeps a unique key and one that would duplicate it: the first is applied, the second refused', () => {
    const catalog = new Catalog(() => undefined);
    const coll = catalog.ensureCollection('db', 'c');
    catalog.createIndex(coll, { key: { key: 1 }, name: 'key_1', unique: true });
    catalog.insert(coll, { _id: 1, key: 'a', state: 'queued' });
    catalog.insert(coll, { _id: 2, key: 'b', state: 'queued' });
    const rid = coll.ridOf(1)!;

    catalog.replace(coll, rid, { _id: 1, key: 'a', state: 'sent' });

    expect(coll.docs.get(rid)).to.deep.equal({ _id: 1, key: 'a', state: 'sent' });
    expect(() => catalog.replace(coll, rid, { _id: 1, key: 'b', state: 'sent' })).to.throw(/E11000/);
    expect(coll.docs.get(rid)).to.deep.equal({ _id: 1, key: 'a', state: 'sent' });
  });
});
