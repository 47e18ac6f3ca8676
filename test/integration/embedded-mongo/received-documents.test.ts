import { expect } from 'chai';
import { BSON, Decimal128, Long, ObjectId, type Document } from 'bson';
import { parseOpMsg } from '../../../src/embedded-mongo/wire/op-msg.js';
import { receivedBytes } from '../../../src/embedded-mongo/wire/received-documents.js';
import { RecordWriter, decodeRecords } from '../../../src/embedded-mongo/storage/journal-records.js';

/** An OP_MSG body (flags, the command, then one document sequence), as the driver sends an insert. */
function insertBody(documents: Document[]): Buffer {
  const sequence = Buffer.concat(documents.map((doc) => Buffer.from(BSON.serialize(doc))));
  const name = Buffer.from('documents\0');
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + name.length + sequence.length);
  return Buffer.concat([Buffer.alloc(4), Buffer.from([0]), Buffer.from(BSON.serialize({ insert: 'deliveries', $db: 'sportello' })), Buffer.from([1]), size, name, sequence]);
}

describe('embedded engine: inserted documents journaled as they were received', () => {
  it('parseOpMsg, a document sequence of plain and bson-only documents: the bytes of the plain ones kept, none for the others', () => {
    const plain = { _id: new ObjectId(), state: 'queued', at: new Date(3), n: Long.fromNumber(5) };
    const exotic = { _id: new ObjectId(), amount: Decimal128.fromString('1.10') };

    const { command } = parseOpMsg(insertBody([plain, exotic]));

    const documents = command['documents'] as Document[];
    expect(receivedBytes(documents, 0)?.equals(BSON.serialize(plain))).to.equal(true);
    expect(receivedBytes(documents, 1)).to.equal(undefined);
    expect(receivedBytes([plain], 0)).to.equal(undefined);
  });

  it('RecordWriter, a put with the received bytes: the bytes in the record, read back to the document that was stored', () => {
    const doc = { _id: new ObjectId(), state: 'queued', at: new Date(3), n: Long.fromNumber(5), tags: ['a'], fallback: false };
    const { command } = parseOpMsg(insertBody([doc]));
    const stored = (command['documents'] as Document[])[0]!;
    const received = receivedBytes(command['documents'] as Document[], 0)!;

    const record = new RecordWriter();
    record.append({ op: 'put', db: 'sportello', coll: 'deliveries', doc: stored, received });
    const bytes = Buffer.from(record.finish());

    expect(bytes.includes(received)).to.equal(true);
    const { changes, validLength } = decodeRecords(bytes);
    expect(validLength).to.equal(bytes.length);
    expect(changes).to.deep.equal([{ op: 'put', db: 'sportello', coll: 'deliveries', doc: stored }]);
    expect(Object.keys((changes[0] as { doc: Document }).doc)).to.deep.equal(Object.keys(stored));
  });
});
