export { dailyCapOn, drawGapMs, maxGapMs, meanGapMs, typingMsFor, type SendBudget } from './send-budget.js';
export { ContactHourlyLimit } from './contact-hourly-limit.js';
