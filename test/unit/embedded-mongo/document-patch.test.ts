import { expect } from 'chai';
import { BSON, ObjectId, type Document } from 'bson';
import { applyUpdate } from '../../../src/embedded-mongo/query/apply-update.js';
import { applyPatch, documentPatch } from '../../../src/embedded-mongo/storage/document-patch.js';

const stored: Document = { _id: new ObjectId(), state: 'queued', parts: ['uno', 'due'], reason: 'later', notBefore: new Date(5), messageIds: [], n: 1 };
/** Through the journal's BSON, as recovery reads it back. */
const roundTrip = (doc: Document): Document => BSON.deserialize(BSON.serialize(doc));

describe('embedded engine: journal patches of updated documents', () => {
  it('documentPatch, a state change of top-level fields by operators: only those fields, replayed into the same document with its field order', () => {
    const updates: Document[] = [
      { $set: { state: 'sending', updatedAt: new Date(9) } },
      { $set: { state: 'sent', sentAt: new Date(10) }, $push: { messageIds: 'm-1' }, $unset: { reason: 1, notBefore: 1 }, $inc: { n: 1 } },
      { $set: { 'parts.1': 'tre' } },
      { $rename: { reason: 'why' } },
    ];
    for (const update of updates) {
      const { doc: after } = applyUpdate(stored, update as never, undefined, false);

      const patch = documentPatch(stored, after);

      expect(patch, JSON.stringify(update)).to.not.equal(undefined);
      const replayed = applyPatch(roundTrip(stored), roundTrip(patch!) as never);
      expect(Object.keys(replayed), JSON.stringify(update)).to.deep.equal(Object.keys(after));
      expect(replayed, JSON.stringify(update)).to.deep.equal(roundTrip(after));
    }
  });

  it('documentPatch, the first change of a small state update: the unchanged fields are left out', () => {
    const { doc: after } = applyUpdate(stored, { $set: { state: 'sending' } } as never, undefined, false);

    expect(documentPatch(stored, after)).to.deep.equal({ set: { state: 'sending' }, unset: [] });
  });

  it('documentPatch, a replacement that reorders the fields it keeps: undefined, so the whole document is recorded', () => {
    const after = { _id: stored['_id'], n: 2, state: 'queued' };

    expect(documentPatch(stored, after)).to.equal(undefined);
  });
});
