import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { evalExpr } from 'mingo/core';
import type { Document } from 'bson';
import { $type } from './bson-type-operator.js';

/** Every mingo operator, with `$type` replaced by the bson-aware one. Built once. */
const CONTEXT = Context.init({ accumulator, expression, pipeline, projection, query: { ...query, $type } as never, window } as never);

/**
 * mingo copies its whole operator table into every Query unless it is handed a ready
 * ComputeOptions instance (measured: a third of a point read's cost). That class is not among
 * the package's exports, so it is loaded from the same CommonJS module mingo/query uses.
 */
const require = createRequire(import.meta.url);
const internal = require(join(dirname(require.resolve('mingo')), 'core', '_internal.js')) as {
  ComputeOptions: { init(options: Partial<Options>): Options };
};

const BASE: Partial<Options> = { context: CONTEXT, scriptEnabled: false, useStrictMode: true };

/**
 * For mingo's updater, which copies whatever context it is given and then adds the query and
 * comparison operators itself: operator updates need no more, so they get no context to copy.
 * Pipeline updates evaluate any expression and get the full table.
 */
export const OPERATOR_UPDATE_OPTIONS: Partial<Options> = { scriptEnabled: false, useStrictMode: true };
export const PIPELINE_UPDATE_OPTIONS: Partial<Options> = BASE;
const SHARED = internal.ComputeOptions.init(BASE);

/**
 * A command's `let`: each value is an expression evaluated once, before the command runs (`{ $literal: '$x' }`
 * is the string `$x`, `{ $rand: {} }` one number), as MongoDB does. Undefined when the command has none.
 */
export function letVariables(value: unknown): Document | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error("BSON field 'let' is the wrong type, expected type 'object'");
  const variables: Document = {};
  for (const [name, expression] of Object.entries(value as Document)) variables[name] = evalExpr({}, expression, SHARED);
  return Object.keys(variables).length > 0 ? variables : undefined;
}

/** Options for every mingo call; `scriptEnabled: false` keeps `$where`, `$function` and `$accumulator` off. */
export function mingoOptions(resolver?: (name: string) => Document[], variables?: Document): Options {
  if (!resolver && !variables) return SHARED;
  return internal.ComputeOptions.init({
    ...BASE,
    ...(resolver ? { collectionResolver: resolver } : {}),
    ...(variables ? { variables } : {}),
  });
}
