import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelAccountConfig } from '../../../src/platform/config.js';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { buildAnnouncementInput, buildTranslationInput } from '../../factories/announcement.factory.js';

export interface DispatchStack {
  stack: TestStack;
  admin: SignedInUser;
  editor: SignedInUser;
  mediator: SignedInUser;
}

const ALL_LANGUAGES = ['en', 'ar', 'zh-Hans', 'sq', 'ro', 'ur'];

/** The whole service with these simulated accounts, and an editor, a mediator for every test language and the admin. */
export async function startDispatchStack(accounts: ChannelAccountConfig[], env: Record<string, string> = {}): Promise<DispatchStack> {
  const stack = await startTestStack({ CONNECTORS: JSON.stringify(accounts), ...env });
  return {
    stack,
    admin: await signInAsAdmin(stack),
    editor: await signInAs(stack, 'editor'),
    mediator: await signInAs(stack, 'mediator', { languages: ALL_LANGUAGES }),
  };
}

/** Registers every group chat of the accounts through `POST /api/v1/groups`, with `edit` applied to each body. */
export async function registerGroups(
  ctx: DispatchStack,
  accounts: Array<Extract<ChannelAccountConfig, { platform: 'simulator' }>>,
  edit: (group: Record<string, unknown>) => Record<string, unknown> = (g) => g,
): Promise<void> {
  for (const account of accounts) {
    for (const chat of account.chats.filter((c) => c.type === 'group')) {
      const body = edit({ account: account.id, chatId: chat.chatId, name: chat.name, language: chat.language ?? 'it', topics: chat.topics ?? [], enabled: true });
      const created = await call(ctx.stack, 'POST', '/api/v1/groups', { headers: ctx.editor.headers, body });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
    }
  }
}

/** Creates an announcement for `approved` and `pending` languages and approves the `approved` ones; returns its id. */
export async function createAnnouncement(ctx: DispatchStack, options: { approved: string[]; pending?: string[]; input?: Record<string, unknown> }): Promise<string> {
  const created = await call(ctx.stack, 'POST', '/api/v1/announcements', {
    headers: ctx.editor.headers,
    body: buildAnnouncementInput({ targetLanguages: [...options.approved, ...(options.pending ?? [])], ...options.input }),
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const id = String(created.body.id);
  for (const lang of options.approved) await approveTranslation(ctx, id, lang);
  return id;
}

/** Creates an announcement, approves `approved` languages and publishes it; returns its id. */
export async function publishAnnouncement(
  ctx: DispatchStack,
  options: { approved: string[]; pending?: string[]; input?: Record<string, unknown>; scheduledAt?: Date },
): Promise<string> {
  const id = await createAnnouncement(ctx, options);
  const published = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/publish`, {
    headers: ctx.editor.headers,
    ...(options.scheduledAt ? { body: { scheduledAt: options.scheduledAt.toISOString() } } : {}),
  });
  expect(published.status, JSON.stringify(published.body)).to.equal(202);
  return id;
}

export async function approveTranslation(ctx: DispatchStack, id: string, lang: string): Promise<void> {
  const written = await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/${lang}`, { headers: ctx.mediator.headers, body: buildTranslationInput(lang) });
  expect(written.status, JSON.stringify(written.body)).to.equal(200);
  const approved = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/${lang}/approve`, { headers: ctx.mediator.headers });
  expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
}

export interface Summary {
  total: number;
  byState: Record<string, number>;
  breakdown: Array<{ state: string; language: string; channel: string; count: number }>;
}

export async function summaryOf(ctx: DispatchStack, id: string): Promise<Summary> {
  const response = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries/summary`, { headers: ctx.editor.headers });
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body as Summary;
}

/** Polls the summary until `done` holds, or fails with the last summary seen. */
export async function waitForSummary(ctx: DispatchStack, id: string, done: (s: Summary) => boolean, timeoutMs = 20_000): Promise<Summary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await summaryOf(ctx, id);
    if (done(summary)) return summary;
    if (Date.now() > deadline) throw new Error(`deliveries did not settle: ${JSON.stringify(summary.byState)}`);
    await sleep(100);
  }
}

/** Polls `/metrics` until every pattern matches; returns the text that did. */
export async function waitForMetrics(ctx: Pick<DispatchStack, 'stack'>, patterns: RegExp[], what: string, timeoutMs = 20_000): Promise<string> {
  let last = '';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    last = await (await fetch(new URL('/metrics', ctx.stack.url))).text();
    if (patterns.every((pattern) => pattern.test(last))) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${last.split('\n').filter((line) => line.startsWith('sportello_dispatch')).join('\n')}`);
    await sleep(100);
  }
}

/** A job of the account back in the queue for later (a cap, quiet hours): its delivery was taken and postponed. */
export const delayedJobs = (account: string, count: number): RegExp => new RegExp(`^sportello_dispatch_queue_jobs\\{account="${account}",state="delayed"\\} ${count}$`, 'm');

export const settled = (s: Summary): boolean =>
  s.total > 0 && ['planned', 'queued', 'sending'].every((state) => (s.byState[state] ?? 0) === 0);

/** `HH:mm` in Rome, `offsetMinutes` from now. */
export function romeTime(offsetMinutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + offsetMinutes * 60_000),
  );
}

export interface ChatMessage {
  id: string;
  text: string;
  fromUs: boolean;
  at: string;
}

/** What the simulated chat holds, oldest first, read through the simulator's control API. */
export async function messagesIn(ctx: Pick<DispatchStack, 'stack' | 'admin'>, account: string, chatId: string): Promise<ChatMessage[]> {
  const response = await call(ctx.stack, 'GET', `/api/v1/simulator/${account}/chats/${encodeURIComponent(chatId)}/messages`, { headers: ctx.admin.headers });
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return (Array.isArray(response.body) ? response.body : response.body.items) as ChatMessage[];
}
