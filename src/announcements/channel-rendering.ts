import type { Announcement } from './announcement.types.js';
import { selectDeliveryContent, type LocalizedText } from './delivery-content.js';
import { TranslationsNotApproved } from './announcements.errors.js';
import { splitMessage } from './message-splitter.js';

export type Channel = 'whatsapp' | 'wechat';

/**
 * Who reads the message: a community group, or a citizen who subscribed in their own chat, whose every notice
 * ends with why they receive it and how to stop (a person's chat gets nothing they cannot easily turn off).
 */
export type Audience = 'group' | 'citizen';

/**
 * Longest text message we send, in UTF-16 units. WhatsApp accepts far longer texts but clients fold
 * anything past ~4,096 characters behind "Read more"; WeChat truncates or refuses personal-account
 * texts somewhere above 2,000 characters depending on the client, so we stay under that.
 */
export const CHANNEL_MAX_LENGTH: Record<Channel, number> = { whatsapp: 4096, wechat: 2000 };

export interface RenderingDeps {
  /** Interface text from `locales/` in the given language, with explicit fallbacks. */
  t: (key: string, lang: string) => string;
  noticeUrl: (slug: string, lang: string) => string;
}

/** WhatsApp turns `*text*` into bold; a stray asterisk in a title would break the formatting. */
function heading(title: string, channel: Channel): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  return channel === 'whatsapp' ? `*${clean.replace(/\*/g, '')}*` : clean;
}

function section(text: LocalizedText, channel: Channel): string {
  return `${heading(text.title, channel)}\n\n${text.body.trim()}`;
}

/**
 * The text of `announcement` for a group (or a subscribed citizen) in `lang` on `channel`, as the parts to send in order.
 * Throws `TranslationsNotApproved` when a normal notice has no approved text in that language.
 */
export function renderForChannel(announcement: Announcement, lang: string, channel: Channel, deps: RenderingDeps, audience: Audience = 'group'): string[] {
  const content = selectDeliveryContent(announcement, lang);
  if (content.mode === 'waiting_translation') throw new TranslationsNotApproved([lang]);
  const blocks: string[] = [];
  if (announcement.priority === 'urgent') blocks.push(heading(`‼️ ${deps.t('announcements.urgentLabel', lang)}`, channel));
  if (content.mode === 'translation') {
    blocks.push(section(content.text, channel));
  } else {
    blocks.push(deps.t('announcements.translationFollows', lang));
    blocks.push(...content.texts.map((text) => section(text, channel)));
  }
  if (announcement.link) blocks.push(`${deps.t('announcements.moreInformation', lang)}: ${announcement.link}`);
  blocks.push(`${deps.t('announcements.readOnline', lang)}: ${deps.noticeUrl(announcement.slug, lang)}`);
  if (audience === 'citizen') blocks.push(`— ${deps.t('announcements.subscriberFooter', lang)}`);
  const segmentationLocale = content.mode === 'translation' ? lang : announcement.sourceLanguage;
  return splitMessage(blocks.join('\n\n'), CHANNEL_MAX_LENGTH[channel], segmentationLocale);
}
