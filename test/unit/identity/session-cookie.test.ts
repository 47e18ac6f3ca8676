import { expect } from 'chai';
import type { Request, Response } from 'express';
import { createSessionCookie } from '../../../src/identity/session-cookie.js';

function capture(): { res: Response; headers: string[] } {
  const headers: string[] = [];
  const res = { append: (_name: string, value: string) => headers.push(value) } as unknown as Response;
  return { res, headers };
}

describe('session cookie', () => {
  it('behind https, is Secure, http-only, SameSite=Strict and __Host- prefixed', () => {
    const { res, headers } = capture();

    createSessionCookie({ secure: true }).set(res, 'abc', new Date('2030-01-01T00:00:00Z'));

    expect(headers[0]).to.match(/^__Host-sportello_session=abc; /);
    expect(headers[0]).to.contain('Secure').and.contain('HttpOnly').and.contain('SameSite=Strict').and.contain('Path=/');
  });

  it('over plain http (demo, tests), is http-only and SameSite=Strict without Secure', () => {
    const { res, headers } = capture();

    createSessionCookie({ secure: false }).set(res, 'abc', new Date('2030-01-01T00:00:00Z'));

    expect(headers[0]).to.match(/^sportello_session=abc; /).and.not.contain('Secure');
    expect(headers[0]).to.contain('HttpOnly').and.contain('SameSite=Strict');
  });

  it('read, a cookie header with other cookies, finds the session id', () => {
    const req = { headers: { cookie: 'lang=it; sportello_session=xyz; theme=dark' } } as Request;

    expect(createSessionCookie({ secure: false }).read(req)).to.equal('xyz');
  });
});
