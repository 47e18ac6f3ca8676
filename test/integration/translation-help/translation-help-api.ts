import { expect } from 'chai';
import { call } from '../../support/http.js';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

export interface HelpStack {
  stack: TestStack;
  editor: SignedInUser;
  /** A mediator for Chinese (Simplified). */
  mediator: SignedInUser;
}

/** One stack per file with an editor and a Chinese mediator; `env` adds a translator or a fuzzy minimum. */
export async function startHelpStack(env: Record<string, string> = {}): Promise<HelpStack> {
  const stack = await startTestStack(env);
  return { stack, editor: await signInAs(stack, 'editor'), mediator: await signInAs(stack, 'mediator', { languages: ['zh-Hans'] }) };
}

/** A notice in Italian asking for Chinese (or `targetLanguages`), created by the editor; returns its id. */
export async function writeNotice(ctx: HelpStack, text: { title: string; body: string }, targetLanguages: string[] = ['zh-Hans']): Promise<string> {
  const created = await call(ctx.stack, 'POST', '/api/v1/announcements', {
    headers: ctx.editor.headers,
    body: { sourceLanguage: 'it', ...text, topics: ['permits'], priority: 'normal', targetLanguages },
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  return String(created.body.id);
}

/** A notice whose Chinese text the mediator wrote whole and approved. */
export async function approvedNotice(ctx: HelpStack, it: { title: string; body: string }, zh: { title: string; body: string }): Promise<string> {
  const id = await writeNotice(ctx, it);
  const written = await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: ctx.mediator.headers, body: zh });
  expect(written.status, JSON.stringify(written.body)).to.equal(200);
  const approved = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/approve`, { headers: ctx.mediator.headers, body: {} });
  expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  return id;
}

export interface SuggestedSegment {
  key: string;
  source: string;
  memory: Array<{ text: string; score: number; announcementId: string; noticeTitle: string; approvedAt: string }>;
  machine: { text: string; engine: string } | null;
  saved: { text: string; origin: string; confirmed: boolean } | null;
  prefill: { text: string; from: string; score?: number } | null;
}

export async function suggestionsFor(ctx: HelpStack, id: string, who: SignedInUser = ctx.mediator, lang = 'zh-Hans') {
  const response = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/translations/${lang}/suggestions`, { headers: who.headers });
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body as { segments: SuggestedSegment[]; glossary: { terms: unknown[]; warnings: unknown[] }; translator: string | null; version: number };
}
