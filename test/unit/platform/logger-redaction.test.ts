import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { createHttpApp } from '../../../src/platform/http/app.js';
import { createLogger, scrubPersonalData } from '../../../src/platform/logging/logger.js';

const PHONE = '+39 333 123 4567';
const DIGITS = '3331234567';

function collectingStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('logger redaction', () => {
  describe('scrubPersonalData', () => {
    const personal: Array<[string, string]> = [
      ['an Italian mobile number with spaces', 'reply to +39 333 123 4567 now'],
      ['a bare mobile number', 'from=3331234567'],
      ['a number with the 00 prefix', 'call 0039 333 1234567'],
      ['a landline with parentheses and a dash', 'office (055) 123-4567'],
      ['a Chinese mobile number', '+86 138 0013 8000'],
      ['a WhatsApp chat id', 'chat 393331234567@c.us'],
      ['a WhatsApp group id', 'group 120363000000000001@g.us'],
      ['a WeChat id', 'from wxid_abc123def'],
      ['a URL-encoded number in a path', '/contacts/%2B39%20333%20123%204567'],
      ['a number after a date', 'on 2026-12-02 call 3331234567'],
      ['a URL-encoded WhatsApp chat id in a path', '/simulator/sim-citizens/chats/393331234567%40c.us/messages'],
      ['a WeChat follower openid in a query', '/cgi-bin/user/info?openid=oAbC123_xyz-9'],
    ];
    for (const [what, text] of personal) {
      it(`${what}: redacted`, () => {
        const scrubbed = scrubPersonalData(text);
        expect(scrubbed).to.contain('[redacted]');
        expect(scrubbed.replace(/2026-12-02/g, '')).not.to.match(/\d{3}/);
      });
    }

    const kept: Array<[string, string]> = [
      ['an ISO timestamp', 'at 2026-12-02T09:15:30.123Z'],
      ['a date and a time', 'closed on 2026-12-02 09:15'],
      ['an ObjectId', 'delivery 6b16ffe99fb725ee335d5a22'],
      ['a UUID', 'request 550e8400-e29b-41d4-a716-446655440000'],
      ['a SHA-256 digest', 'job 3f2a9c18e7d04b5a8c6e1f0d2b4a6c8e9f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c'],
      ['an IPv4 address and a port', 'connect ECONNREFUSED 192.168.100.200:27017'],
      ['a version', 'driver 6.20.0'],
      ['a duration', 'took 1234 ms after 3 attempts'],
    ];
    for (const [what, text] of kept) {
      it(`${what}: kept as it is`, () => {
        expect(scrubPersonalData(text)).to.equal(text);
      });
    }
  });

  it('createLogger, an error: its type, reason and stack are logged (scrubbed), not censored', () => {
    const sink = collectingStream();
    const log = createLogger({ level: 'info', destination: sink.stream });

    log.error({ err: new Error("Stream isn't writeable at 2026-12-02T09:15:30Z for 393331234567@c.us") }, 'send failed');

    const line = JSON.parse(sink.text()) as { err: { type: string; detail: string; stack: string } };
    expect(line.err.type).to.equal('Error');
    expect(line.err.detail).to.equal("Stream isn't writeable at 2026-12-02T09:15:30Z for [redacted]");
    expect(line.err.stack).to.contain("Stream isn't writeable at 2026-12-02T09:15:30Z");
    expect(sink.text()).not.to.contain('393331234567');
  });

  it('createLogger, an object and a message holding a phone number, logs neither the number nor the text', () => {
    const sink = collectingStream();
    const log = createLogger({ level: 'info', destination: sink.stream });

    log.info({ phone: PHONE, contact: { chatId: '393331234567@c.us', text: 'my permit expires' } }, `reply to ${PHONE}`);

    const line = sink.text();
    expect(line).to.contain('[redacted]');
    expect(line).not.to.contain('333 123');
    expect(line).not.to.contain('393331234567');
    expect(line).not.to.contain('my permit expires');
  });

  describe('a real request through the HTTP app', () => {
    let server: Server;
    const sink = collectingStream();

    before(async () => {
      const log = createLogger({ level: 'info', destination: sink.stream });
      const echo = Router().post('/contacts/:phone', (req, res) => {
        log.info({ body: req.body }, 'contact received');
        res.status(204).end();
      });
      const app = createHttpApp({ log, bodyLimit: '10kb', translateTitle: (_req, _code, fallback) => fallback, mounts: [{ path: '/', router: echo }] });
      server = await new Promise((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
    });

    after(() => new Promise<void>((done) => server.close(() => done())));

    it('a phone number in the URL and the body, shows up redacted in the request log', async () => {
      const { port } = server.address() as AddressInfo;

      const response = await fetch(`http://127.0.0.1:${port}/contacts/%2B39${DIGITS}?from=${DIGITS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token-value-1234567890' },
        body: JSON.stringify({ phone: PHONE, message: 'help with my residence permit' }),
      });

      expect(response.status).to.equal(204);
      const logged = sink.text();
      expect(logged).to.contain('"url":"/contacts/[redacted]?from=[redacted]"');
      expect(logged).not.to.contain(DIGITS);
      expect(logged).not.to.contain('333 123');
      expect(logged).not.to.contain('residence permit');
      expect(logged).not.to.contain('secret-token-value');
    });

    it('a phone number with URL-encoded spaces, shows up redacted in the request log', async () => {
      const { port } = server.address() as AddressInfo;

      await fetch(`http://127.0.0.1:${port}/contacts/${encodeURIComponent(PHONE)}`, { method: 'POST' });

      const logged = sink.text();
      expect(logged).to.contain('"url":"/contacts/[redacted]"');
      expect(logged).not.to.contain('4567');
    });
  });
});
