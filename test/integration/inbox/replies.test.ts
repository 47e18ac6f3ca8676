import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
import { ACCOUNT, ARABIC_GROUP, citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

describe('inbox replies and the work of mediators', () => {
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack();
  });

  after(() => ctx.stack.stop());

  const post = (as: { headers: Record<string, string> }, path: string, body?: unknown) => call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${path}`, { headers: as.headers, body });
  const read = (as: { headers: Record<string, string> }, id: string) => call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${id}`, { headers: as.headers });

  async function arabicConversation(chat: string): Promise<string> {
    const question = buildQuestion('مرحبا، كيف أجدد تصريح الإقامة؟');
    await citizenWrites(ctx, chat, question);
    await waitForOurMessages(ctx, chat, (m) => m.length === 1);
    return String((await conversationWith(ctx, question)).id);
  }

  it('a mediator claims, notes and answers: the answer reaches the same chat and the conversation is answered', async () => {
    const chat = citizenChat(1);
    const id = await arabicConversation(chat);

    const claimed = await post(ctx.arabicMediator, `${id}/assign`, {});
    const noted = await post(ctx.arabicMediator, `${id}/notes`, { text: 'Ha già un appuntamento in Questura.' });
    const replied = await post(ctx.arabicMediator, `${id}/replies`, { text: 'نعم، يجب حجز موعد في مكتب البريد.' });

    expect(claimed.status).to.equal(200);
    expect(claimed.body).to.include({ state: 'assigned', assigneeId: ctx.arabicMediator.user.id });
    expect(noted.status).to.equal(201);
    expect(replied.status).to.equal(202);
    expect(replied.body).to.include({ kind: 'reply', state: 'queued' });
    const ours = await waitForOurMessages(ctx, chat, (m) => m.length === 2);
    expect(ours[1]!.text).to.equal('نعم، يجب حجز موعد في مكتب البريد.');
    const after = await read(ctx.arabicMediator, id);
    expect(after.body.state).to.equal('answered');
    expect(after.body.outbound.map((o: { kind: string; state: string }) => `${o.kind}:${o.state}`)).to.deep.equal(['ack:sent', 'reply:sent']);
    expect(after.body.notes.map((n: { text: string }) => n.text)).to.deep.equal(['Ha già un appuntamento in Questura.']);
    const audit = await call(ctx.stack, 'GET', `/api/v1/audit?targetType=inbox_conversation&targetId=${id}`, { headers: ctx.admin.headers });
    expect(audit.body.items.map((e: { action: string }) => e.action)).to.have.members(['inbox.assigned', 'inbox.noted', 'inbox.replied']);
  });

  it('an answer to a group mention, goes back to the group', async () => {
    const question = buildQuestion('Quando apre lo sportello?');
    await citizenWrites(ctx, ARABIC_GROUP, question, { senderId: citizenChat(2), mentionsUs: true });
    const id = String((await conversationWith(ctx, question)).id);

    await post(ctx.arabicMediator, `${id}/replies`, { text: 'Lunedì alle 9.' });

    const ours = await waitForOurMessages(ctx, ARABIC_GROUP, (m) => m.some((x) => x.text === 'Lunedì alle 9.'));
    expect(ours.map((m) => m.text)).to.include('Lunedì alle 9.');
  });

  it('the chat account disconnected when the mediator answers, keeps the answer queued and sends it once it is back', async () => {
    const chat = citizenChat(3);
    const id = await arabicConversation(chat);
    const fault = await call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/faults`, { headers: ctx.admin.headers, body: { disconnectForSeconds: 2 } });
    expect(fault.status).to.equal(202);

    const replied = await post(ctx.arabicMediator, `${id}/replies`, { text: 'La risposta arriverà comunque.' });
    // The first attempt is the event: it met the disconnected account and left the answer queued.
    const whileDown = await waitForAsync(async () => {
      const answer = (await read(ctx.arabicMediator, id)).body.outbound[1];
      return answer && answer.attempts >= 1 ? answer : undefined;
    }, 'the first attempt at the answer');

    expect(replied.status).to.equal(202);
    expect(whileDown).to.include({ state: 'queued' });
    await waitForOurMessages(ctx, chat, (m) => m.some((x) => x.text === 'La risposta arriverà comunque.'), 20_000);
    expect((await read(ctx.arabicMediator, id)).body.outbound[1]).to.include({ state: 'sent' });
  });

  it('a reply the platform refuses for good, is failed; sent again on request, it reaches the chat', async () => {
    const chat = citizenChat(9);
    const id = await arabicConversation(chat);
    await call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/faults`, { headers: ctx.admin.headers, body: { failNext: { count: 1, kind: 'permanent' } } });
    const replied = await post(ctx.arabicMediator, `${id}/replies`, { text: 'Seconda possibilità.' });
    let failed;
    for (let i = 0; i < 50 && failed?.state !== 'failed'; i++) {
      await sleep(100);
      failed = (await read(ctx.arabicMediator, id)).body.outbound[1];
    }

    const retried = await post(ctx.arabicMediator, `${id}/outbound/${String(replied.body.id)}/retry`);
    const again = await post(ctx.arabicMediator, `${id}/outbound/${String(replied.body.id)}/retry`);

    expect(failed).to.include({ state: 'failed', reason: 'simulated: not a member of this chat' });
    expect(retried.status).to.equal(202);
    expect(retried.body).to.include({ state: 'queued', attempts: 0 });
    await waitForOurMessages(ctx, chat, (m) => m.some((x) => x.text === 'Seconda possibilità.'));
    expect(again.status).to.equal(409);
  });

  it('a mediator of another language cannot read, note or answer; a viewer reads without notes and writes nothing', async () => {
    const id = await arabicConversation(citizenChat(4));
    await post(ctx.arabicMediator, `${id}/notes`, { text: 'Nota interna' });

    const foreignRead = await read(ctx.chineseMediator, id);
    const foreignNote = await post(ctx.chineseMediator, `${id}/notes`, { text: 'x' });
    const foreignReply = await post(ctx.chineseMediator, `${id}/replies`, { text: 'x' });
    const viewerRead = await read(ctx.viewer, id);
    const viewerReply = await post(ctx.viewer, `${id}/replies`, { text: 'x' });

    expect([foreignRead.status, foreignNote.status, foreignReply.status]).to.deep.equal([403, 403, 403]);
    expect(foreignRead.body.type).to.equal('/problems/inbox.language_not_yours');
    expect(viewerRead.status).to.equal(200);
    expect(viewerRead.body).not.to.have.property('notes');
    expect(viewerReply.status).to.equal(403);
    expect((await read(ctx.arabicMediator, id)).body.notes).to.have.length(1);
  });

  it('a mediator assigning to someone else is refused; an admin may assign anyone', async () => {
    const id = await arabicConversation(citizenChat(5));

    const byMediator = await post(ctx.arabicMediator, `${id}/assign`, { assigneeId: ctx.chineseMediator.user.id });
    const byAdmin = await post(ctx.admin, `${id}/assign`, { assigneeId: ctx.arabicMediator.user.id });

    expect(byMediator.status).to.equal(403);
    expect(byAdmin.body).to.include({ state: 'assigned', assigneeId: ctx.arabicMediator.user.id });
  });

  it('an admin assigning to a missing, disabled, viewer or other-language user, is refused with 400 naming assigneeId and nothing changes', async () => {
    const id = await arabicConversation(citizenChat(11));
    const disabled = await signInAs(ctx.stack, 'mediator', { languages: ['ar'] });
    const disabling = await call(ctx.stack, 'PATCH', `/api/v1/users/${disabled.user.id}`, { headers: ctx.admin.headers, body: { disabled: true } });
    expect(disabling.status, JSON.stringify(disabling.body)).to.equal(200);

    const refused = await Promise.all(
      ['0123456789abcdef01234567', disabled.user.id, ctx.viewer.user.id, ctx.chineseMediator.user.id].map((assigneeId) => post(ctx.admin, `${id}/assign`, { assigneeId })),
    );

    for (const response of refused) {
      expect(response.status, JSON.stringify(response.body)).to.equal(400);
      expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(response.body).to.include({ type: '/problems/inbox.assignee_not_eligible' });
      expect(response.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['assigneeId']);
    }
    expect((await read(ctx.admin, id)).body).to.include({ state: 'open' }).and.not.to.have.property('assigneeId');
  });

  it('an admin assigning to another admin or to a mediator of the language, succeeds', async () => {
    const id = await arabicConversation(citizenChat(12));
    const otherAdmin = await signInAs(ctx.stack, 'admin');

    const toAdmin = await post(ctx.admin, `${id}/assign`, { assigneeId: otherAdmin.user.id });
    const toMediator = await post(ctx.admin, `${id}/assign`, { assigneeId: ctx.arabicMediator.user.id });

    expect(toAdmin.body).to.include({ state: 'assigned', assigneeId: otherAdmin.user.id });
    expect(toMediator.body).to.include({ state: 'assigned', assigneeId: ctx.arabicMediator.user.id });
  });

  it('close then a new question, reopens the conversation to its assignee and acknowledges again; a closed one takes no reply', async () => {
    const chat = citizenChat(6);
    const id = await arabicConversation(chat);
    await post(ctx.arabicMediator, `${id}/assign`, {});

    const closed = await post(ctx.arabicMediator, `${id}/close`);
    const refused = await post(ctx.arabicMediator, `${id}/replies`, { text: 'troppo tardi' });
    await citizenWrites(ctx, chat, buildQuestion('سؤال آخر'));

    expect(closed.body.state).to.equal('closed');
    expect(refused.status).to.equal(409);
    expect((await read(ctx.arabicMediator, id)).body.state).to.equal('assigned');
    await waitForOurMessages(ctx, chat, (m) => m.length === 2);
  });

  it('a conversation moved to Urdu, leaves the Arabic queue for the Urdu one', async () => {
    const id = await arabicConversation(citizenChat(7));

    const moved = await post(ctx.arabicMediator, `${id}/language`, { language: 'ur' });
    const afterwards = await read(ctx.arabicMediator, id);

    expect(moved.body).to.include({ language: 'ur', state: 'open' });
    expect(afterwards.status).to.equal(403);
  });

  it('invalid input: unknown field, empty reply, bad id, unsupported language, are refused with problem+json naming the field', async () => {
    const id = await arabicConversation(citizenChat(8));

    const unknown = await post(ctx.arabicMediator, `${id}/replies`, { text: 'ok', $where: '1' });
    const empty = await post(ctx.arabicMediator, `${id}/replies`, { text: '   ' });
    const badId = await read(ctx.admin, 'not-an-id');
    const language = await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?language=xx', { headers: ctx.admin.headers });

    expect([unknown.status, empty.status, badId.status, language.status]).to.deep.equal([400, 400, 400, 400]);
    expect(empty.body.errors[0].field).to.equal('text');
    expect(language.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });
});
