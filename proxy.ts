// Runs before every page renders (the login page included):
// - gives the page its Content-Security-Policy with a fresh nonce, which Next.js reads from the
//   request to mark its own scripts (server/security/content-security-policy.ts);
// - sends visitors without a session to the login page. Pages and procedures still check the user
//   themselves (a deactivated user keeps a valid cookie until it expires); API routes answer for
//   themselves with 401 rather than a redirect, and get their headers from next.config.js.
// - lets a wall screen reach the pairing page (/display) without a session, and the wallboards
//   (/live, /live/…) with its display cookie; those pages check the display themselves.
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { servedOverHttps, sessionCookieName } from '@/server/auth/cookies';
import { DISPLAY_COOKIE } from '@/server/displays/cookie';
import { sessionSecret } from '@/server/auth/session-secret';
import { contentSecurityPolicy, createNonce } from '@/server/security/content-security-policy';

function isLoginPage(pathname: string): boolean {
  // /setup: the one-time link that creates the first administrator, before anyone can sign in.
  return pathname === '/login' || pathname.startsWith('/login/') || pathname === '/setup';
}

/** Where a wall screen types its pairing code. */
function isPairingPage(pathname: string): boolean {
  return pathname === '/display';
}

function isWallboardPage(pathname: string): boolean {
  return pathname === '/live' || pathname.startsWith('/live/');
}

export async function proxy(request: NextRequest) {
  const https = servedOverHttps(request.headers);
  const policy = contentSecurityPolicy({ nonce: createNonce(), development: process.env.NODE_ENV === 'development', https });
  const secure = (response: NextResponse) => {
    response.headers.set('Content-Security-Policy', policy);
    // Only meaningful over https; browsers ignore it on plain http.
    if (https) response.headers.set('Strict-Transport-Security', 'max-age=31536000');
    return response;
  };

  const { pathname, search } = request.nextUrl;
  const displayPass = isPairingPage(pathname) || (isWallboardPage(pathname) && request.cookies.has(DISPLAY_COOKIE));
  if (!isLoginPage(pathname) && !displayPass) {
    const token = await getToken({ req: request, secret: sessionSecret(), cookieName: sessionCookieName() });
    if (!token) {
      const login = new URL('/login', request.url);
      if (pathname !== '/') login.searchParams.set('callbackUrl', pathname + search);
      return secure(NextResponse.redirect(login));
    }
  }
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  return secure(NextResponse.next({ request: { headers } }));
}

export const config = {
  matcher: [
    // Every page, whatever its path looks like (`/qa/evaluations/TUN/12.0` too): everything except
    // the APIs and the files Next.js serves itself. The app has no public/ folder; a file added
    // there must be named here to go without the policy.
    '/((?!api/|_next/static/|_next/image$|favicon\\.ico$).*)',
  ],
};
