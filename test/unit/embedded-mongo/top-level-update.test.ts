import { expect } from 'chai';
import { Int32, ObjectId, type Document } from 'bson';
import { update as mingoUpdate } from 'mingo/updater';
import { applyUpdate } from '../../../src/embedded-mongo/query/apply-update.js';
import { cloneDocument } from '../../../src/embedded-mongo/query/clone-document.js';
import { deepEqualDocuments } from '../../../src/embedded-mongo/query/document-equality.js';
import { OPERATOR_UPDATE_OPTIONS } from '../../../src/embedded-mongo/query/mingo-options.js';

const stored: Document = {
  _id: new ObjectId(),
  state: 'sending',
  sentAt: new Date(5),
  quietHours: { from: '22:00', to: '07:00' },
  partsSent: 1,
  messageIds: ['m-1'],
  n: new Int32(3),
};

/** What mingo's updater makes of the same update, and whether the document changed by comparing every field. */
function viaMingo(doc: Document, update: Document): { doc: Document; modified: boolean } {
  const next = cloneDocument(doc);
  mingoUpdate(next, update as never, undefined, undefined, { cloneMode: 'copy', queryOptions: OPERATOR_UPDATE_OPTIONS });
  return { doc: next, modified: !deepEqualDocuments(doc, next) };
}

describe('embedded engine: top-level updates', () => {
  it('applyUpdate, $set of equal and different values, $unset of present and missing fields, $inc by 0 and 1, $push: the document and modified flag of mingo', () => {
    const updates: Document[] = [
      { $set: { state: 'sending' } },
      { $set: { sentAt: new Date(5), quietHours: { from: '22:00', to: '07:00' } } },
      { $set: { n: 3 } },
      { $set: { state: 'sent', partsSent: 2 } },
      { $unset: { reason: 1, notBefore: 1 } },
      { $unset: { sentAt: 1 } },
      { $inc: { partsSent: 0 } },
      { $inc: { partsSent: 1, attempts: 0 } },
      { $push: { messageIds: 'm-2' } },
      { $set: { state: 'sent', updatedAt: new Date(9) }, $push: { messageIds: 'm-2' }, $unset: { reason: 1 } },
    ];
    for (const update of updates) {
      const outcome = applyUpdate(stored, update, undefined, false);

      expect(outcome, JSON.stringify(update)).to.deep.equal(viaMingo(stored, update));
      expect(Object.keys(outcome.doc), JSON.stringify(update)).to.deep.equal(Object.keys(viaMingo(stored, update).doc));
    }
  });

  it('applyUpdate, $set of an object with the same fields in another order: a change, as in MongoDB (mingo keeps the old one)', () => {
    const outcome = applyUpdate(stored, { $set: { quietHours: { to: '07:00', from: '22:00' } } }, undefined, false);

    expect(outcome.modified).to.equal(true);
    expect(Object.keys(outcome.doc['quietHours'] as Document)).to.deep.equal(['to', 'from']);
  });

  it('applyUpdate, a stored document whose _id is not its first field: _id moved first, as before', () => {
    const outcome = applyUpdate({ state: 'queued', _id: 1 }, { $set: { state: 'queued' } }, undefined, false);

    expect(Object.keys(outcome.doc)).to.deep.equal(['_id', 'state']);
    expect(outcome.modified).to.equal(true);
  });
});
