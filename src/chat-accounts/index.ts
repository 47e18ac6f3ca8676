export { dailyCapOn, drawGapMs, maxGapMs, meanGapMs, typingMsFor, type SendBudget } from './send-budget.js';
export { ContactHourlyLimit } from './contact-hourly-limit.js';
export { estimateLastSendAt, type PaceNow } from './send-estimate.js';
