import type { Document } from 'bson';
import { targetCollection, type CommandHandler, type CommandContext } from './command-context.js';
import { runStatements, writeReply } from './write-errors.js';
import { selectDocuments } from '../query/select-documents.js';
import { applyUpdate, isReplacement, seedFromFilter, type UpdateSpec } from '../query/apply-update.js';
import type { PatchNote } from '../query/top-level-update.js';
import { MongoCommandError, failedToParse } from '../mongo-error.js';
import { letVariables } from '../query/mingo-options.js';

export interface UpdateStatementResult {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** The document after the update (or the upserted one), and the one before. */
  after?: Document;
  before?: Document;
}

export interface UpdateStatement {
  filter: Document;
  update: UpdateSpec;
  multi: boolean;
  upsert: boolean;
  arrayFilters?: Document[];
  sort?: Document;
  /** The command's `let` (see letVariables). */
  variables?: Document;
}

/** One update statement, shared by `update` and `findAndModify`. */
export function runUpdate(ctx: CommandContext, coll: string, statement: UpdateStatement): UpdateStatementResult {
  if (statement.multi && isReplacement(statement.update)) throw failedToParse('multi update is not supported for replacement-style update');
  const matches = selectDocuments(ctx.workspace, ctx.db, coll, {
    filter: statement.filter,
    sort: statement.sort,
    limit: statement.multi ? 0 : 1,
    variables: statement.variables,
  });
  if (matches.length === 0) {
    if (!statement.upsert) return { matched: 0, modified: 0 };
    const seed = isReplacement(statement.update) ? pickId(seedFromFilter(statement.filter)) : seedFromFilter(statement.filter);
    const { doc } = applyUpdate(seed, statement.update, statement.arrayFilters, true, undefined, statement.filter, statement.variables);
    ctx.workspace.insert(ctx.db, coll, doc);
    return { matched: 0, modified: 0, upsertedId: doc['_id'], after: doc };
  }
  let modified = 0;
  let last: { before: Document; after: Document } | undefined;
  const note: PatchNote = {};
  for (const previous of matches) {
    const outcome = applyUpdate(previous, statement.update, statement.arrayFilters, false, note, statement.filter, statement.variables);
    if (outcome.modified) {
      ctx.workspace.replace(ctx.db, coll, previous, outcome.doc, note.patch);
      modified += 1;
    }
    last = { before: previous, after: outcome.modified ? outcome.doc : previous };
  }
  return { matched: matches.length, modified, ...last };
}

function pickId(seed: Document): Document {
  return seed['_id'] !== undefined ? { _id: seed['_id'] } : {};
}

export const update: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, 'update');
  const statements = (command['updates'] ?? []) as Document[];
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const variables = letVariables(command['let']);
  const writeErrors = runStatements(statements, command['ordered'] !== false, (statement, index) => {
    // An update statement's `sort` came with MongoDB 8.0; the engine answers as the 7.0 it stands in for.
    if (statement['sort'] !== undefined) throw new MongoCommandError(40415, 'Location40415', "BSON field 'update.updates.sort' is an unknown field.");
    const result = runUpdate(ctx, coll, {
      filter: (statement['q'] ?? {}) as Document,
      update: (statement['u'] ?? {}) as UpdateSpec,
      multi: statement['multi'] === true,
      upsert: statement['upsert'] === true,
      arrayFilters: statement['arrayFilters'] as Document[] | undefined,
      variables,
    });
    n += result.matched;
    nModified += result.modified;
    if (result.upsertedId !== undefined) {
      n += 1;
      upserted.push({ index, _id: result.upsertedId });
    }
  });
  const body: Document = { n, nModified };
  if (upserted.length > 0) body['upserted'] = upserted;
  return writeReply(body, writeErrors);
};
