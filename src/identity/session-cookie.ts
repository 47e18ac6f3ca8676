import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

/**
 * The session cookie: http-only (scripts cannot read it), SameSite=Strict (not sent on cross-site
 * requests) and, behind https, Secure with the `__Host-` prefix (bound to this host and path `/`).
 */
export function createSessionCookie(options: { secure: boolean }) {
  const name = options.secure ? '__Host-sportello_session' : 'sportello_session';
  const attributes = { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/' } as const;
  return {
    read(req: Request): string | undefined {
      const header = req.headers.cookie;
      return header ? parseCookie(header)[name] : undefined;
    },
    set(res: Response, sessionId: string, expiresAt: Date): void {
      res.append('Set-Cookie', stringifySetCookie(name, sessionId, { ...attributes, expires: expiresAt }));
    },
    clear(res: Response): void {
      res.append('Set-Cookie', stringifySetCookie(name, '', { ...attributes, expires: new Date(0) }));
    },
  };
}

export type SessionCookie = ReturnType<typeof createSessionCookie>;
