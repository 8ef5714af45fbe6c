// The session cookie's attributes: httpOnly (no script reads it), SameSite=Lax (not sent on
// cross-site sub-requests or posts), and Secure whenever the app is served over HTTPS — when its
// public address (NEXTAUTH_URL) is https, or when the TLS-terminating proxy in front says so with
// X-Forwarded-Proto. The cookie's name follows next-auth's own rule (the __Secure- prefix with an
// https NEXTAUTH_URL), so that the proxy and getServerSession find it under the same name.
import type { CookiesOptions } from 'next-auth';

type Env = Record<string, string | undefined>;

function publicUrlIsHttps(env: Env): boolean {
  return env.NEXTAUTH_URL?.trim().toLowerCase().startsWith('https://') ?? false;
}

/** Whether this request reached the app over HTTPS, by its public address or its proxy's word. */
export function servedOverHttps(headers: Headers | null, env: Env = process.env): boolean {
  if (publicUrlIsHttps(env)) return true;
  const forwarded = headers?.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

export function sessionCookieName(env: Env = process.env): string {
  return publicUrlIsHttps(env) ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

export function sessionCookieOptions(secure: boolean, env: Env = process.env): Pick<CookiesOptions, 'sessionToken'> {
  return { sessionToken: { name: sessionCookieName(env), options: { httpOnly: true, sameSite: 'lax', path: '/', secure } } };
}

/** Whether a next-auth answer signed someone in: it sets a non-empty session cookie. */
export function isSignedInResponse(response: Response, env: Env = process.env): boolean {
  const prefix = `${sessionCookieName(env)}=`;
  return response.headers.getSetCookie().some((cookie) => cookie.startsWith(prefix) && cookie.length > prefix.length && cookie[prefix.length] !== ';');
}
