import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../../platform/http/auth-guard.js';
import { parseBody, parseParams, parseQuery } from '../../platform/http/validate.js';
import type { ChatConnector } from '../chat-connector.port.js';
import { UnknownAccount } from '../connectors.errors.js';
import { SimulatorConnector } from './simulator.adapter.js';
import { AccountId } from '../../platform/account-id.js';

const ChatId = z.string().min(1).max(200);
const AccountParams = z.strictObject({ account: AccountId });
const ChatParams = z.strictObject({ account: AccountId, chatId: ChatId });

const InboundBody = z.strictObject({
  chatId: ChatId,
  senderId: z.string().min(1).max(200),
  senderName: z.string().min(1).max(200),
  text: z.string().min(1).max(4096),
  mentionsUs: z.boolean().optional(),
  quotedMessageId: z.string().min(1).max(200).optional(),
  deliverAfterSeconds: z.number().positive().max(3600).optional(),
});

export const NewChatBody = z.strictObject({
  /** Left out: a new id as the imitated platform spells one. */
  chatId: ChatId.optional(),
  /** The citizen's name as their phone shows it (a group's name for a group). */
  name: z.string().trim().min(1).max(200),
  type: z.enum(['direct', 'group']).default('direct'),
});

export const ChatsQuery = z.strictObject({ include: z.enum(['messages']).optional() });

const Seconds = z.number().positive().max(3600);
const FaultsBody = z
  .strictObject({
    failNext: z
      .strictObject({
        count: z.number().int().min(1).max(1000),
        kind: z.enum(['transient', 'rate_limited', 'permanent']),
        retryAfterSeconds: Seconds.optional(),
        /** Only sends into this chat fail (a test's answer, not the notices going out meanwhile). */
        chatId: z.string().min(1).max(200).optional(),
      })
      .optional(),
    disconnectForSeconds: Seconds.optional(),
    requireLoginForSeconds: Seconds.optional(),
    holdAfterSends: z.number().int().min(0).max(100_000).optional(),
  })
  .refine((f) => f.failNext ?? f.disconnectForSeconds ?? f.requireLoginForSeconds ?? f.holdAfterSends !== undefined, {
    message: 'give failNext, disconnectForSeconds, requireLoginForSeconds or holdAfterSends',
    path: ['failNext'],
  });

export interface ConnectorLookup {
  get(accountId: string): ChatConnector | undefined;
}

/**
 * The simulator's control API, for the demo and the browser and reliability tests: write as a citizen,
 * read what was said, break the network. Mount only when a simulated account is configured, at
 * `/api/v1/simulator`. Admins only: it lets the caller speak as anyone.
 */
export function createSimulatorRouter(deps: { connectors: ConnectorLookup }): Router {
  const router = Router();
  router.use(requireRole(['admin']));

  const simulatorFor = (account: string): SimulatorConnector => {
    const connector = deps.connectors.get(account);
    if (!(connector instanceof SimulatorConnector)) throw new UnknownAccount(account);
    return connector;
  };

  router.post('/:account/inbound', async (req, res) => {
    const { account } = parseParams(AccountParams, req);
    const { deliverAfterSeconds, ...input } = parseBody(InboundBody, req);
    const message = await simulatorFor(account).receive({ ...input, ...(deliverAfterSeconds ? { deliverAfterMs: deliverAfterSeconds * 1000 } : {}) });
    // 202: written in the chat, handed to Sportello later.
    res.status(deliverAfterSeconds ? 202 : 201).json({ id: message.platformMessageId, at: message.timestamp });
  });

  router.get('/:account/chats', async (req, res) => {
    const { account } = parseParams(AccountParams, req);
    const { include } = parseQuery(ChatsQuery, req);
    const simulator = simulatorFor(account);
    const chats = await simulator.listChats();
    // `include=messages`: every thread at once, for a page drawing the account's chats as a phone does.
    const described = chats.map((chat) => ({ ...chat, ref: simulator.chatRef(chat.chatId) }));
    res.json(include === 'messages' ? described.map((chat) => ({ ...chat, messages: simulator.messages(chat.chatId) })) : described);
  });

  // A citizen writing to us for the first time, in a chat the configuration did not list.
  router.post('/:account/chats', (req, res) => {
    const { account } = parseParams(AccountParams, req);
    const input = parseBody(NewChatBody, req);
    res.status(201).json(simulatorFor(account).openChat(input));
  });

  router.get('/:account/chats/:chatId/messages', (req, res) => {
    const { account, chatId } = parseParams(ChatParams, req);
    res.json(simulatorFor(account).messages(chatId));
  });

  router.post('/:account/faults', (req, res) => {
    const { account } = parseParams(AccountParams, req);
    const faults = parseBody(FaultsBody, req);
    const simulator = simulatorFor(account);
    const seconds = (value: number | undefined) => (value === undefined ? undefined : value * 1000);
    simulator.injectFaults({
      ...(faults.failNext
        ? { failNext: { count: faults.failNext.count, kind: faults.failNext.kind, retryAfterMs: seconds(faults.failNext.retryAfterSeconds), ...(faults.failNext.chatId ? { chatId: faults.failNext.chatId } : {}) } }
        : {}),
      disconnectForMs: seconds(faults.disconnectForSeconds),
      requireLoginForMs: seconds(faults.requireLoginForSeconds),
      holdAfterSends: faults.holdAfterSends,
    });
    res.status(202).json({ state: simulator.state.status });
  });

  return router;
}
