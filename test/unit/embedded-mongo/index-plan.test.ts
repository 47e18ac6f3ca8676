import { expect } from 'chai';
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { CollectionData } from '../../../src/embedded-mongo/storage/collection-data.js';
import { planScan, type SortSpec } from '../../../src/embedded-mongo/indexes/index-plan.js';
import { selectDocuments } from '../../../src/embedded-mongo/query/select-documents.js';
import type { Workspace } from '../../../src/embedded-mongo/storage/workspace.js';
import { mingoOptions } from '../../../src/embedded-mongo/query/mingo-options.js';

/** 600 deliveries: 3 announcements × 200, createdAt spread so ties are rare but present. */
function buildDeliveries(): CollectionData {
  const coll = new CollectionData('db', 'deliveries', {}, Buffer.alloc(16));
  coll.addIndex({ key: { announcementId: 1, createdAt: -1 }, name: 'announcementId_1_createdAt_-1' });
  coll.addIndex({ key: { createdAt: -1 }, name: 'createdAt_-1' });
  coll.addIndex({ key: { tags: 1 }, name: 'tags_1' });
  for (let i = 0; i < 600; i += 1) {
    coll.insert({
      _id: i,
      announcementId: `a${i % 3}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 500) * 60_000),
      state: i % 4 === 0 ? 'failed' : 'sent',
      tags: [`t${i % 5}`, `t${(i + 1) % 5}`],
    });
  }
  return coll;
}

function workspaceOver(coll: CollectionData): Workspace {
  return {
    candidates: () => [...coll.docs.values()],
    scan: (_db, _coll, filter, sort) => planScan(coll, filter, sort),
    insert: () => undefined,
    replace: () => undefined,
    remove: () => undefined,
    exists: () => true,
  };
}

function visited(coll: CollectionData, filter: Document, sort?: SortSpec): { ordered: boolean; ids: unknown[] } {
  const scan = planScan(coll, filter, sort);
  const ids: unknown[] = [];
  scan.forEach((doc) => {
    ids.push(doc['_id']);
    return true;
  });
  return { ordered: scan.ordered, ids };
}

/** What mingo alone answers, sorting the whole collection; _id breaks ties so both sides agree. */
function reference(coll: CollectionData, filter: Document, sort: SortSpec, limit: number): unknown[] {
  return new Query(filter, mingoOptions()).find<Document>([...coll.docs.values()]).sort({ ...sort, _id: sort[Object.keys(sort)[0]!]! }).limit(limit).all().map((doc) => doc['_id']);
}

describe('embedded-mongo index planner', () => {
  const coll = buildDeliveries();

  it('compound index, equality on the first field and a range on the second, reads only the matching keys', () => {
    const since = new Date(Date.UTC(2026, 0, 1) + 400 * 60_000);

    const { ids } = visited(coll, { announcementId: 'a1', createdAt: { $gte: since } });

    const expected = [...coll.docs.values()].filter((doc) => doc['announcementId'] === 'a1' && doc['createdAt'] >= since);
    expect(ids.length).to.equal(expected.length).and.to.be.greaterThan(0);
  });

  it('sort by createdAt descending after an equality prefix, walks the compound index in order', () => {
    const { ordered, ids } = visited(coll, { announcementId: 'a2' }, { createdAt: -1 });

    const dates = ids.map((id) => (coll.docs.get(coll.ridOf(id)!)!['createdAt'] as Date).getTime());
    expect(ordered).to.equal(true);
    expect(ids).to.have.length(200);
    expect(dates).to.deep.equal([...dates].sort((a, b) => b - a));
  });

  it('sort on an indexed field with an unindexed filter and a limit, matches a full sort', () => {
    for (const [sort, filter] of [[{ createdAt: -1 }, { state: 'failed' }], [{ createdAt: 1 }, {}], [{ _id: -1 }, { state: 'sent' }]] as const) {
      const page = selectDocuments(workspaceOver(coll), 'db', 'deliveries', { filter, sort, limit: 20 }).map((doc) => doc['_id']);

      const pageDates = page.map((id) => (coll.docs.get(coll.ridOf(id)!)!['createdAt'] as Date).getTime());
      const refDates = reference(coll, filter, sort as SortSpec, 20).map((id) => (coll.docs.get(coll.ridOf(id)!)!['createdAt'] as Date).getTime());
      expect(planScan(coll, filter, sort as SortSpec).ordered).to.equal(true);
      if ('_id' in sort) expect(page).to.deep.equal(reference(coll, filter, sort as SortSpec, 20));
      else expect(pageDates).to.deep.equal(refDates);
    }
  });

  it('multikey index, sort on the array field, falls back to sorting and still dedupes candidates', () => {
    const scan = visited(coll, { tags: { $in: ['t1', 't2'] } }, { tags: 1 });

    expect(scan.ordered).to.equal(false);
    expect(new Set(scan.ids).size).to.equal(scan.ids.length);
  });

  it('range with skip and limit over the compound index, equals the reference answer', () => {
    const filter = { announcementId: { $in: ['a0', 'a1'] }, createdAt: { $lt: new Date(Date.UTC(2026, 0, 1) + 250 * 60_000) } };

    const page = selectDocuments(workspaceOver(coll), 'db', 'deliveries', { filter, sort: { createdAt: -1, _id: -1 }, skip: 5, limit: 10 });

    const all = reference(coll, filter, { createdAt: -1 }, 15).slice(5);
    expect(page.map((doc) => doc['_id'])).to.deep.equal(all);
  });

  it('_id equality beside other clauses, and inside $and with another _id: only that document is a candidate, and the filter decides', () => {
    const point = visited(coll, { _id: 42, state: 'sent' });
    const missing = visited(coll, { _id: 9999, state: 'sent' });

    expect(point).to.deep.equal({ ordered: true, ids: [42] });
    expect(missing.ids).to.deep.equal([]);
    const both = selectDocuments(workspaceOver(coll), 'db', 'deliveries', { filter: { $and: [{ _id: 41 }], _id: 42 } });
    expect(both).to.deep.equal([]);
  });
});
