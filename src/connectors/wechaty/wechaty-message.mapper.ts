import { types, type Message } from 'wechaty';
import type { InboundMessage } from '../chat-connector.port.js';

/**
 * Maps a Wechaty message to the port's shape. Wechaty 1.x exposes no quoted-message id, so
 * `quotedMessageId` is never set for WeChat.
 */
export async function toInboundMessage(message: Message, account: string): Promise<InboundMessage> {
  const room = message.room();
  const talker = message.talker();
  const type = message.type();
  return {
    platform: 'wechat',
    account,
    chatId: room ? room.id : talker.id,
    chatType: room ? 'group' : 'direct',
    senderId: talker.id,
    senderName: talker.name(),
    text: message.text(),
    ...(type === types.Message.Text ? {} : { media: { kind: (types.Message[type] ?? 'Unknown').toLowerCase() } }),
    mentionsUs: room ? await message.mentionSelf() : false,
    timestamp: message.date(),
    platformMessageId: message.id,
  };
}
