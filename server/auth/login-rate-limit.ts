// Sign-in attempts per client address, across accounts: the lockout (credentials-login.ts) stops
// one address guessing one account's password, this stops one address trying a few passwords on
// many accounts. Only failures count: a sign-in that succeeds gives its token back, so an office of
// colleagues behind one address signing in at nine is never refused. Past the limit: 429 with
// Retry-After, before any password is checked. The address is the connection's, or the one the
// trusted proxies vouch for (server/security/client-address.ts), never one the caller chose.
import { positive, RateLimiter } from '@/server/rest/rate-limit';
import { clientAddressOf } from '@/server/security/client-address';
import { isSignedInResponse } from './cookies';

/** The error code the login form explains (see components/auth/login-form.tsx). */
export const LOGIN_RATE_LIMITED = 'TooManyAttempts';

/** VIGIE_LOGIN_RATE_PER_MINUTE failed attempts a minute (default 5) after a burst of VIGIE_LOGIN_BURST (10). */
export const loginLimiter = new RateLimiter({
  perMinute: positive(process.env.VIGIE_LOGIN_RATE_PER_MINUTE, 5),
  burst: positive(process.env.VIGIE_LOGIN_BURST, 10),
});

/**
 * Whether a request to next-auth's routes may check a password: every POST to a callback, whatever
 * the provider and whatever follows it (next-auth reads the action and the provider from the first
 * two segments and ignores the rest, so `/callback/credentials/x` signs in too). `segments` are the
 * route's own (what next-auth reads); without them, the path's.
 */
export function isCredentialsSignIn(request: Request, segments?: readonly string[]): boolean {
  if (request.method.toUpperCase() !== 'POST') return false;
  const parts = segments ?? new URL(request.url).pathname.replace(/^.*?\/api\/auth\//, '').split('/');
  return parts[0] === 'callback';
}

/** The key of a caller's bucket: a request with no address known shares one bucket with all such. */
export function loginLimitKey(request: Request): string {
  return `login:${clientAddressOf(request.headers) ?? 'unknown'}`;
}

/**
 * Runs a sign-in attempt unless the caller's address is over its limit. The refusal is shaped as
 * next-auth answers a refused sign-in (a JSON body whose url carries the error code), so the
 * login form shows it like any other refusal, with the status and Retry-After a script expects.
 */
export async function limitLoginAttempts(request: Request, attempt: () => Promise<Response>, limiter: RateLimiter = loginLimiter): Promise<Response> {
  const key = loginLimitKey(request);
  const wait = limiter.take(key);
  if (wait !== null) {
    const url = new URL(`/login?error=${LOGIN_RATE_LIMITED}`, request.url).toString();
    return Response.json({ url, error: LOGIN_RATE_LIMITED }, { status: 429, headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store' } });
  }
  const response = await attempt();
  if (isSignedInResponse(response)) limiter.refund(key);
  return response;
}

type AuthRouteContext = { params: Promise<{ nextauth: string[] }> };

/** A POST to next-auth's routes: every sign-in through the per-address limit, the rest straight on. */
export async function answerAuthPost(
  request: Request,
  context: AuthRouteContext,
  handle: (request: Request, context: AuthRouteContext) => Promise<Response>,
  limiter: RateLimiter = loginLimiter,
): Promise<Response> {
  const { nextauth } = await context.params;
  if (isCredentialsSignIn(request, nextauth)) return limitLoginAttempts(request, () => handle(request, context), limiter);
  return handle(request, context);
}
