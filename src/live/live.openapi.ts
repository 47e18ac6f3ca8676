import { problemResponses, type OpenApiContribution } from '../api-docs/index.js';

const tags = ['Live events'];

const DESCRIPTION = `Server-sent events (\`text/event-stream\`) telling the console what changed, from any process (service or
worker), through Redis. Events carry **ids and states only, never personal data**: refetch through the REST API, which
applies the access rules again. Only what the signed-in person may read is sent to them (the same roles, token scopes
and, in the inbox, the same language queues as the routes named below).

Every event has an \`id:\`. A reconnecting client sends the last one as \`Last-Event-ID\` (browsers' EventSource does
this by itself; a new EventSource may pass it as \`?lastEventId=\`) and receives what it missed, in order; when that
is no longer kept (about the last 5,000 events) it receives \`event: reset\` and should refetch what it shows. On
connect, a client without an id receives one (an \`id:\` line without data), so even its first reconnect catches up.
A comment line is sent every 15 s (heartbeat). The stream closes when the session ends or the person's role changes.

| event | data | when | who receives it (as the route) |
| --- | --- | --- | --- |
| \`conversation\` | \`{ id, language, status, reason }\` | reason: \`created\`, \`message\`, \`assigned\`, \`answered\`, \`closed\`, \`reopened\`, \`routed\`, \`erased\`; \`language\` is the queue: a language code, or \`unsure\` (every mediator's); a conversation moved to another queue is told in both | \`GET /inbox/conversations\` (mediators: their languages and the unsure queue) |
| \`outbound\` | \`{ id, conversationId, state }\` | a staff answer (or automatic message) \`queued\`, \`sent\`, \`failed\` | as \`conversation\` |
| \`announcement\` | \`{ id, status }\` | created, edited, translation saved or approved, published, sending, sent, cancelled, expired | \`GET /announcements\` |
| \`delivery-progress\` | \`{ announcementId }\` | deliveries planned or moved (at most twice a second per announcement) | \`GET /announcements/{id}/deliveries\` |
| \`group\` | \`{ id }\` | a group created, changed or deleted | \`GET /groups\` |
| \`connector\` | \`{ accountId, state }\` | an account's connection changed (a new QR code: \`login_required\`) | \`GET /connectors\` |
| \`counts\` | \`{}\` | the menu's counts may have changed (at most once a second) | everyone |
| \`simulator\` | \`{ accountId, chatRef? }\` | a message appeared in a simulated chat (demo and tests only); \`chatRef\` is the chat's \`ref\` in the simulator's chat list, not its number; without \`chatRef\`, several chats of the account got messages (a burst, such as a fan-out: told at most twice a second) | the simulator routes (admins) |
| \`reset\` | \`{}\` | what was missed is no longer kept: refetch | everyone |`;

/** `GET /events`: the console's live stream. */
export const liveOpenApi: OpenApiContribution = {
  tags: [{ name: 'Live events', description: 'What changed, pushed to the console as server-sent events.' }],
  schemas: {},
  paths: {
    '/events': {
      get: {
        tags,
        summary: 'Live event stream (server-sent events) for the console',
        description: DESCRIPTION,
        parameters: [
          { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d+-\\d+$' }, description: 'The last id received: catch up from there.' },
          { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d+-\\d+$' }, description: 'The same, for a client that cannot set headers.' },
        ],
        responses: {
          '200': {
            description: 'The stream; it stays open.',
            content: { 'text/event-stream': { schema: { type: 'string' }, example: 'id: 1733600000000-0\nevent: conversation\ndata: {"id":"6754…","language":"ar","status":"open","reason":"created"}\n\n' } },
          },
          ...problemResponses(400, 401),
        },
      },
    },
  },
};
