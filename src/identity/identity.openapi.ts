import { dateTime, jsonBody, jsonResponse, problemResponses, ref, requestSchema, type OpenApiContribution } from '../api-docs/index.js';
import { CreateTokenBody } from './api-token.routes.js';
import { ListAuditQuery } from './audit.routes.js';
import { ChangePasswordBody, LoginBody } from './auth.routes.js';
import { CreateUserBody, UpdateUserBody } from './user.routes.js';

const tags = ['Staff and access'];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-f0-9]{24}$' } };

/** Query parameters of a zod query schema, one per property, as OpenAPI wants them. */
function queryParameters(schema: Parameters<typeof requestSchema>[0]): Array<Record<string, unknown>> {
  const json = requestSchema(schema) as { properties?: Record<string, unknown> };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', schema: property }));
}

const UserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string', format: 'email' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'editor', 'mediator', 'viewer'] },
    languages: { type: 'array', items: { type: 'string' }, description: 'The languages a mediator works in; empty for other roles.' },
    disabled: { type: 'boolean' },
    emailAlerts: { type: 'boolean', description: 'Receives the e-mail alerts (citizens waiting; for admins, accounts needing attention).' },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
};

const ApiTokenSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    userId: { type: 'string' },
    name: { type: 'string' },
    prefix: { type: 'string', description: 'The first characters, to tell tokens apart; the secret itself is shown once, at creation.' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdAt: dateTime,
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

/** Every action the trail records, for the console to name each one; a new `audit.record` adds its code here. */
const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.password_change_failed',
  'user.created',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'token.created',
  'token.revoked',
  'announcement.published',
  'announcement.cancelled',
  'inbox.assigned',
  'inbox.noted',
  'inbox.replied',
  'inbox.retried',
  'inbox.closed',
  'inbox.reopened',
  'inbox.routed',
  'inbox.subscribed',
  'inbox.unsubscribed',
  'inbox.subscription_topics_changed',
  'inbox.exported',
  'inbox.erased',
  'inbox.saved_reply_created',
  'inbox.saved_reply_updated',
  'inbox.saved_reply_deleted',
];

const AuditEventSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    at: dateTime,
    actor: { type: 'object', description: '`{ type: "user", id, email }` or `{ type: "system" }`.' },
    action: {
      type: 'string',
      description: 'Stable code: ' + AUDIT_ACTIONS.map((a) => `\`${a}\``).join(', ') + '.',
      examples: ['auth.login', 'user.role_changed', 'announcement.published', 'inbox.replied'],
    },
    target: { type: ['object', 'null'], properties: { type: { type: 'string', examples: ['user', 'api_token', 'announcement', 'inbox_conversation', 'inbox_contact', 'inbox_saved_reply'] }, id: { type: 'string' } } },
    targetLabel: { type: ['string', 'null'], description: 'The target in words (see the operation); null when it has none or is gone.' },
    details: { type: 'object' },
  },
};

/** `/auth`, `/users`, `/tokens`, `/audit`: how staff sign in, who they are, their API tokens and the audit trail. */
export const identityOpenApi: OpenApiContribution = {
  tags: [{ name: 'Staff and access', description: 'Signing in, staff accounts and roles, API tokens for integrations, the audit trail.' }],
  schemas: { User: UserSchema, ApiToken: ApiTokenSchema, AuditEvent: AuditEventSchema },
  paths: {
    '/auth/login': {
      post: {
        tags,
        summary: 'Sign in with e-mail and password: sets the session cookie, returns the CSRF token for writes',
        description: 'Repeated failures from one address, or for one account from browsers that never signed in to it, make the next attempt wait a growing delay (429 with Retry-After; at most a minute for an account), never a lock-out; every attempt is audited.',
        security: [],
        requestBody: jsonBody(requestSchema(LoginBody)),
        responses: {
          '200': jsonResponse('Signed in', { type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' }, expiresAt: dateTime } }),
          ...problemResponses(400, 401),
          '429': { description: 'Too many failed attempts: try again later (`Retry-After`).' },
        },
      },
    },
    '/auth/logout': {
      post: { tags, summary: 'End the session (a token caller: nothing to end)', responses: { '204': { description: 'Signed out' }, ...problemResponses(401) } },
    },
    '/auth/password': {
      post: {
        tags,
        summary: 'Change one’s own password',
        description:
          'Any signed-in person (session or API token). The current password is typed again: a wrong one answers 400 naming `currentPassword`, is audited and counts toward the sign-in throttle (429 once locked). On success every other session of the person ends (this one stays signed in) and `auth.password_changed` is audited.',
        requestBody: jsonBody(requestSchema(ChangePasswordBody)),
        responses: { '204': { description: 'Changed' }, ...problemResponses(400, 401, 403), '429': { description: 'Too many wrong passwords: try again later (`Retry-After`).' } },
      },
    },
    '/auth/session': {
      get: {
        tags,
        summary: 'Who is calling: the user, and the CSRF token (session) or the token scopes',
        responses: { '200': jsonResponse('The caller', { type: 'object', properties: { user: ref('User'), via: { type: 'string', enum: ['session', 'token'] }, csrfToken: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } } } }), ...problemResponses(401) },
      },
    },
    '/users': {
      get: {
        tags,
        summary: 'Staff accounts (admins)',
        parameters: [
          { name: 'role', in: 'query', schema: { type: 'string', enum: ['admin', 'editor', 'mediator', 'viewer'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'after', in: 'query', description: 'The id of the last user of the previous page (`next`, on a full page).', schema: { type: 'string' } },
        ],
        responses: { '200': jsonResponse('A page, by creation', { type: 'object', properties: { items: { type: 'array', items: ref('User') }, next: { type: 'string' } } }), ...problemResponses(400, 401, 403) },
      },
      post: {
        tags,
        summary: 'Create a staff account (admins); mediators name their languages',
        requestBody: jsonBody(requestSchema(CreateUserBody), { email: 'mediatrice.araba@comune.example.it', name: 'Samira B.', role: 'mediator', languages: ['ar', 'fr'], password: 'at-least-12-characters' }),
        responses: { '201': jsonResponse('Created', ref('User')), ...problemResponses(400, 401, 403, 409) },
      },
    },
    '/users/{id}': {
      get: { tags, summary: 'One staff account (admins)', parameters: [idParam], responses: { '200': jsonResponse('The account', ref('User')), ...problemResponses(400, 401, 403, 404) } },
      patch: {
        tags,
        summary: 'Change name, role, languages, e-mail alerts, password, or disable an account (admins); accounts are never deleted',
        description: 'An admin cannot change their own role nor disable themselves. Disabling ends the account\'s sessions.',
        parameters: [idParam],
        requestBody: jsonBody(requestSchema(UpdateUserBody), { emailAlerts: false }),
        responses: { '200': jsonResponse('The account as changed', ref('User')), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/tokens': {
      get: {
        tags,
        summary: "The caller's API tokens (admins: anyone's, with `userId`)",
        parameters: [{ name: 'userId', in: 'query', schema: { type: 'string' } }],
        responses: { '200': jsonResponse('Tokens, without secrets', { type: 'object', properties: { items: { type: 'array', items: ref('ApiToken') } } }), ...problemResponses(400, 401, 403) },
      },
      post: {
        tags,
        summary: 'Create an API token with scopes; the secret is in this answer only',
        requestBody: jsonBody(requestSchema(CreateTokenBody), { name: 'anagrafe sync', scopes: ['announcements:read'] }),
        responses: { '201': jsonResponse('Created: `token` is the secret, shown once', { allOf: [ref('ApiToken'), { type: 'object', properties: { token: { type: 'string' } } }] }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    '/tokens/{id}': {
      delete: { tags, summary: 'Revoke a token (its owner, or an admin)', parameters: [idParam], responses: { '204': { description: 'Revoked' }, ...problemResponses(400, 401, 403, 404) } },
    },
    '/audit': {
      get: {
        tags,
        summary: 'The audit trail, newest first (admins)',
        description:
          'A full page has `next`: pass it as `before` for the following one. Each event has its stable `action` code (`<feature>.<verb>`, listed in `AuditEvent.action`) for the console to put in words, and a `targetLabel`: a staff member’s name, an API token’s name, a notice’s title, a conversation’s queue (its language code; never the citizen’s name, number or text). A citizen erased from the inbox appears pseudonymised, without a label.',
        parameters: queryParameters(ListAuditQuery),
        responses: { '200': jsonResponse('A page', { type: 'object', properties: { items: { type: 'array', items: ref('AuditEvent') }, next: { type: 'string' } } }), ...problemResponses(400, 401, 403) },
      },
    },
  },
};
