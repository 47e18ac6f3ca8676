import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { principalOf } from './principal.js';
import { parseBody, parseParams, parseQuery } from '../platform/http/validate.js';
import { actorOf } from './audit.service.js';
import { Email, IdParams, Languages, NewPassword, ObjectIdParam, PageLimit, Role } from './identity.schemas.js';
import type { UserService } from './user.service.js';

const Name = z.string().trim().min(1).max(120);

export const CreateUserBody = z.strictObject({ email: Email, name: Name, role: Role, languages: Languages.optional(), emailAlerts: z.boolean().optional(), password: NewPassword });

export const UpdateUserBody = z
  .strictObject({ name: Name, role: Role, languages: Languages, disabled: z.boolean(), emailAlerts: z.boolean(), password: NewPassword })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

const ListUsersQuery = z.strictObject({ role: Role.optional(), limit: PageLimit, after: ObjectIdParam.optional() });

const adminOnly = requireRole(['admin'], 'users:admin');

/** `/api/v1/users`: staff accounts, for admins only. There is no DELETE: users are disabled (`PATCH {disabled: true}`). */
export function createUserRoutes(users: UserService): Router {
  const router = Router();

  router.get('/', adminOnly, async (req, res) => {
    const query = parseQuery(ListUsersQuery, req);
    const items = await users.list(query);
    const last = items[items.length - 1];
    // A full page says where the next starts, as every list the console pages through.
    res.json({ items, ...(items.length === query.limit && last ? { next: last.id } : {}) });
  });

  router.post('/', adminOnly, async (req, res) => {
    const body = parseBody(CreateUserBody, req);
    res.status(201).json(await users.create(actorOf(principalOf(req)), body));
  });

  router.get('/:id', adminOnly, async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await users.get(id));
  });

  router.patch('/:id', adminOnly, async (req, res) => {
    const { id } = parseParams(IdParams, req);
    const body = parseBody(UpdateUserBody, req);
    res.json(await users.update(principalOf(req), id, body));
  });

  return router;
}
