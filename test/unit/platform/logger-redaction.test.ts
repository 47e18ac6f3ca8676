import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { createHttpApp } from '../../../src/platform/http/app.js';
import { createLogger } from '../../../src/platform/logging/logger.js';

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
