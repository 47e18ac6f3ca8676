import { z } from 'zod';
import { ROLES } from './principal.js';

/** Request shapes shared by identity's routes. Every object is strict: unknown fields are refused. */

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** Long passphrases are welcome; the upper bound only keeps scrypt's input reasonable. */
export const NewPassword = z.string().min(12).max(256);

export const Role = z.enum(ROLES as ['admin', 'editor', 'mediator', 'viewer']);

/** BCP 47 tags as Sportello uses them: `ar`, `zh-Hans`, `pt-BR`. */
export const Languages = z.array(z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'must be a language tag like ar or zh-Hans')).max(20);

export const ObjectIdParam = z.string().regex(/^[a-f0-9]{24}$/, 'must be an id');

export const IdParams = z.strictObject({ id: ObjectIdParam });

export const PageLimit = z.coerce.number().int().min(1).max(200).default(50);
