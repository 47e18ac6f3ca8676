/**
 * Tests whose expectations the installed driver (mongodb 6.20, the one mongoose 8 pins) does not
 * meet against any server: the difference is in what the driver sends, not in what the server
 * answers. They are reported as skipped with the reason rather than counted against the engine.
 */
const NULL_ID = 'driver 6.20 replaces a null _id with a new ObjectId before sending (utils.ts maybeAddIdToDocuments)';
const WTIMEOUT = 'driver 6.20 adds wtimeout: 10000 to commitTransaction when a write concern is set (sessions.ts endTransaction)';
const AFTER_CLUSTER_TIME = 'driver 6.20 sends no readConcern.afterClusterTime on a write outside a transaction';
const WTIMEOUT_ABORT = 'driver 6.20 adds wtimeout: 10000 to commitTransaction and abortTransaction when a write concern is set (sessions.ts)';
const BYPASS_FALSE = 'driver 6.20 leaves out bypassDocumentValidation: false in bulk writes and findAndModify (bulk/common.ts, find_and_modify.ts)';
const NO_SECONDARY = 'the engine is a one-member replica set: a client whose read preference is secondary finds no server to select';

const DEVIATIONS: Record<string, string> = {
  'create-null-ids.json :: inserting _id with type null via insertOne': NULL_ID,
  'create-null-ids.json :: inserting _id with type null via insertMany': NULL_ID,
  'create-null-ids.json :: inserting _id with type null via bulkWrite': NULL_ID,
  'delete.json :: collection writeConcern ignored for delete': WTIMEOUT,
  'findOneAndUpdate.json :: collection writeConcern ignored for findOneAndUpdate': WTIMEOUT,
  'insert.json :: collection writeConcern ignored for insert': WTIMEOUT,
  'commit.json :: reset session state commit': AFTER_CLUSTER_TIME,
  'commit.json :: reset session state abort': AFTER_CLUSTER_TIME,
  'retryable-writes.json :: increment txnNumber': AFTER_CLUSTER_TIME,
  'bypassDocumentValidation.json :: BulkWrite passes bypassDocumentValidation: false': BYPASS_FALSE,
  'bypassDocumentValidation.json :: FindOneAndReplace passes bypassDocumentValidation: false': BYPASS_FALSE,
  'bypassDocumentValidation.json :: FindOneAndUpdate passes bypassDocumentValidation: false': BYPASS_FALSE,
  'bypassDocumentValidation.json :: InsertMany passes bypassDocumentValidation: false': BYPASS_FALSE,
  'findOneAndDelete.json :: collection writeConcern ignored for findOneAndDelete': WTIMEOUT,
  'findOneAndReplace.json :: collection writeConcern ignored for findOneAndReplace': WTIMEOUT,
  'update.json :: collections writeConcern ignored for update': WTIMEOUT,
  'transaction-options.json :: transaction options inherited from client': WTIMEOUT,
  'transaction-options.json :: transaction options inherited from defaultTransactionOptions': WTIMEOUT,
  'transaction-options.json :: startTransaction options override defaults': WTIMEOUT,
  'transaction-options.json :: defaultTransactionOptions override client options': WTIMEOUT,
  'transaction-options.json :: readConcern local in defaultTransactionOptions': WTIMEOUT,
  'transaction-options.json :: client writeConcern ignored for bulk': WTIMEOUT,
  'write-concern.json :: commit with majority': WTIMEOUT_ABORT,
  'write-concern.json :: abort with majority': WTIMEOUT_ABORT,
  'transaction-options.json :: readPreference inherited from client': NO_SECONDARY,
  'run-command.json :: run command with secondary read preference in client option and primary read preference in transaction options': NO_SECONDARY,
};

export function driverDeviation(fileName: string, description: string): string | undefined {
  return DEVIATIONS[`${fileName} :: ${description}`];
}
