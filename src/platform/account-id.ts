import { z } from 'zod';

/**
 * A chat account's id, as `CONNECTORS` declares it and every route names it: lower-case letters, digits and
 * dashes, so it can stand in queue names, Redis keys and URLs as it is. One rule for config and routes alike.
 */
export const AccountId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'is not an account id');
