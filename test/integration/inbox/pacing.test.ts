import { expect } from 'chai';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { citizenWrites, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

describe("inbox sends at the chat account's pace", () => {
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack({}, { account: { rateLimit: { minIntervalMs: 700, dailyCap: 1000 } } });
  });

  after(() => ctx.stack.stop());

  it('three citizens writing at once, are acknowledged one per minIntervalMs, not in a burst', async () => {
    const chats = [1, 2, 3].map(citizenChat);

    await Promise.all(chats.map((chat) => citizenWrites(ctx, chat, buildQuestion())));

    const sentAt = [];
    for (const chat of chats) sentAt.push(Date.parse((await waitForOurMessages(ctx, chat, (m) => m.length === 1))[0]!.at));
    sentAt.sort((a, b) => a - b);
    expect(sentAt[1]! - sentAt[0]!).to.be.at.least(600);
    expect(sentAt[2]! - sentAt[1]!).to.be.at.least(600);
  });
});
