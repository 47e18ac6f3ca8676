import { dateTime, jsonBody, jsonResponse, problemResponses, requestSchema } from '../../api-docs/index.js';
import { SavedReplyBody } from './saved-replies.schemas.js';

const tags = ['Inbox'];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const savedReply = { $ref: '#/components/schemas/SavedReply' };
const example = { language: 'zh-Hans', title: 'Documenti per il rinnovo del permesso', text: '您好！续签居留许可需要：护照、现有居留许可、4张证件照、16欧元印花税票。' };

export const SavedReplySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    language: { type: 'string', description: 'The citizens’ language the text is written in.' },
    title: { type: 'string', description: 'What staff call it (Italian); unique within the language, whatever the case.' },
    text: { type: 'string' },
    createdBy: { type: 'string' },
    createdAt: dateTime,
    updatedBy: { type: 'string' },
    updatedAt: dateTime,
  },
};

/** The saved replies' paths, part of the inbox's contribution. */
export const savedRepliesPaths = {
  '/inbox/saved-replies': {
    get: {
      tags,
      summary: 'Saved replies to insert into answers (mediators: their languages only)',
      parameters: [{ name: 'language', in: 'query', schema: { type: 'string' }, description: 'Only this language (a mediator asking for another one gets 403).' }],
      responses: { '200': jsonResponse('By language, then title', { type: 'object', properties: { items: { type: 'array', items: savedReply } } }), ...problemResponses(400, 401, 403) },
    },
    post: {
      tags,
      summary: 'Save a reply (admins, mediators of its language)',
      requestBody: jsonBody(requestSchema(SavedReplyBody), example),
      responses: { '201': jsonResponse('Saved', savedReply), ...problemResponses(400, 401, 403, 409) },
    },
  },
  '/inbox/saved-replies/{id}': {
    get: { tags, summary: 'A saved reply', parameters: [idParam], responses: { '200': jsonResponse('The saved reply', savedReply), ...problemResponses(400, 401, 403, 404) } },
    put: {
      tags,
      summary: 'Change a saved reply (admins, mediators of its language and of the new one)',
      parameters: [idParam],
      requestBody: jsonBody(requestSchema(SavedReplyBody), example),
      responses: { '200': jsonResponse('Changed', savedReply), ...problemResponses(400, 401, 403, 404, 409) },
    },
    delete: { tags, summary: 'Delete a saved reply (admins, mediators of its language)', parameters: [idParam], responses: { '204': { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) } },
  },
};
