import { ref, jsonBody, jsonResponse, problemResponses, requestSchema, type OpenApiContribution } from '../api-docs/index.js';
import { DELIVERY_STATES } from './delivery.js';
import { GroupBody, ImportBody } from './groups.schemas.js';

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const accountParam = { name: 'account', in: 'path', required: true, schema: { type: 'string' }, example: 'sim-whatsapp' };
const groupExample = { account: 'sim-whatsapp', chatId: '120363000000000001@g.us', name: 'Comunità araba — العربية', language: 'ar', topics: [], enabled: true, quietHours: { from: '22:00', to: '07:00' } };

const GroupSchema = { allOf: [requestSchema(GroupBody), { type: 'object', required: ['id'], properties: { id: { type: 'string' } } }] };

const DeliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    announcementId: { type: 'string' },
    version: { type: 'integer', description: 'Source revision of the announcement this delivery carries.' },
    target: { type: 'string', example: 'group:sim-whatsapp:120363000000000001@g.us', description: '`group:<account>:<chat id>`, or `citizen:<contact id>` for a subscribed citizen.' },
    kind: { type: 'string', enum: ['group', 'citizen'], description: "A community group, or the direct chat of a citizen who asked for the notices (ISCRIVIMI)." },
    account: { type: 'string' },
    chatId: { type: 'string', description: "Groups only: a citizen's chat id is personal data (the export has it)." },
    channel: { type: 'string', enum: ['wechat', 'whatsapp'] },
    language: { type: 'string' },
    fallback: { type: 'boolean', description: 'Urgent notice sent as the Italian and English fallback.' },
    priority: { type: 'string', enum: ['normal', 'urgent'] },
    state: {
      type: 'string',
      enum: DELIVERY_STATES,
      description:
        '`waiting_translation → planned → queued → sending → sent`, or `failed`, `cancelled`, or `expired`: the announcement\'s `validUntil` passed before it was sent (terminal; it is never sent later).',
    },
    attempts: { type: 'integer', description: 'Failed send attempts.' },
    interruptions: { type: 'integer', description: 'Times a worker died while sending it; it was then sent again (at-least-once).' },
    parts: { type: 'integer' },
    partsSent: { type: 'integer' },
    messageIds: { type: 'array', items: { type: 'string' }, description: 'Groups only (WhatsApp ids contain the chat id).' },
    reason: { type: 'string', description: 'The platform reason of the last failure, or why it was cancelled or expired.' },
    notBefore: { type: 'string', format: 'date-time' },
    sentAt: { type: 'string', format: 'date-time' },
    platformReport: {
      type: 'object',
      description: "A WeChat Official Account's mass send: WeChat's report once it is done (MASSSENDJOBFINISH).",
      properties: {
        status: { type: 'string', example: 'send success' },
        total: { type: 'integer' },
        sent: { type: 'integer' },
        errors: { type: 'integer' },
        at: { type: 'string', format: 'date-time' },
      },
    },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const SummarySchema = {
  type: 'object',
  required: ['total', 'byState', 'breakdown'],
  properties: {
    announcementId: { type: 'string' },
    total: { type: 'integer' },
    byState: { type: 'object', properties: Object.fromEntries(DELIVERY_STATES.map((s) => [s, { type: 'integer' }])) },
    breakdown: {
      type: 'array',
      description: 'Counts per state × language × channel.',
      items: { type: 'object', properties: { state: { type: 'string' }, language: { type: 'string' }, channel: { type: 'string' }, count: { type: 'integer' } } },
    },
  },
};

/** The groups registry, deliveries and account pauses, for `/api/v1/openapi.json`. */
export const dispatchOpenApi: OpenApiContribution = {
  tags: [
    { name: 'Groups', description: 'Community groups that announcements are sent to, in their language.' },
    { name: 'Deliveries', description: 'One message per announcement version and group: where each one is.' },
    { name: 'Connectors', description: 'Chat accounts, and the pause dispatch puts on one the platform rate-limited repeatedly.' },
  ],
  paths: {
    '/groups': {
      get: {
        tags: ['Groups'],
        summary: 'List groups',
        parameters: [
          { name: 'account', in: 'query', schema: { type: 'string' } },
          { name: 'language', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 } },
          { name: 'after', in: 'query', description: '`next` of the previous page.', schema: { type: 'string' } },
        ],
        responses: { '200': jsonResponse('By account and name; a full page has `next`', { type: 'object', properties: { items: { type: 'array', items: ref('Group') }, next: { type: 'string' } } }), ...problemResponses(400, 401, 403) },
      },
      post: {
        tags: ['Groups'],
        summary: 'Register a group (editors)',
        description: 'A group with no topics receives every announcement; with topics, only announcements sharing one. Quiet hours (Rome time) postpone normal notices, never urgent ones.',
        requestBody: jsonBody(requestSchema(GroupBody), groupExample),
        responses: { '201': jsonResponse('Registered', ref('Group')), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/groups/import': {
      post: {
        tags: ['Groups'],
        summary: "Register every group chat of an account that is not registered yet (editors)",
        requestBody: jsonBody(requestSchema(ImportBody), { account: 'sim-whatsapp', language: 'ar' }),
        responses: { '201': jsonResponse('What was added', { type: 'object', properties: { items: { type: 'array', items: ref('Group') }, alreadyRegistered: { type: 'integer' } } }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    '/groups/reach': {
      get: {
        tags: ['Groups'],
        summary: 'How many enabled groups, and subscribed citizens, per language an announcement with these topics would reach',
        description: "The same match as publishing: a group with no topics takes every announcement, one with topics only those sharing one; a citizen who asked for the notices in their own chat (ISCRIVIMI) takes every announcement, in their language. Staff check it before publishing, to see which community languages still lack a translation.",
        parameters: [
          { name: 'topics', in: 'query', required: true, description: 'Comma-separated, e.g. `permits,school`.', schema: { type: 'string' } },
          {
            name: 'languages',
            in: 'query',
            description: 'The languages chosen for the notice, the source included (comma-separated), saved or still being written: each row then says what its language `receives`, by the rule publishing follows.',
            schema: { type: 'string' },
          },
          { name: 'approved', in: 'query', description: 'Of those, the ones whose text is approved: the source language alone for a notice being written.', schema: { type: 'string' } },
          { name: 'priority', in: 'query', schema: { type: 'string', enum: ['normal', 'urgent'], default: 'normal' } },
        ],
        responses: {
          '200': jsonResponse('Per language', {
            type: 'object',
            properties: {
              topics: { type: 'array', items: { type: 'string' } },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    language: { type: 'string' },
                    groups: { type: 'integer' },
                    citizens: { type: 'integer', description: 'Citizens receiving the notices in their own chat.' },
                    receives: {
                      type: 'string',
                      enum: ['translation', 'urgent_fallback', 'after_translation', 'not_chosen'],
                      description:
                        'With `languages`: `translation` its approved text; `urgent_fallback` (urgent only) the Italian and English texts at once; `after_translation` its text once approved; `not_chosen` nothing: nobody chose the language of a normal notice. Publishing plans exactly this.',
                    },
                  },
                },
              },
            },
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    '/groups/estimate': {
      get: {
        tags: ['Groups'],
        summary: 'Before publishing: per account, how many deliveries a notice would have and when the last group would get it',
        description: "At the account's average gap within its hourly and daily caps (and warm-up), after the jobs already waiting on it (none for an urgent notice, which goes first). One message per delivery.",
        parameters: [
          { name: 'topics', in: 'query', required: true, description: 'Comma-separated, e.g. `permits,school`.', schema: { type: 'string' } },
          { name: 'languages', in: 'query', required: false, description: 'The languages that will be sent (approved), comma-separated; all when absent.', schema: { type: 'string' } },
          { name: 'priority', in: 'query', required: false, schema: { type: 'string', enum: ['normal', 'urgent'], default: 'normal' } },
        ],
        responses: {
          '200': jsonResponse('Per account', { type: 'object', properties: { topics: { type: 'array', items: { type: 'string' } }, priority: { type: 'string' }, items: { type: 'array', items: { type: 'object', properties: { account: { type: 'string' }, deliveries: { type: 'integer' }, ahead: { type: 'integer' }, lastSendAt: { type: 'string', format: 'date-time' } } } } } }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    '/groups/{id}': {
      get: { tags: ['Groups'], summary: 'One group', parameters: [idParam], responses: { '200': jsonResponse('The group', ref('Group')), ...problemResponses(401, 403, 404) } },
      put: {
        tags: ['Groups'],
        summary: 'Replace a group (editors)',
        parameters: [idParam],
        requestBody: jsonBody(requestSchema(GroupBody), groupExample),
        responses: { '200': jsonResponse('Replaced', ref('Group')), ...problemResponses(400, 401, 403, 404) },
      },
      delete: { tags: ['Groups'], summary: 'Remove a group (editors)', parameters: [idParam], responses: { '204': { description: 'Removed' }, ...problemResponses(401, 403, 404) } },
    },
    '/announcements/{id}/deliveries': {
      get: {
        tags: ['Deliveries'],
        summary: "An announcement's deliveries",
        parameters: [
          idParam,
          { name: 'state', in: 'query', schema: { type: 'string', enum: DELIVERY_STATES } },
          { name: 'language', in: 'query', schema: { type: 'string' } },
          { name: 'channel', in: 'query', schema: { type: 'string', enum: ['wechat', 'whatsapp'] } },
          { name: 'version', in: 'query', schema: { type: 'integer' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          { name: 'after', in: 'query', description: '`next` of the previous page.', schema: { type: 'string' } },
        ],
        responses: { '200': jsonResponse('A page of deliveries', { type: 'object', properties: { items: { type: 'array', items: ref('Delivery') }, next: { type: 'string' } } }), ...problemResponses(400, 401, 403) },
      },
    },
    '/announcements/{id}/deliveries/summary': {
      get: { tags: ['Deliveries'], summary: 'Counts by state, language and channel', parameters: [idParam], responses: { '200': jsonResponse('The summary', ref('DeliverySummary')), ...problemResponses(401, 403) } },
    },
    '/announcements/{id}/deliveries/estimate': {
      get: { tags: ['Deliveries'], summary: 'While it sends: per account, deliveries sent, left, and when the last should go', parameters: [idParam], responses: { '200': jsonResponse('Per account', { type: 'object', properties: { announcementId: { type: 'string' }, items: { type: 'array', items: { type: 'object', properties: { account: { type: 'string' }, sent: { type: 'integer' }, remaining: { type: 'integer' }, lastSendAt: { type: 'string', format: 'date-time' } } } } } }), ...problemResponses(401, 403) } },
    },
    '/announcements/{id}/deliveries/retry': {
      post: { tags: ['Deliveries'], summary: 'Queue the failed deliveries again, with fresh attempts (editors)', parameters: [idParam], responses: { '202': jsonResponse('Queued again', { type: 'object', properties: { requeued: { type: 'integer' }, items: { type: 'array', items: ref('Delivery') } } }), ...problemResponses(401, 403) } },
    },
    '/connectors': {
      get: {
        tags: ['Connectors'],
        summary: 'Accounts, their connection state and whether dispatch paused them',
        responses: { '200': jsonResponse('One entry per account', { type: 'array', items: { type: 'object', properties: { account: { type: 'string' }, platform: { type: 'string' }, imitates: { type: 'string', enum: ['wechat', 'whatsapp'], description: 'A simulated account only: the platform it behaves as.' }, state: { type: 'string' }, qr: { type: 'string' }, reason: { type: 'string' }, rateLimit: { type: 'object', description: 'The send budget (configured in CONNECTORS, or the platform defaults).', properties: { minIntervalMs: { type: 'integer' }, maxIntervalMs: { type: 'integer' }, hourlyCap: { type: ['integer', 'null'] }, dailyCap: { type: 'integer' }, warmUp: { description: 'false, or the warm-up of a new number', oneOf: [{ type: 'boolean' }, { type: 'object', properties: { days: { type: 'integer' }, firstDayCap: { type: 'integer' }, since: { type: 'string', format: 'date' } } }] }, typingMsPerChar: { type: 'number' }, typingMaxMs: { type: 'integer' }, perContactHourly: { type: ['integer', 'null'] } } }, budget: { type: 'object', description: 'Where the budget stands now, across every process.', properties: { sentThisHour: { type: 'integer' }, dailyCapToday: { type: 'integer', description: 'Lower than rateLimit.dailyCap while a new number warms up.' }, warmUpDay: { type: 'integer' }, nextSendAt: { type: 'string', format: 'date-time' } } }, sentToday: { type: 'integer', description: 'Messages the account sent today (local calendar day), announcements and the inbox together, against `rateLimit.dailyCap`.' }, paused: { type: 'boolean', description: 'Present, true, while dispatch holds the account after repeated rate limits.' }, pausedReason: { type: 'string' }, pausedSince: { type: 'string', format: 'date-time' } } } }), ...problemResponses(401) },
      },
    },
    '/connectors/{account}/login-qr.svg': {
      get: {
        tags: ['Connectors'],
        summary: 'The QR code to scan from the phone while the account waits for a login (admins; never cached); 404 when it waits for none',
        parameters: [accountParam],
        responses: { '200': { description: 'An SVG image', content: { 'image/svg+xml': { schema: { type: 'string' } } } }, ...problemResponses(401, 403, 404) },
      },
    },
    '/connectors/{account}/resume': {
      post: { tags: ['Connectors'], summary: 'Lift an automatic pause; its queued deliveries go on (admins)', parameters: [accountParam], responses: { '200': jsonResponse('Resumed', { type: 'object', properties: { account: { type: 'string' }, paused: { type: 'boolean' }, wasPaused: { type: 'boolean' } } }), ...problemResponses(401, 403, 404) } },
    },
  },
  schemas: { Group: GroupSchema, Delivery: DeliverySchema, DeliverySummary: SummarySchema },
};
