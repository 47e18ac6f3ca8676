import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Router } from 'express';
import { createHttpApp } from '../../src/platform/http/app.js';
import { authenticateFromTestHeader } from './fake-authentication.js';
import { silentLogger } from './silent-logger.js';

export interface TestServer {
  url: string;
  request(method: string, path: string, options?: { role?: string; body?: unknown }): Promise<{ status: number; type: string; body: unknown }>;
  close(): Promise<void>;
}

/** The real HTTP app (problem+json, body limits) with the given routers, on a free port. */
export async function startTestServer(mounts: { path: string; router: Router }[]): Promise<TestServer> {
  const app = createHttpApp({ log: silentLogger, bodyLimit: '100kb', translateTitle: (_req, _code, fallback) => fallback, authenticate: authenticateFromTestHeader, mounts });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async request(method, path, options = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...(options.role ? { 'x-test-role': options.role } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
