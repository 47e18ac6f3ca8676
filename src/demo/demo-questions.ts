import type { Logger } from '../platform/logging/logger.js';
import { createDemoApi } from './demo-api.js';

/**
 * Citizens' questions for `npm run demo`, written on the first start only (while the inbox is empty) through
 * the simulator's control API, as if typed in the chats: each is acknowledged in its language and waits in its
 * mediators' queue; one citizen also subscribes to the notices (订阅). The senders are the demo's own simulated chats, not real people.
 */
const QUESTIONS = [
  { account: 'sim-wechat', chatId: 'wxid-citizen-1', senderName: '王芳', text: '您好，我的居留许可下个月到期，应该怎么续签？' },
  // She also asks for the notices in her own chat: the next announcement reaches her there, in Chinese.
  { account: 'sim-wechat', chatId: 'wxid-citizen-1', senderName: '王芳', text: '订阅' },
  { account: 'sim-whatsapp', chatId: '393330000001@c.us', senderName: 'Ahmed', text: 'مرحبا، متى يفتح مكتب الهجرة يوم الخميس؟' },
  { account: 'sim-whatsapp', chatId: '120363000000000002@g.us', senderId: '393330000002@c.us', senderName: 'Arben', text: '@Sportello A duhet rezervim për kartën e shëndetit?', mentionsUs: true },
];

export async function writeDemoQuestions(baseUrl: string, token: string, log: Logger): Promise<void> {
  const call = createDemoApi(baseUrl, token);
  const existing = await call('GET', '/inbox/conversations?limit=1');
  if ((existing.items as unknown[]).length > 0) return;
  for (const { account, senderId, ...question } of QUESTIONS) {
    await call('POST', `/simulator/${account}/inbound`, { ...question, senderId: senderId ?? question.chatId });
  }
  log.info({ questions: QUESTIONS.length }, 'demo questions written');
}
