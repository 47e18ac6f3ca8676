/**
 * Tests whose expectations the installed driver (mongodb 6.20, the one mongoose 8 pins) does not
 * meet against any server: the difference is in what the driver sends, not in what the server
 * answers. They are reported as skipped with the reason rather than counted against the engine.
 */
const NULL_ID = 'driver 6.20 replaces a null _id with a new ObjectId before sending (utils.ts maybeAddIdToDocuments)';
const WTIMEOUT = 'driver 6.20 adds wtimeout: 10000 to commitTransaction when a write concern is set (sessions.ts endTransaction)';
const AFTER_CLUSTER_TIME = 'driver 6.20 sends no readConcern.afterClusterTime on a write outside a transaction';

const DEVIATIONS: Record<string, string> = {
  'create-null-ids.json :: inserting _id with type null via insertOne': NULL_ID,
  'create-null-ids.json :: inserting _id with type null via insertMany': NULL_ID,
  'create-null-ids.json :: inserting _id with type null via bulkWrite': NULL_ID,
  'delete.json :: collection writeConcern ignored for delete': WTIMEOUT,
  'findOneAndUpdate.json :: collection writeConcern ignored for findOneAndUpdate': WTIMEOUT,
  'insert.json :: collection writeConcern ignored for insert': WTIMEOUT,
  'commit.json :: reset session state commit': AFTER_CLUSTER_TIME,
  'commit.json :: reset session state abort': AFTER_CLUSTER_TIME,
};

export function driverDeviation(fileName: string, description: string): string | undefined {
  return DEVIATIONS[`${fileName} :: ${description}`];
}
