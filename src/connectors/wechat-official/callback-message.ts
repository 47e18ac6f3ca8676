import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

/**
 * What WeChat posts to the server URL, in the shapes Sportello uses: its XML fields as documented for
 * "receiving ordinary messages" (text, image, voice) and "receiving event pushes" (subscribe, unsubscribe,
 * CLICK, MASSSENDJOBFINISH). Other types (video, location, link, other events) are acknowledged and ignored.
 */
export type CallbackMessage =
  | { type: 'text'; openid: string; at: Date; msgId: string; text: string }
  | { type: 'media'; openid: string; at: Date; msgId: string; kind: 'image' | 'voice'; mimeType?: string }
  | { type: 'follow'; openid: string; at: Date }
  | { type: 'unfollow'; openid: string; at: Date }
  | { type: 'menu'; openid: string; at: Date; key: string }
  | { type: 'mass_send_finished'; at: Date; msgId: string; status: string; total: number; sent: number; errors: number }
  | { type: 'ignored' };

/** What is worth keeping until handled. */
export type SpooledCallback = Exclude<CallbackMessage, { type: 'ignored' }>;

// Only tag names become keys; entities stay as written (WeChat wraps text in CDATA, which the parser keeps whole).
const parser = new XMLParser({ parseTagValue: false, processEntities: false, ignoreAttributes: true, trimValues: false });

const Envelope = z.object({
  xml: z
    .object({
      ToUserName: z.string().optional(),
      FromUserName: z.string().min(1),
      CreateTime: z.string().regex(/^\d{1,12}$/),
      MsgType: z.string().min(1),
      Encrypt: z.string().optional(),
    })
    .catchall(z.unknown()),
});

const SafeEnvelope = z.object({ xml: z.object({ Encrypt: z.string().min(1) }).catchall(z.unknown()) });

/** The ciphertext of a safe-mode post; throws on anything that is not WeChat's envelope. */
export function encryptedPartOf(xml: string): string {
  return SafeEnvelope.parse(parser.parse(xml)).xml.Encrypt;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => Number.parseInt(text(value), 10) || 0;

/** Throws on XML that is not a WeChat message (it was signed, so that is a fault worth a log line, not a 4xx). */
export function parseCallbackMessage(xml: string): CallbackMessage {
  const fields = Envelope.parse(parser.parse(xml)).xml;
  const openid = fields.FromUserName;
  const at = new Date(Number(fields.CreateTime) * 1000);
  const msgId = text(fields.MsgId);
  switch (fields.MsgType) {
    case 'text':
      return { type: 'text', openid, at, msgId, text: text(fields.Content) };
    case 'image':
      return { type: 'media', openid, at, msgId, kind: 'image' };
    case 'voice': {
      const format = text(fields.Format).toLowerCase();
      return { type: 'media', openid, at, msgId, kind: 'voice', ...(format ? { mimeType: `audio/${format}` } : {}) };
    }
    case 'event':
      return eventOf(fields, openid, at);
    default:
      return { type: 'ignored' };
  }
}

function eventOf(fields: Record<string, unknown>, openid: string, at: Date): CallbackMessage {
  switch (text(fields.Event)) {
    case 'subscribe':
      return { type: 'follow', openid, at };
    case 'unsubscribe':
      return { type: 'unfollow', openid, at };
    case 'CLICK':
      return { type: 'menu', openid, at, key: text(fields.EventKey) };
    case 'MASSSENDJOBFINISH':
      // The documentation spells the id `MsgID` in this event (and `MsgId` in messages).
      return {
        type: 'mass_send_finished',
        at,
        msgId: text(fields.MsgID ?? fields.MsgId),
        status: text(fields.Status),
        total: count(fields.TotalCount),
        sent: count(fields.SentCount),
        errors: count(fields.ErrorCount),
      };
    default:
      return { type: 'ignored' };
  }
}
