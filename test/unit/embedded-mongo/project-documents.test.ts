import { expect } from 'chai';
import { Long, ObjectId, type Document } from 'bson';
import { Query } from 'mingo/query';
import { projectDocuments } from '../../../src/embedded-mongo/query/project-documents.js';
import { mingoOptions } from '../../../src/embedded-mongo/query/mingo-options.js';

const docs: Document[] = [
  { _id: new ObjectId(), state: 'queued', account: 'a-1', parts: ['one', 'two'], quietHours: { from: '22:00', to: '07:00' }, n: Long.fromString('9007199254740993') },
  { _id: 'text-id', account: 'a-2', state: null, extra: 1 },
  { state: 'sent' },
  { parts: [], _id: 7 },
];

const viaMingo = (projection: Document): Document[] => new Query({}, mingoOptions()).find<Document>(docs, projection).all();

describe('embedded engine: projectDocuments', () => {
  it('projectDocuments, inclusions of top-level fields with and without _id, missing fields, null values: the fields and values mingo gives', () => {
    const projections: Document[] = [
      { state: 1, account: 1 },
      { state: true, parts: 1, _id: 0 },
      { quietHours: 1, n: 1, _id: false },
      { _id: 1, missing: 1 },
      { _id: 1 },
    ];
    for (const projection of projections) {
      const projected = projectDocuments(docs, projection);

      expect(projected, JSON.stringify(projection)).to.deep.equal(viaMingo(projection));
    }
  });

  it('projectDocuments, an inclusion listing fields out of order: the fields in the document order, _id first', () => {
    const projected = projectDocuments([docs[0]!, docs[3]!], { parts: 1, state: 1 });

    expect(projected.map((doc) => Object.keys(doc))).to.deep.equal([['_id', 'state', 'parts'], ['parts', '_id']]);
  });

  it('projectDocuments, nested values: shared with the stored document, which is left unchanged', () => {
    const before = structuredClone(docs[0]!['quietHours']) as Document;

    const [projected] = projectDocuments([docs[0]!], { quietHours: 1 });

    expect(projected!['quietHours']).to.equal(docs[0]!['quietHours']);
    expect(docs[0]!['quietHours']).to.deep.equal(before);
    expect(Object.keys(docs[0]!)).to.have.length(6);
  });

  it('projectDocuments, exclusions, dotted paths, operators and other values: the result of mingo', () => {
    const projections: Document[] = [
      { _id: 0 },
      { state: 0 },
      { 'quietHours.from': 1 },
      { state: 2, account: 1 },
      { label: { $concat: ['$state', '-'] } },
    ];
    for (const projection of projections) {
      const projected = projectDocuments(docs, projection);

      expect(projected, JSON.stringify(projection)).to.deep.equal(viaMingo(projection));
    }
  });

  it('projectDocuments, $slice alone: every other field kept (mingo would drop them), the array cut to its first element', () => {
    const projected = projectDocuments(docs, { parts: { $slice: 1 } });

    expect(projected).to.deep.equal(docs.map((doc) => (Array.isArray(doc['parts']) ? { ...doc, parts: (doc['parts'] as unknown[]).slice(0, 1) } : doc)));
  });

  it('projectDocuments, a mixed inclusion and exclusion: the error mingo raises', () => {
    expect(() => projectDocuments(docs, { state: 1, account: 0 })).to.throw();
  });
});
