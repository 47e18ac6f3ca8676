import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { call } from '../../support/http.js';
import { citizenChat } from '../../factories/inbox.factory.js';
import { citizenWrites, startInboxStack, type InboxStack } from './inbox-api.js';

interface Row {
  id: string;
  displayName?: string;
  waitingSince?: string;
  lastMessage?: { text: string; truncated: boolean; receivedAt: string };
}

describe('inbox queue rows: who wrote, the start of what they wrote last, since when they wait', function () {
  this.timeout(60_000);
  let ctx: InboxStack;

  before(async () => (ctx = await startInboxStack()));
  after(() => ctx.stack.stop());

  const rows = async (query: string, as = ctx.admin): Promise<{ items: Row[]; next?: string }> => {
    const response = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations?${query}`, { headers: as.headers });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body;
  };

  it('a long question: its first 120 characters on the row, marked truncated, with the name and the wait', async () => {
    const marker = randomBytes(4).toString('hex');
    const question = `${marker} ${'مرحبا، كيف أجدد تصريح الإقامة؟ '.repeat(10)}`;
    await call(ctx.stack, 'POST', '/api/v1/simulator/sim-citizens/inbound', {
      headers: ctx.admin.headers,
      body: { chatId: citizenChat(5), senderId: citizenChat(5), senderName: 'Fatima', text: question },
    });

    const row = (await rows('limit=200', ctx.arabicMediator)).items.find((r) => r.lastMessage?.text.startsWith(marker));

    expect(row?.displayName).to.equal('Fatima');
    expect(row?.lastMessage?.truncated).to.equal(true);
    expect([...row!.lastMessage!.text]).to.have.length(120);
    expect(question.startsWith(row!.lastMessage!.text.slice(0, -1))).to.equal(true);
    expect(row?.waitingSince).to.be.a('string');
    expect((await rows('limit=200', ctx.chineseMediator)).items.find((r) => r.id === row!.id)).to.equal(undefined);
  });

  it('the latest message is the one shown; pages follow `next` until the last', async () => {
    const marker = randomBytes(4).toString('hex');
    await citizenWrites(ctx, citizenChat(6), `مرحبا ${marker} الأول`);
    await citizenWrites(ctx, citizenChat(6), `مرحبا ${marker} الثاني`);
    await citizenWrites(ctx, citizenChat(7), `مرحبا ${marker}`);

    const all: Row[] = [];
    let page = await rows('limit=1');
    all.push(...page.items);
    while (page.next) {
      page = await rows(`limit=1&after=${page.next}`);
      all.push(...page.items);
    }

    expect(all.find((r) => r.lastMessage?.text.includes(`${marker} الأول`))).to.equal(undefined);
    expect(all.filter((r) => r.lastMessage?.text.includes(marker)).map((r) => r.lastMessage!.text)).to.have.members([`مرحبا ${marker} الثاني`, `مرحبا ${marker}`]);
    expect(new Set(all.map((r) => r.id)).size).to.equal(all.length);
    expect(all.length).to.equal((await rows('limit=200')).items.length);
  });
});
