export { dailyCapOn, drawGapMs, maxGapMs, meanGapMs, typingMsFor } from './send-budget.js';
export type { SendBudget } from './send-budget.config.js';
export { AccountSetting, accountsOf } from './account.config.js';
export { ContactHourlyLimit } from './contact-hourly-limit.js';
export { estimateLastSendAt, type PaceNow } from './send-estimate.js';
export { AccountPacer, type PaceStatus, type PacedAccount, type PacerRank, type PacerTurn } from './account-pacer.js';
export { AccountPauses, type AccountPause, type AccountQueuePauser } from './account-pauses.js';
export { AccountTurns, type AccountTurnsOptions } from './account-turns.js';
/** One vocabulary for a failed send, whoever sends: the connectors' own (`transient | rate_limited | permanent`). */
export { SendError, type SendFailureKind } from '../connectors/index.js';
export { DEFAULT_RETRY_AFTER_MS, MAX_INLINE_WAIT_MS, jitteredBackoff, type RetryPolicy } from './retry-rules.js';
export { DAILY_CAP_REACHED, HOURLY_CAP_REACHED, inAccountTurn, type OpenTurn, type TurnLater, type TurnUse } from './turn-wait.js';
export { accountHoldMs, sendFailureOf } from './send-failure.js';
export type { AccountSender } from './account-sender.port.js';
export { accountSenderOf } from './account-sender.js';
export type { AccountPace, PaceTurn } from './account-pace.js';
export { createChatAccounts, type ChatAccounts, type ChatAccountsDeps } from './chat-accounts.js';
