import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import type { StartOptions } from '../../../src/main.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { waitForAsync } from '../../support/wait-for.js';
import { buildCitizensAccount } from '../../factories/inbox.factory.js';
import { messagesIn, type ChatMessage } from '../dispatch/dispatch-api.js';

export const ACCOUNT = 'sim-citizens';
export const ARABIC_GROUP = '120363000000000001@g.us';

export interface InboxStack {
  stack: TestStack;
  admin: SignedInUser;
  arabicMediator: SignedInUser;
  chineseMediator: SignedInUser;
  viewer: SignedInUser;
}

/** The whole service on one simulated account of citizens, with the Arabic group registered (already, on a restart). */
export async function startInboxStack(
  env: Record<string, string> = {},
  options: StartOptions & { account?: Parameters<typeof buildCitizensAccount>[0] } = {},
): Promise<InboxStack> {
  const { account, ...startOptions } = options;
  const stack = await startTestStack({ CONNECTORS: JSON.stringify([buildCitizensAccount(account)]), ...env }, startOptions);
  const admin = await signInAsAdmin(stack);
  const group = await call(stack, 'POST', '/api/v1/groups', {
    headers: admin.headers,
    body: { account: ACCOUNT, chatId: ARABIC_GROUP, name: 'Comunità araba', language: 'ar', topics: [], enabled: true },
  });
  expect([201, 409], JSON.stringify(group.body)).to.include(group.status);
  return {
    stack,
    admin,
    arabicMediator: await signInAs(stack, 'mediator', { languages: ['ar'] }),
    chineseMediator: await signInAs(stack, 'mediator', { languages: ['zh-Hans'] }),
    viewer: await signInAs(stack, 'viewer'),
  };
}

/** A citizen writes into a simulated chat; resolves once the inbox has stored it. */
export async function citizenWrites(ctx: InboxStack, chatId: string, text: string, options: { senderId?: string; mentionsUs?: boolean } = {}): Promise<void> {
  const response = await call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/inbound`, {
    headers: ctx.admin.headers,
    body: { chatId, senderId: options.senderId ?? chatId, senderName: 'Citizen', text, ...(options.mentionsUs ? { mentionsUs: true } : {}) },
  });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
}

export interface ConversationSummary {
  id: string;
  contactId: string;
  language: string;
  /** In the unsure queue: nobody could tell its language yet. */
  unsure: boolean;
  state: string;
  chatType: 'direct' | 'group';
  assigneeId?: string;
}

export async function listConversations(ctx: Pick<InboxStack, 'stack' | 'admin'>, as: SignedInUser, query = ''): Promise<ConversationSummary[]> {
  const response = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations?limit=200${query}`, { headers: as.headers });
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body.items as ConversationSummary[];
}

/** The conversations (in detail) whose messages hold the text `marker`. */
export async function conversationsHolding(ctx: Pick<InboxStack, 'stack' | 'admin'>, marker: string) {
  const found = [];
  for (const summary of await listConversations(ctx, ctx.admin)) {
    const detail = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${summary.id}`, { headers: ctx.admin.headers });
    expect(detail.status, JSON.stringify(detail.body)).to.equal(200);
    if ((detail.body.messages as Array<{ text: string }>).some((m) => m.text.includes(marker))) found.push(detail.body);
  }
  return found;
}

/** The conversation of the contact who wrote from `chatId` (their messages hold the text `marker`). */
export async function conversationWith(ctx: Pick<InboxStack, 'stack' | 'admin'>, marker: string) {
  const [conversation] = await conversationsHolding(ctx, marker);
  if (!conversation) throw new Error(`no conversation holds ${marker}`);
  return conversation;
}

/**
 * Resolves once the inbox has nothing left to send (no acknowledgement or answer `queued` or `sending`): after
 * it, a message that was not sent was not going to be.
 */
export async function waitForOutboundSettled(ctx: Pick<InboxStack, 'stack'>): Promise<void> {
  await waitForAsync(async () => {
    const metrics = await (await fetch(new URL('/metrics', ctx.stack.url))).text();
    return /sportello_inbox_outbound_messages\{state="(queued|sending)"\} [1-9]/.test(metrics) ? undefined : true;
  }, 'the inbox to send what it had to send');
}

/** Polls until the inbox holds a conversation with `marker` (the API answers 5xx while the database is away). */
export async function waitForConversation(ctx: Pick<InboxStack, 'stack' | 'admin'>, marker: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await conversationWith(ctx, marker);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

export interface QueuedJob {
  id: string;
  processedOn?: number;
  failedReason?: string;
  data: { outboundId?: string };
}

/** The jobs of the account's inbox send queue in `status`, as the admin's queue dashboard lists them. */
export async function inboxSendJobs(ctx: Pick<InboxStack, 'stack' | 'admin'>, status: 'active' | 'delayed' | 'waiting'): Promise<QueuedJob[]> {
  const response = await call(ctx.stack, 'GET', `/admin/queues/api/queues?activeQueue=inbox-${ACCOUNT}&status=${status}&jobsPerPage=100`, { headers: ctx.admin.headers });
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  const queue = (response.body.queues as Array<{ name: string; jobs: QueuedJob[] }>).find((q) => q.name === `inbox-${ACCOUNT}`);
  return queue?.jobs ?? [];
}

/** Polls the simulated chat until `done` holds for what we sent into it. */
export async function waitForOurMessages(ctx: Pick<InboxStack, 'stack' | 'admin'>, chatId: string, done: (ours: ChatMessage[]) => boolean, timeoutMs = 15_000): Promise<ChatMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ours = (await messagesIn(ctx, ACCOUNT, chatId)).filter((m) => m.fromUs);
    if (done(ours)) return ours;
    if (Date.now() > deadline) throw new Error(`chat ${chatId} holds ${JSON.stringify(ours.map((m) => m.text))}`);
    await sleep(100);
  }
}
