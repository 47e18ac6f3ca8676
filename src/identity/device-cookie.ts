import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

const HALF_A_YEAR_MS = 183 * 24 * 60 * 60 * 1000;

/**
 * The browser's proof that it signed in to an account before (OWASP's device cookie): a random id signed with
 * the server's secret for one e-mail. It grants nothing by itself; the sign-in throttle counts a known
 * browser's failures apart from everyone else's, so strangers' wrong passwords never make that browser wait.
 * Nothing about it is stored on the server.
 */
export function createDeviceCookie(options: { secure: boolean; secret: string }) {
  const name = options.secure ? '__Host-sportello_device' : 'sportello_device';
  const attributes = { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/' } as const;
  const signatureOf = (email: string, deviceId: string) => createHmac('sha256', options.secret).update(`device:${email}:${deviceId}`).digest('base64url');

  return {
    /** The device id when the request's cookie was issued to this e-mail by this server; undefined otherwise. */
    deviceIdFor(req: Request, email: string): string | undefined {
      const header = req.headers.cookie;
      const value = header ? parseCookie(header)[name] : undefined;
      const [deviceId = '', signature = ''] = (value ?? '').split('.');
      if (!deviceId || !signature) return undefined;
      const expected = Buffer.from(signatureOf(email, deviceId));
      const actual = Buffer.from(signature);
      return expected.length === actual.length && timingSafeEqual(expected, actual) ? deviceId : undefined;
    },

    /** After a successful sign-in: keeps the browser's device id, or gives it one. */
    issue(res: Response, email: string, deviceId = randomBytes(16).toString('base64url')): void {
      const value = `${deviceId}.${signatureOf(email, deviceId)}`;
      res.append('Set-Cookie', stringifySetCookie(name, value, { ...attributes, expires: new Date(Date.now() + HALF_A_YEAR_MS) }));
    },
  };
}

export type DeviceCookie = ReturnType<typeof createDeviceCookie>;
