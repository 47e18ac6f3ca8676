import type { DispatchLive } from '../dispatch/index.js';
import type { InboxLive } from '../inbox/index.js';
import type { LivePublisher } from '../live/index.js';

// The features' live ports, filled from the live event stream: each feature says what changed in its own words,
// and these name the events the console listens to.

export function inboxLiveOf(live: LivePublisher): InboxLive {
  return {
    conversation: ({ id, language, state, reason }) => live.publish({ name: 'conversation', data: { id, language, status: state, reason } }),
    outbound: ({ id, conversationId, state, language }) => live.publish({ name: 'outbound', data: { id, conversationId, state }, language }),
  };
}

export function dispatchLiveOf(live: LivePublisher): DispatchLive {
  return {
    group: (id) => live.publish({ name: 'group', data: { id } }),
    deliveryProgress: (announcementId) => live.deliveryProgress(announcementId),
  };
}
