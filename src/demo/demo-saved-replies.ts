import type { Logger } from '../platform/logging/logger.js';
import { createDemoApi } from './demo-api.js';
import { DEMO_HOURS_IN_WORDS } from './demo-opening-hours.js';

/**
 * Saved replies for `npm run demo`, written on the first start only (while there are none): the answers to the
 * demo's own questions (a permit renewal in Chinese, the office hours in Arabic), so a mediator can try
 * inserting one. The hours are the demo's own (`demo-opening-hours.ts`); the renewal texts are the content library's.
 */
const SAVED_REPLIES = [
  {
    language: 'zh-Hans',
    title: 'Rinnovo del permesso: documenti',
    text: '您好！居留许可必须在到期前至少60天申请续签。通常需要：护照、现有居留许可、税号（codice fiscale）、四张证件照，以及您的许可类型所要求的文件；申请用指定邮局（Sportello Amico）的黄色申请包寄送。移民服务窗口可以免费帮您填写表格，欢迎预约。',
  },
  {
    language: 'zh-Hans',
    title: 'Orari dello sportello',
    text: `您好！移民服务窗口的开放时间：${DEMO_HOURS_IN_WORDS['zh-Hans']}。`,
  },
  {
    language: 'ar',
    title: 'Orari dello sportello',
    text: `مرحبًا! مواعيد دوام مكتب شؤون الهجرة: ${DEMO_HOURS_IN_WORDS.ar}.`,
  },
  {
    language: 'ar',
    title: 'Rinnovo del permesso: documenti',
    text: 'مرحبًا! يجب تجديد تصريح الإقامة قبل 60 يومًا على الأقل من تاريخ انتهائه. تحتاجون عادةً إلى: جواز السفر، والتصريح الحالي، والرمز الضريبي (codice fiscale)، وأربع صور شخصية. يساعدكم مكتب شؤون الهجرة مجانًا على ملء الاستمارات: احجزوا موعدًا.',
  },
  {
    language: 'en',
    title: 'Orari dello sportello',
    text: `Hello! The Immigration desk is open ${DEMO_HOURS_IN_WORDS.en}.`,
  },
];

export async function writeDemoSavedReplies(baseUrl: string, token: string, log: Logger): Promise<void> {
  const call = createDemoApi(baseUrl, token);
  const existing = await call('GET', '/inbox/saved-replies');
  if ((existing.items as unknown[]).length > 0) return;
  for (const reply of SAVED_REPLIES) await call('POST', '/inbox/saved-replies', reply);
  log.info({ savedReplies: SAVED_REPLIES.length }, 'demo saved replies written');
}
