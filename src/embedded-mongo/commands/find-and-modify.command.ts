import type { Document } from 'bson';
import { targetCollection, type CommandHandler } from './command-context.js';
import { runUpdate } from './update.command.js';
import { selectDocuments } from '../query/select-documents.js';
import { projectDocuments } from '../query/project-documents.js';
import type { UpdateSpec } from '../query/apply-update.js';
import { failedToParse } from '../mongo-error.js';
import { letVariables } from '../query/mingo-options.js';

function project(doc: Document | null, fields: Document | undefined, filter: Document): Document | null {
  if (!doc || !fields || Object.keys(fields).length === 0) return doc;
  return projectDocuments([doc], fields, filter)[0] ?? null;
}

export const findAndModify: CommandHandler = (command, ctx) => {
  const coll = targetCollection(command, Object.keys(command)[0]!);
  const filter = (command['query'] ?? {}) as Document;
  const sort = command['sort'] as Document | undefined;
  const fields = command['fields'] as Document | undefined;
  const variables = letVariables(command['let']);
  if (command['remove'] === true) {
    if (command['update'] !== undefined || command['new'] === true) throw failedToParse('remove cannot be combined with update or new');
    const [victim] = selectDocuments(ctx.workspace, ctx.db, coll, { filter, sort, limit: 1, variables });
    if (victim) ctx.workspace.remove(ctx.db, coll, victim);
    return { lastErrorObject: { n: victim ? 1 : 0 }, value: project(victim ?? null, fields, filter), ok: 1 };
  }
  if (command['update'] === undefined) throw failedToParse('Either an update or remove=true must be specified');
  const result = runUpdate(ctx, coll, {
    filter,
    update: command['update'] as UpdateSpec,
    multi: false,
    upsert: command['upsert'] === true,
    arrayFilters: command['arrayFilters'] as Document[] | undefined,
    sort,
    variables,
  });
  const lastErrorObject: Document = { n: result.matched > 0 || result.upsertedId !== undefined ? 1 : 0, updatedExisting: result.matched > 0 };
  if (result.upsertedId !== undefined) lastErrorObject['upserted'] = result.upsertedId;
  const value = command['new'] === true ? (result.after ?? null) : result.upsertedId !== undefined ? null : (result.before ?? null);
  return { lastErrorObject, value: project(value, fields, filter), ok: 1 };
};
