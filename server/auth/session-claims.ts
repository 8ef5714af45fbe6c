// What a session cookie proves, and for how long. The cookie is a next-auth JWT; next to who the
// user is it carries the session's own id, the user's session version when it was signed in, and
// the instant of the sign-in. A session ends at the first of:
// - 12 hours after sign-in, however often the cookie is signed again (the absolute lifetime);
// - 12 hours after the cookie was last signed (next-auth's idle expiry, renewed by /api/auth/session);
// - a new session version for the user (sign-out everywhere, a new password, a change of role or
//   site, a deactivation: server/users/sessions.ts);
// - its own sign-out (its id is kept in ended_sessions until it would have expired).
import { getToken } from 'next-auth/jwt';
import { sessionCookieName } from './cookies';
import { sessionSecret } from './session-secret';

/** From sign-in, never extended. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;
/** From the last time the cookie was signed. */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;

export type SessionClaims = {
  userId: number;
  sessionId: string;
  sessionVersion: number;
  /** Seconds since the epoch. */
  signedInAt: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The claims of a decoded session token, or null when any is missing or malformed (a cookie
 * signed before sessions carried them is no session at all: its owner signs in again).
 */
export function sessionClaimsOf(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  if (!token) return null;
  const { userId, sessionId, sessionVersion, signedInAt } = token;
  if (!isWholeNumber(userId) || userId === 0 || !isWholeNumber(sessionVersion) || !isWholeNumber(signedInAt)) return null;
  if (typeof sessionId !== 'string' || !UUID.test(sessionId)) return null;
  return { userId, sessionId, sessionVersion, signedInAt };
}

/** The instant a session ends whatever else happens. */
export function sessionDeadline(claims: Pick<SessionClaims, 'signedInAt'>): Date {
  return new Date((claims.signedInAt + SESSION_LIFETIME_SECONDS) * 1000);
}

export function withinLifetime(claims: Pick<SessionClaims, 'signedInAt'>, now: Date): boolean {
  const signedInAtMs = claims.signedInAt * 1000;
  // A sign-in "in the future" is a forged or corrupted claim (a minute allows for clock skew between instances).
  return signedInAtMs <= now.getTime() + 60_000 && now.getTime() < sessionDeadline(claims).getTime();
}

/**
 * How long a cookie signed now may live: the idle expiry, cut short by the absolute lifetime, so
 * that renewing a cookie never carries it past its session's deadline.
 */
export function tokenMaxAgeSeconds(signedInAt: unknown, now: Date): number {
  if (!isWholeNumber(signedInAt)) return SESSION_IDLE_SECONDS;
  const left = signedInAt + SESSION_LIFETIME_SECONDS - Math.floor(now.getTime() / 1000);
  return Math.max(0, Math.min(SESSION_IDLE_SECONDS, left));
}

type CookieSource = { getAll(): { name: string; value: string }[] } | Record<string, string>;

/** Cookies of a Cookie header, by name, URL-decoded as browsers and Next.js hand them over. */
export function cookiesOfHeader(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(/;\s*/)) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const raw = part.slice(equals + 1);
    try {
      cookies[part.slice(0, equals).trim()] = decodeURIComponent(raw);
    } catch {
      cookies[part.slice(0, equals).trim()] = raw;
    }
  }
  return cookies;
}

/**
 * The claims of the session cookie among these cookies, when it decodes with the server's secret
 * and has not expired; whether the session is still live is the database's word (resolve.ts).
 * Only the cookie counts: next-auth's getToken would also take a JWT from an Authorization
 * header, which is for site keys and personal tokens here.
 */
export async function sessionClaimsFromCookies(cookies: CookieSource): Promise<SessionClaims | null> {
  const token = await getToken({ req: { cookies, headers: {} } as never, secret: sessionSecret(), cookieName: sessionCookieName() });
  return sessionClaimsOf(token as Record<string, unknown> | null);
}

export function sessionClaimsFromRequest(req: Request): Promise<SessionClaims | null> {
  return sessionClaimsFromCookies(cookiesOfHeader(req.headers.get('cookie')));
}
