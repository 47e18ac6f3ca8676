import { Context } from 'mingo';
import type { Options } from 'mingo/types';
import type { Document } from 'bson';
import { $type } from './bson-type-operator.js';

const CONTEXT = Context.init({ query: { $type } as never });

/** Options shared by every mingo call; `scriptEnabled: false` keeps `$where` and `$function` off. */
export function mingoOptions(resolver?: (name: string) => Document[], variables?: Document): Partial<Options> {
  return {
    context: CONTEXT,
    scriptEnabled: false,
    useStrictMode: true,
    ...(resolver ? { collectionResolver: resolver } : {}),
    ...(variables ? { variables } : {}),
  };
}
