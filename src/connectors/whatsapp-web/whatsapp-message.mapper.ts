import type { InboundMessage } from '../chat-connector.port.js';
import type { WhatsAppMessage } from './whatsapp-client.js';

/** Status updates and broadcast lists are not conversations with the desk. */
export function isConversationMessage(message: WhatsAppMessage): boolean {
  return !message.fromMe && !message.isStatus && !message.broadcast && !message.from.endsWith('@broadcast');
}

/**
 * Maps a received message to the port's shape. The sender's profile and the quoted message are read
 * from the browser and may fail; the message is kept without them rather than lost.
 */
export async function toInboundMessage(message: WhatsAppMessage, context: { account: string; ownId?: string }): Promise<InboundMessage> {
  const isGroup = message.from.endsWith('@g.us');
  const contact = await message.getContact().catch(() => undefined);
  const quoted = message.hasQuotedMsg ? await message.getQuotedMessage().catch(() => undefined) : undefined;
  return {
    platform: 'whatsapp',
    account: context.account,
    chatId: message.from,
    chatType: isGroup ? 'group' : 'direct',
    senderId: isGroup ? (message.author ?? message.from) : message.from,
    senderName: contact?.pushname || contact?.name || '',
    text: message.body,
    ...(quoted ? { quotedMessageId: quoted.id._serialized } : {}),
    ...(message.hasMedia ? { media: { kind: message.type } } : {}),
    // Mentions name our phone-number id; a mention by our `@lid` alias is not recognised (the client does not expose it).
    mentionsUs: context.ownId !== undefined && message.mentionedIds.includes(context.ownId),
    timestamp: new Date(message.timestamp * 1000),
    platformMessageId: message.id._serialized,
  };
}
