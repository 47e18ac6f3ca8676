import type { SendFailurePatterns } from '../send-failure.classifier.js';

export const WECHAT_SEND_FAILURES: SendFailurePatterns = {
  platform: 'WeChat',
  rateLimited: /频繁|too frequent|rate.?limit|overlimit/i,
  // The room or contact is gone, or we were removed from the room or blocked.
  permanent: /not exist|not found|不存在|not a member|not in (the )?room|移出|拉黑|blocked/i,
  // "发送消息过于频繁" came after bursts to 100+ rooms, and accounts were restricted after more.
  rateLimitPauseMs: 10 * 60_000,
};
