import { HEADER_SIZE, MAX_MESSAGE_SIZE, type MessageHeader } from './opcodes.js';

export interface RawMessage {
  header: MessageHeader;
  body: Buffer;
}

export class FramingError extends Error {}

/**
 * Splits a TCP byte stream into whole wire messages. A length outside the protocol's bounds
 * cannot be resynchronised, so it is reported as a FramingError and the connection is closed.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): RawMessage[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: RawMessage[] = [];
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
        throw new FramingError(`message length ${length} is outside 16..${MAX_MESSAGE_SIZE} bytes`);
      }
      if (this.buffered < length) break;
      const whole = this.take(length);
      messages.push({
        header: {
          messageLength: length,
          requestId: whole.readInt32LE(4),
          responseTo: whole.readInt32LE(8),
          opCode: whole.readInt32LE(12),
        },
        body: whole.subarray(HEADER_SIZE),
      });
    }
    return messages;
  }

  private peek(size: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= size) return first;
    this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(size: number): Buffer {
    const joined = this.peek(size);
    const out = joined.subarray(0, size);
    const rest = joined.subarray(size);
    this.chunks.shift();
    if (rest.length > 0) this.chunks.unshift(rest);
    this.buffered -= size;
    return out;
  }
}
