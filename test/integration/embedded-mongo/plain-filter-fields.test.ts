import { expect } from 'chai';
import { Query } from 'mingo/query';
import { ObjectId, type Document } from 'bson';
import { compilePlainFilter } from '../../../src/embedded-mongo/query/filter.js';
import { mingoOptions } from '../../../src/embedded-mongo/query/mingo-options.js';

const id = new ObjectId();
// eslint-disable-next-line no-sparse-arrays -- a list with a hole, as a positional update past the end leaves
const withHole = ['a', , 'b'];
const documents: Document[] = [
  { _id: 1 },
  { _id: 2, state: null },
  { _id: 3, state: 'sending', ref: id },
  { _id: 4, state: ['queued', 'sending'] },
  { _id: 5, state: [] },
  { _id: 6, state: withHole },
  { _id: 7, state: { nested: 'sending' }, ref: [id] },
  { _id: 8, nested: { state: 'sending' } },
];

describe('embedded engine: plain filters on a document\'s own fields', () => {
  it('equality and $in of scalars on missing, null, scalar, array, empty, holed and nested values: the documents mingo matches', () => {
    const filters: Document[] = [
      { state: 'sending' },
      { state: { $eq: 'queued' } },
      { state: { $in: ['queued', 'planned'] } },
      { state: { $in: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'sending'] } },
      { ref: id },
      { 'nested.state': 'sending' },
      { _id: 3, state: 'sending' },
    ];
    for (const filter of filters) {
      const test = compilePlainFilter(filter);
      expect(test, JSON.stringify(filter)).to.not.equal(null);
      const mine = documents.filter((doc) => test!(doc)).map((doc) => doc['_id']);
      const query = new Query(filter, mingoOptions());
      const expected = documents.filter((doc) => query.test(doc)).map((doc) => doc['_id']);
      expect(mine, JSON.stringify(filter)).to.deep.equal(expected);
    }
  });
});
