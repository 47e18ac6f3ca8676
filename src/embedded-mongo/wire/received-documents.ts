import type { Document } from 'bson';

/** Where a document sequence of an OP_MSG keeps the bytes its documents were read from. */
export const RAW_DOCUMENTS = Symbol('raw documents');

/**
 * The documents of an OP_MSG document sequence (an insert's `documents`), with the bytes of each one the
 * engine's BSON reader read: bson's deserializer reads those bytes back to the same values, so an insert
 * journals them as they came instead of encoding the document again (a fan-out inserts 20,000 of ~400 bytes).
 * The bytes are a view of the request: they must not be kept past the command.
 */
export interface ReceivedDocuments extends Array<Document> {
  [RAW_DOCUMENTS]?: Array<Buffer | undefined>;
}

/** The bytes of the document at `index` of a command's list, when the list came as a document sequence. */
export function receivedBytes(documents: Document[], index: number): Buffer | undefined {
  return (documents as ReceivedDocuments)[RAW_DOCUMENTS]?.[index];
}
