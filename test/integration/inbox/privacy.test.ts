import { expect } from 'chai';
import { signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { captureLogs } from '../../support/log-capture.js';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { publishAnnouncement, settled, waitForSummary } from '../dispatch/dispatch-api.js';
import { ACCOUNT, citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

describe("inbox privacy: a contact's export and erasure, and logs", () => {
  let ctx: InboxStack;
  const logs = captureLogs();

  before(async () => {
    ctx = await startInboxStack({ LOG_LEVEL: 'debug' }, { logDestination: logs.destination });
  });

  after(() => ctx.stack.stop());

  async function conversationOf(chat: string, text: string) {
    const question = buildQuestion(text);
    await citizenWrites(ctx, chat, question);
    await waitForOurMessages(ctx, chat, (m) => m.length >= 1);
    return { question, conversation: await conversationWith(ctx, question) };
  }

  it('export: the contact, messages, automatic messages, replies, notes, deliveries to their chat and audit references', async () => {
    const chat = citizenChat(1);
    const { question, conversation } = await conversationOf(chat, 'مرحبا، سؤال عن الإقامة');
    await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversation.id}/notes`, { headers: ctx.arabicMediator.headers, body: { text: 'nota riservata' } });
    await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversation.id}/replies`, { headers: ctx.arabicMediator.headers, body: { text: 'risposta' } });
    await subscribeToAnnouncements(chat);

    const exported = await call(ctx.stack, 'GET', `/api/v1/inbox/contacts/${conversation.contactId}/export`, { headers: ctx.admin.headers });

    expect(exported.status).to.equal(200);
    expect(exported.body.contact).to.include({ id: conversation.contactId, senderId: chat, account: ACCOUNT });
    expect(exported.body.conversation.id).to.equal(conversation.id);
    expect(exported.body.messages.map((m: { text: string }) => m.text)).to.deep.equal([question]);
    expect(exported.body.outbound.map((o: { kind: string }) => o.kind)).to.deep.equal(['ack', 'reply']);
    expect(exported.body.notes.map((n: { text: string }) => n.text)).to.deep.equal(['nota riservata']);
    expect(exported.body.deliveries).to.have.length(1);
    expect(exported.body.deliveries[0]).to.include({ chatId: chat });
    expect(exported.body.auditReferences.map((r: { action: string }) => r.action)).to.include.members(['inbox.noted', 'inbox.replied', 'inbox.exported']);
  });

  it('erase: nothing about the contact remains, deliveries to their chat are gone, and the audit trail keeps a pseudonym and an erase event', async () => {
    const chat = citizenChat(2);
    const { conversation } = await conversationOf(chat, 'مرحبا، احذفوا بياناتي');
    await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversation.id}/replies`, { headers: ctx.arabicMediator.headers, body: { text: 'ok' } });
    await subscribeToAnnouncements(chat);

    const erased = await call(ctx.stack, 'DELETE', `/api/v1/inbox/contacts/${conversation.contactId}`, { headers: ctx.admin.headers });

    expect(erased.status).to.equal(204);
    expect((await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${conversation.id}`, { headers: ctx.admin.headers })).status).to.equal(404);
    expect((await call(ctx.stack, 'GET', `/api/v1/inbox/contacts/${conversation.contactId}/export`, { headers: ctx.admin.headers })).status).to.equal(404);
    const byConversation = await call(ctx.stack, 'GET', `/api/v1/audit?targetType=inbox_conversation&targetId=${conversation.id}`, { headers: ctx.admin.headers });
    expect(byConversation.body.items).to.deep.equal([]);
    const eraseEvents = await call(ctx.stack, 'GET', '/api/v1/audit?action=inbox.erased', { headers: ctx.admin.headers });
    const pseudonym = String(eraseEvents.body.items[0].target.id);
    expect(pseudonym).to.match(/^erased-/);
    expect(eraseEvents.body.items[0].details).to.include({ messages: 1, deliveries: 1 });
    const pseudonymised = await call(ctx.stack, 'GET', `/api/v1/audit?targetId=${pseudonym}`, { headers: ctx.admin.headers });
    expect(pseudonymised.body.items.map((e: { action: string }) => e.action)).to.include.members(['inbox.replied', 'inbox.erased']);
    expect(JSON.stringify(pseudonymised.body)).not.to.contain(chat);
  });

  it('logs of intake, replies, export and erasure hold no phone number, chat id or message text', async () => {
    const chat = citizenChat(3);
    const { question, conversation } = await conversationOf(chat, 'Il mio numero è +39 333 123 4567');
    await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversation.id}/replies`, { headers: ctx.admin.headers, body: { text: 'risposta privata' } });
    await waitForOurMessages(ctx, chat, (m) => m.length === 2);
    await call(ctx.stack, 'DELETE', `/api/v1/inbox/contacts/${conversation.contactId}`, { headers: ctx.admin.headers });

    const logged = logs.text();
    expect(logged).to.contain('inbox message stored');
    expect(logged).not.to.contain('3330000003');
    expect(logged).not.to.contain('333 123 4567');
    expect(logged).not.to.contain(question.slice(0, 12));
    expect(logged).not.to.contain('risposta privata');
  });

  /** The citizen's direct chat registered as a one-person "group" (an opt-in subscriber), and one announcement sent to it. */
  async function subscribeToAnnouncements(chat: string): Promise<void> {
    const registered = await call(ctx.stack, 'POST', '/api/v1/groups', {
      headers: ctx.admin.headers,
      body: { account: ACCOUNT, chatId: chat, name: 'Iscritto', language: 'ar', topics: ['desk'], enabled: true },
    });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const dispatchCtx = { stack: ctx.stack, admin: ctx.admin, editor: await signInAs(ctx.stack, 'editor'), mediator: ctx.arabicMediator };
    const id = await publishAnnouncement(dispatchCtx, { approved: ['ar'], input: { topics: ['desk'] } });
    await waitForSummary(dispatchCtx, id, settled);
  }
});
