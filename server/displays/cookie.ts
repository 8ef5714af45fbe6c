// The display credential's cookie: http-only (no script on the screen reads it), SameSite=Lax,
// Secure whenever the app is served over HTTPS (the session cookie's rule, server/auth/cookies.ts),
// on every path, and kept 400 days (the longest browsers allow): a wall screen never signs in again
// by itself, and only a revocation or a new pairing ends it. The credential never travels in a URL.
import { cookiesOfHeader } from '@/server/auth/session-claims';

export const DISPLAY_COOKIE = 'vigie_display';
export const DISPLAY_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

export function displayCookieHeader(credential: string, secure: boolean): string {
  return [`${DISPLAY_COOKIE}=${credential}`, 'Path=/', `Max-Age=${DISPLAY_COOKIE_MAX_AGE_SECONDS}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}

/** Forgets a credential the server no longer knows (revoked or re-paired), so the screen shows the pairing form. */
export function clearDisplayCookieHeader(secure: boolean): string {
  return [`${DISPLAY_COOKIE}=`, 'Path=/', 'Max-Age=0', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}

/** The display credential a request's Cookie header carries, or null. */
export function displayCredentialOf(cookieHeader: string | null): string | null {
  const value = cookiesOfHeader(cookieHeader)[DISPLAY_COOKIE];
  return value ? value : null;
}
