import { expect } from 'chai';
import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { runPipeline } from '../../../src/embedded-mongo/aggregation/run-pipeline.js';
import { mingoOptions } from '../../../src/embedded-mongo/query/mingo-options.js';

/** 30,000 deliveries: enough for the sliced $sort and $group, with arrays, missing fields and ties. */
function buildDeliveries(): Document[] {
  return Array.from({ length: 30_000 }, (_, i) => ({
    _id: i,
    language: ['it', 'en', 'zh', 'ar', 'uk'][i % 5],
    attempts: (i * 7919) % 13,
    ...(i % 11 === 0 ? {} : { sentAt: new Date(Date.UTC(2026, 0, 1) + ((i * 104_729) % 86_400) * 1000) }),
    tags: [`t${i % 3}`, `t${(i * 5) % 7}`],
    ...(i % 17 === 0 ? {} : { mixed: i % 19 === 0 ? i % 3 : `m${i % 3}` }),
  }));
}

const viaMingo = (docs: Document[], pipeline: Document[]): Document[] => new Aggregator(pipeline, mingoOptions()).run(docs) as Document[];

describe('embedded-mongo sliced pipeline', () => {
  const docs = buildDeliveries();

  for (const [situation, pipeline] of [
    ['$group by language with every combinable accumulator and $avg, then $sort', [
      { $group: { _id: '$language', n: { $sum: 1 }, attempts: { $sum: '$attempts' }, first: { $first: '$_id' }, last: { $last: '$_id' }, low: { $min: '$sentAt' }, high: { $max: '$sentAt' }, avg: { $avg: '$attempts' } } },
      { $sort: { _id: 1 } },
    ]],
    ['one group over everything, accumulated in parts', [
      { $group: { _id: null, n: { $count: {} }, attempts: { $sum: '$attempts' }, ids: { $push: '$_id' }, low: { $min: '$attempts' }, last: { $last: '$sentAt' } } },
    ]],
    ['$sort descending on a field some documents lack, with $limit', [
      { $sort: { sentAt: -1, _id: 1 } },
      { $limit: 500 },
    ]],
    ['$group by an object of fields, strings in most documents, a number or nothing in some', [
      { $group: { _id: { language: '$language', tag: '$mixed' }, n: { $sum: 1 }, first: { $first: '$_id' } } },
      { $sort: { n: -1, first: 1 } },
    ]],
    ['$group by a field some documents lack and some hold as a number', [{ $group: { _id: '$mixed', n: { $sum: 1 } } }]],
    ['$match then $sortByCount on a computed key', [{ $match: { attempts: { $gte: 3 } } }, { $sortByCount: { $mod: ['$attempts', 4] } }]],
  ] as const) {
    it(`${situation}, gives what mingo gives in one go`, async () => {
      const sliced = await runPipeline(docs, pipeline as unknown as Document[], mingoOptions());

      expect(sliced).to.deep.equal(viaMingo(docs, pipeline as unknown as Document[]));
    });
  }

  it('$sort descending on an array field, orders by each array\'s largest element as MongoDB does', async () => {
    const sorted = await runPipeline(docs, [{ $sort: { tags: -1, _id: 1 } }], mingoOptions());

    const largest = (doc: Document): string => [...(doc['tags'] as string[])].sort().at(-1)!;
    const expected = [...docs].sort((a, b) => largest(b).localeCompare(largest(a)) || (a['_id'] as number) - (b['_id'] as number));
    expect(sorted.map((doc) => doc['_id'])).to.deep.equal(expected.map((doc) => doc['_id']));
  });
});
