// Which page a route shows.
import { AnnouncementDetail } from './announcement-detail.js';
import { NewAnnouncement } from './announcement-new.js';
import { AnnouncementsList } from './announcements-list.js';
import { Account } from './account.js';
import { Audit } from './audit.js';
import { Channels } from './channels.js';
import { Conversation } from './conversation.js';
import { Glossary } from './glossary.js';
import { Groups } from './groups.js';
import { Inbox } from './inbox.js';
import { People } from './people.js';
import { SavedReplies } from './saved-replies.js';
import { Simulator } from './simulator.js';
import { Tokens } from './tokens.js';

const PAGES = [
  [/^\/announcements\/new$/, NewAnnouncement],
  [/^\/announcements\/[0-9a-f]{24}$/, AnnouncementDetail],
  [/^\/(announcements)?$/, AnnouncementsList],
  [/^\/inbox\/[0-9a-f]{24}$/, Conversation],
  [/^\/inbox$/, Inbox],
  [/^\/saved-replies$/, SavedReplies],
  [/^\/glossary$/, Glossary],
  [/^\/groups$/, Groups],
  [/^\/channels$/, Channels],
  [/^\/simulator$/, Simulator],
  [/^\/users$/, People],
  [/^\/audit$/, Audit],
  [/^\/tokens$/, Tokens],
  [/^\/account$/, Account],
];

export function pageFor(route) {
  return PAGES.find(([pattern]) => pattern.test(route.path))?.[1] ?? null;
}
