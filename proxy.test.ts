// proxy.ts as Next.js runs it: which paths it runs on (Next's own matcher code) and what it answers.
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config, proxy } from './proxy';

const runsOn = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe('the paths proxy.ts runs on', () => {
  it('include every page, those whose path has a dot or looks like a file included', () => {
    for (const path of [
      '/',
      '/login',
      '/qa/evaluations/TUN/12.0',
      '/qa/evaluations/TUN/12.0?tab=scores',
      '/sites/PAR.json',
      '/reports/x.html',
      '/settings/users.',
      '/_next/staticx',
      '/_next/image.png',
      '/favicon.ico/x',
      '/apix',
    ]) {
      expect(runsOn(`http://localhost:3000${path}`), path).toBe(true);
    }
  });

  it('leave out the APIs and the files Next.js serves itself', () => {
    for (const path of ['/api/trpc/users.me', '/api/auth/session', '/api/v1/kpis.csv', '/_next/static/chunks/app.js', '/_next/image?url=%2Fa.png&w=64&q=75', '/favicon.ico']) {
      expect(runsOn(`http://localhost:3000${path}`), path).toBe(false);
    }
  });
});

describe('proxy', () => {
  it('gives a page whose path has a dot its policy, like any page', async () => {
    const response = await proxy(new NextRequest('http://localhost:3000/qa/evaluations/TUN/12.0'));
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location')!).searchParams.get('callbackUrl')).toBe('/qa/evaluations/TUN/12.0');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  });
});

describe('proxy and wall displays', () => {
  const withDisplayCookie = (path: string) => new NextRequest(`http://localhost:3000${path}`, { headers: { cookie: 'vigie_display=vd_anything' } });
  const toLogin = (response: Response) => response.status === 307 && new URL(response.headers.get('location')!).pathname === '/login';

  it('lets anyone reach the pairing page, and a screen with a display cookie reach the wallboards', async () => {
    expect(toLogin(await proxy(new NextRequest('http://localhost:3000/display')))).toBe(false);
    for (const path of ['/live', '/live/TUN', '/live?site=TUN&site=CAS']) expect(toLogin(await proxy(withDisplayCookie(path))), path).toBe(false);
  });

  it('sends a display cookie anywhere else, and a wallboard without one, to the login page', async () => {
    for (const path of ['/', '/settings/displays', '/sites/TUN', '/livex', '/display/x']) expect(toLogin(await proxy(withDisplayCookie(path))), path).toBe(true);
    expect(toLogin(await proxy(new NextRequest('http://localhost:3000/live/TUN')))).toBe(true);
  });
});
