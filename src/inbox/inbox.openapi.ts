import { ref, dateTime, jsonBody, jsonResponse, problemResponses, requestSchema, type OpenApiContribution } from '../api-docs/index.js';
import { AssignBody, RouteBody, SubscriptionBody, TextBody } from './inbox.schemas.js';
import { CONVERSATION_STATES, LANGUAGE_SOURCES, OUTBOUND_STATES } from './inbox.types.js';
import { savedRepliesPaths, SavedReplySchema } from './saved-replies/index.js';

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const tags = ['Inbox'];

const ConversationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    contactId: { type: 'string' },
    account: { type: 'string' },
    language: { type: 'string', description: 'Routing language: mediators see only conversations in their languages (and the unsure queue). For an unsure conversation, the best guess.' },
    unsure: { type: 'boolean', description: 'Nobody could tell the language yet (a short message, or a guess below `LANGUAGE_UNSURE_BELOW`): the conversation is in the unsure queue every mediator sees and works, until a mediator sets its language (`POST …/language`) or the citizen writes LANG.' },
    languageSource: {
      type: 'string',
      enum: ['declared', 'corrected', 'group', 'contact', 'detected', 'unsure'],
      description: "Where the language of the latest message came from: the citizen's LANG, a mediator's correction, the group asked in, the contact's earlier language (a short message never switches it), the detector, or nothing sure enough.",
    },
    languageConfidence: { type: 'number', minimum: 0, maximum: 1, description: "The detector's confidence on the latest message." },
    languageCandidates: { type: 'array', description: 'The likeliest languages, best first, with the detector\'s score: what a mediator routing an unsure conversation reads.', items: { type: 'object', properties: { language: { type: 'string' }, score: { type: 'number' } } } },
    state: { type: 'string', enum: CONVERSATION_STATES },
    assigneeId: { type: 'string' },
    chatType: { type: 'string', enum: ['direct', 'group'], description: 'Where replies go: the direct chat, or the group the citizen mentioned us in.' },
    lastInboundAt: dateTime,
    lastAckAt: dateTime,
    waitingSince: { ...dateTime, description: "The citizen's first question staff have not answered yet; absent when nobody waits." },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
};

const seconds = (description: string) => ({ type: 'integer', description });
const StatsRow = {
  type: 'object',
  properties: {
    answered: { type: 'integer', description: 'Waits ended by an answer from staff in the period.' },
    averageSeconds: seconds('Mean time from the question to the first answer; absent without answers.'),
    medianSeconds: seconds('Median of the same.'),
    withinTarget: { type: 'number', minimum: 0, maximum: 1, description: 'Share of those answers given within `targetSeconds` (`ANSWER_TARGET_HOURS`, three by default).' },
    waiting: { type: 'integer', description: 'Citizens waiting for an answer now.' },
    corrections: {
      description: "Mediators' corrections of the routing language in the period: per language `{from, to}` (moved out of this queue, the detector's misses; moved into this language); overall, their number.",
      oneOf: [{ type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' } } }, { type: 'integer' }],
    },
    oldestWaitingSince: { ...dateTime, description: 'Since when the longest of them waits.' },
  },
};
const ResponseStatsSchema = {
  type: 'object',
  properties: {
    days: { type: 'integer' },
    since: dateTime,
    targetSeconds: { type: 'integer' },
    measuredIn: {
      type: 'string',
      enum: ['office_hours', 'clock'],
      description: '`office_hours` when INBOX_OPENING_HOURS is set: a wait counts only while the office is open (Friday evening to Monday 09:30 is half an hour).',
    },
    overall: StatsRow,
    languages: { type: 'array', description: "A mediator's own languages, and for other roles every language with answers in the period or citizens waiting.", items: { allOf: [{ type: 'object', properties: { language: { type: 'string' } } }, StatsRow] } },
  },
};

const OutboundSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['ack', 'keyword', 'reply'] },
    text: { type: 'string' },
    state: { type: 'string', enum: OUTBOUND_STATES },
    attempts: { type: 'integer' },
    authorId: { type: 'string' },
    reason: { type: 'string', description: "The platform's reason for the last failed attempt." },
    createdAt: dateTime,
    sentAt: dateTime,
  },
};

const ConversationDetailSchema = {
  allOf: [
    ref('Conversation'),
    {
      type: 'object',
      properties: {
        contact: {
          type: 'object',
          properties: { id: { type: 'string' }, account: { type: 'string' }, platform: { type: 'string' }, displayName: { type: 'string' }, language: { type: 'string' }, languageSource: { type: 'string', enum: LANGUAGE_SOURCES, description: "`corrected`: a mediator's correction, which no guess overrides; `default`: nobody knows yet." }, optedOut: { type: 'boolean' }, subscribedSince: { ...dateTime, description: 'Receives the notices in their own chat since then (ISCRIVIMI); absent otherwise.' }, subscribedTopics: { type: 'array', items: { type: 'string' }, description: 'Only announcements with one of these topics; empty: every one.' } },
        },
        machineTranslation: { type: 'boolean', description: "The town turned on machine translation of citizens' messages (`TRANSLATE_CITIZEN_MESSAGES`): an Italian draft of a message may be asked for." },
        messages: {
          type: 'array',
          description: "The citizen's messages, oldest first, until their retention ends. `text` is untrusted: escape it.",
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              chatType: { type: 'string' },
              text: { type: 'string' },
              keyword: { type: 'string' },
              language: {
                type: 'object',
                description: 'The language chosen for this message (`chosen`), where the choice came from (`source`, as `languageSource`), and what the detector read (`detected`, absent when nothing) with its `confidence`.',
                properties: { chosen: { type: 'string' }, source: { type: 'string' }, confidence: { type: 'number' }, detected: { type: 'string' } },
              },
              sentAt: dateTime,
              receivedAt: dateTime,
              expireAt: dateTime,
            },
          },
        },
        outbound: { type: 'array', items: ref('InboxOutbound') },
        notes: {
          type: 'array',
          description: 'Only for admins and mediators of the conversation language.',
          items: { type: 'object', properties: { id: { type: 'string' }, authorId: { type: 'string' }, text: { type: 'string' }, createdAt: dateTime } },
        },
      },
    },
  ],
};

const workOn = (summary: string, response = jsonResponse('The conversation', ref('Conversation'))) => ({
  post: { tags, summary, parameters: [idParam], responses: { '200': response, ...problemResponses(401, 403, 404) } },
});

/** The inbox's routes for `/api/v1/openapi.json`. */
export const inboxOpenApi: OpenApiContribution = {
  tags: [{ name: 'Inbox', description: "Citizens' questions from the chats, by language; answers go back through the same chat." }],
  paths: {
    '/inbox/conversations': {
      get: {
        tags,
        summary: 'A queue of conversations (mediators: their languages only)',
        parameters: [
          { name: 'language', in: 'query', schema: { type: 'string' }, description: 'A language\'s queue (sure conversations only), or `unsure`: the queue of conversations nobody could tell the language of, which every mediator sees. Without it, a mediator gets their languages and the unsure queue.' },
          { name: 'state', in: 'query', schema: { type: 'string', enum: CONVERSATION_STATES } },
          { name: 'mine', in: 'query', schema: { type: 'string', enum: ['true', 'false'] }, description: 'Only those assigned to the caller.' },
          { name: 'waiting', in: 'query', schema: { type: 'string', enum: ['true', 'false'] }, description: 'Only those whose citizen waits for an answer, longest wait first (`after` still takes the last id).' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'after', in: 'query', description: '`next` of the previous page.', schema: { type: 'string' } },
        ],
        description: 'Each row also says who wrote (`displayName`, as their platform shows it) and the start of their latest message (`lastMessage`, at most 120 characters; `truncated` when longer); `waitingSince` is set while they wait for an answer. A full page has `next`: pass it as `after` for the following one.',
        responses: { '200': jsonResponse('A page, oldest first', { type: 'object', properties: { items: { type: 'array', items: ref('ConversationRow') }, next: { type: 'string' } } }), ...problemResponses(400, 401, 403) },
      },
    },
    '/inbox/stats': {
      get: {
        tags,
        summary: 'How long citizens wait for an answer, per language (mediators: their languages only)',
        description:
          "A wait starts at a citizen's question nobody has answered yet (keywords such as STOP or LANG do not count) and ends at staff's first answer; a conversation closed without an answer stops waiting and counts no time. Answer times are anonymous (language, account, duration) and kept 400 days.",
        parameters: [{ name: 'days', in: 'query', description: 'The period, back from now.', schema: { type: 'integer', minimum: 1, maximum: 400, default: 30 } }],
        responses: { '200': jsonResponse('The statistics', ResponseStatsSchema), ...problemResponses(400, 401, 403) },
      },
    },
    '/inbox/conversations/{id}': {
      get: { tags, summary: 'A conversation with its messages, automatic messages, replies and (for its staff) notes', parameters: [idParam], responses: { '200': jsonResponse('The conversation', ConversationDetailSchema), ...problemResponses(400, 401, 403, 404) } },
    },
    '/inbox/conversations/{id}/assign': {
      post: {
        tags,
        summary: 'Claim (mediators) or assign (admins) a conversation',
        description:
          'Without `assigneeId` the caller claims it. An admin may name an enabled admin, or an enabled mediator of the conversation\'s language; anyone else is a 400 `inbox.assignee_not_eligible` naming `assigneeId`.',
        parameters: [idParam],
        requestBody: jsonBody(requestSchema(AssignBody), {}),
        responses: { '200': jsonResponse('Assigned', ref('Conversation')), ...problemResponses(400, 401, 403, 404) },
      },
    },
    '/inbox/conversations/{id}/notes': {
      post: { tags, summary: 'Add an internal note', parameters: [idParam], requestBody: jsonBody(requestSchema(TextBody), { text: 'Ha già un appuntamento in Questura.' }), responses: { '201': { description: 'Added' }, ...problemResponses(400, 401, 403, 404) } },
    },
    '/inbox/conversations/{id}/replies': {
      post: {
        tags,
        summary: 'Answer the citizen in the chat they wrote from',
        description: 'The reply is queued (`queued → sent | failed`) and retried for about an hour while the chat account is down.',
        parameters: [idParam],
        requestBody: jsonBody(requestSchema(TextBody), { text: '您好，续签居留许可需要预约。' }),
        responses: { '202': jsonResponse('Queued', ref('InboxOutbound')), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/inbox/conversations/{id}/outbound/{outboundId}/retry': {
      post: {
        tags,
        summary: 'Send a failed reply or acknowledgement again, with fresh attempts',
        parameters: [idParam, { name: 'outboundId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '202': jsonResponse('Queued again', ref('InboxOutbound')), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/inbox/conversations/{id}/close': workOn('Close a conversation'),
    '/inbox/conversations/{id}/reopen': workOn('Reopen a conversation'),
    '/inbox/conversations/{id}/language': {
      post: {
        tags,
        summary: "Move a conversation to another language's queue (a mediator's correction)",
        description:
          'Takes an unsure conversation out of the unsure queue (any mediator may), or a misrouted one out of its language. The contact keeps the language (`languageSource: corrected`): no later guess, nor a group, overrides it; only the citizen\'s LANG does. Counted in the statistics (`corrections`) and `/metrics` (`sportello_inbox_language_corrections_total`).',
        parameters: [idParam],
        requestBody: jsonBody(requestSchema(RouteBody), { language: 'ur' }),
        responses: { '200': jsonResponse('Moved', ref('Conversation')), ...problemResponses(400, 401, 403, 404) },
      },
    },
    '/inbox/conversations/{id}/messages/{messageId}/translation': {
      post: {
        tags,
        summary: "An Italian machine draft of a citizen's message (mediators of the conversation, admins)",
        description:
          "Only when the town turned on `TRANSLATE_CITIZEN_MESSAGES` (with a machine translator configured): the citizen's words then go to that engine. Shown, never stored nor logged. Otherwise 503 `inbox.translation_off`.",
        parameters: [idParam, { name: 'messageId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': jsonResponse('The draft', { type: 'object', properties: { messageId: { type: 'string' }, text: { type: 'string' }, engine: { type: 'string' }, from: { type: ['string', 'null'] } } }),
          '503': { description: 'Machine translation of citizens\' messages is off, or the engine failed.' },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    '/inbox/conversations/{id}/subscription': {
      put: {
        tags,
        summary: "Subscribe the conversation's citizen to the notices in their direct chat, at their request",
        description:
          'For a citizen who asked in their own words instead of writing ISCRIVIMI: every announcement then reaches their direct chat in their language, and they are told how to stop, as after the keyword. 409 `inbox.subscription_needs_direct_chat` when they wrote only in a group, `inbox.contact_opted_out` after their STOP (theirs to undo). `topics` (optional): only announcements with one of them, as for a group; none, every announcement. Already subscribed: only the topics change, nothing is sent.',
        parameters: [idParam],
        requestBody: jsonBody(requestSchema(SubscriptionBody), { topics: ['school'] }),
        responses: { '200': jsonResponse('The contact', { type: 'object' }), ...problemResponses(400, 401, 403, 404, 409) },
      },
      delete: {
        tags,
        summary: "End the conversation's citizen's subscription, at their request",
        description: 'The citizen is told in the chat the notices went to (not after a STOP). Not subscribed: nothing changes.',
        parameters: [idParam],
        responses: { '200': jsonResponse('The contact', { type: 'object' }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    '/inbox/contacts/{id}/export': {
      get: { tags, summary: 'Everything stored about a contact, as JSON (admins)', parameters: [idParam], responses: { '200': jsonResponse('The export', { type: 'object' }), ...problemResponses(400, 401, 403, 404) } },
    },
    '/inbox/contacts/{id}': {
      delete: { tags, summary: 'Erase a contact and everything about them (admins); audit entries keep a pseudonym', parameters: [idParam], responses: { '204': { description: 'Erased' }, ...problemResponses(400, 401, 403, 404) } },
    },
    ...savedRepliesPaths,
  },
  schemas: {
    ConversationRow: {
      allOf: [
        ref('Conversation'),
        {
          type: 'object',
          properties: {
            displayName: { type: 'string', description: "The citizen's name as their platform shows it." },
            lastMessage: {
              type: 'object',
              properties: {
                text: { type: 'string', description: 'The first 120 characters of the latest message from the citizen (ending in … when cut).' },
                truncated: { type: 'boolean' },
                media: { type: 'string', description: 'The kind of attachment, if any.' },
                receivedAt: dateTime,
              },
            },
          },
        },
      ],
    },
    Conversation: ConversationSchema, InboxOutbound: OutboundSchema, SavedReply: SavedReplySchema },
};
