import { expect } from 'chai';
import { ObjectId, type Document } from 'bson';
import { topLevelUpdate, type PatchNote } from '../../../src/embedded-mongo/query/top-level-update.js';
import { applyUpdate } from '../../../src/embedded-mongo/query/apply-update.js';
import { applyPatch, documentPatch } from '../../../src/embedded-mongo/storage/document-patch.js';

const delivery: Document = {
  _id: new ObjectId(),
  announcementId: '665f1c2e9b1d8c0012345678',
  state: 'sending',
  attempts: 1,
  reason: 'throttled',
  messageIds: ['m-1'],
  updatedAt: new Date(1),
};

const updates: Document[] = [
  { $set: { state: 'sent', sentAt: new Date(2), partsSent: 1, updatedAt: new Date(2) }, $push: { messageIds: 'm-2' } },
  { $set: { state: 'sending' } },
  { $set: { state: 'sending', quietHours: { from: '22:00' } }, $unset: { reason: '', missing: '' } },
  { $inc: { attempts: 1, retries: 2 }, $unset: { updatedAt: 1 } },
  { $push: { parts: 'p-1' }, $set: { attempts: 1 } },
  { $unset: { state: '', announcementId: '' }, $set: { state2: 'x' } },
];

describe('embedded engine: the journal patch an update notes as it applies', () => {
  it('topLevelUpdate, $set/$unset/$inc/$push of kept, new, equal and missing fields: the patch documentPatch finds, which rebuilds the document field for field and in order', () => {
    for (const update of updates) {
      const note: PatchNote = {};
      const outcome = topLevelUpdate(delivery, update, note)!;
      const found = documentPatch(delivery, outcome.doc)!;

      expect(note.patch!.set, JSON.stringify(update)).to.deep.equal(found.set);
      expect(note.patch!.unset, JSON.stringify(update)).to.have.members(found.unset);
      const rebuilt = applyPatch(delivery, note.patch!);
      expect(Object.keys(rebuilt), JSON.stringify(update)).to.deep.equal(Object.keys(outcome.doc));
      expect(rebuilt).to.deep.equal(outcome.doc);
    }
  });

  it('applyUpdate, the fast path, then a document whose _id is not first, then mingo: a patch noted only for the first', () => {
    const note: PatchNote = {};

    applyUpdate(delivery, { $set: { state: 'sent' } }, undefined, false, note);
    expect(note.patch).to.deep.equal({ set: { state: 'sent' }, unset: [] });
    applyUpdate({ state: 'queued', _id: 1 }, { $set: { state: 'sent' } }, undefined, false, note);
    expect(note.patch).to.equal(undefined);
    applyUpdate(delivery, { $set: { state: 'sent' } }, undefined, false, note);
    applyUpdate(delivery, { $addToSet: { messageIds: 'm-2' } }, undefined, false, note);
    expect(note.patch).to.equal(undefined);
  });
});
