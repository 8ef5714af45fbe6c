// Sends visitors without a session to the login page before any page renders. Pages and
// procedures still check the user themselves (a deactivated user keeps a valid cookie until it
// expires); API routes answer for themselves with 401 rather than a redirect.
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { sessionSecret } from '@/server/auth/session-secret';

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: sessionSecret() });
  if (token) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const login = new URL('/login', request.url);
  if (pathname !== '/') login.searchParams.set('callbackUrl', pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: [
    // Everything except the login page, the APIs, Next's own assets and files with an extension.
    '/((?!login(?:/|$)|api/|_next/static|_next/image|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)',
  ],
};
