// Sign-in attempts per client address, across accounts: the per-account lockout stops guessing one
// password, this stops one address trying a few passwords on many accounts. Only failures count:
// a sign-in that succeeds gives its token back, so an office of colleagues behind one address
// signing in at nine is never refused. Past the limit: 429 with Retry-After, before any password
// is checked.
import { clientIpOf } from '@/server/trpc/request-context';
import { positive, RateLimiter } from '@/server/rest/rate-limit';
import { isSignedInResponse } from './cookies';

/** The error code the login form explains (see components/auth/login-form.tsx). */
export const LOGIN_RATE_LIMITED = 'TooManyAttempts';

/** VIGIE_LOGIN_RATE_PER_MINUTE failed attempts a minute (default 5) after a burst of VIGIE_LOGIN_BURST (10). */
export const loginLimiter = new RateLimiter({
  perMinute: positive(process.env.VIGIE_LOGIN_RATE_PER_MINUTE, 5),
  burst: positive(process.env.VIGIE_LOGIN_BURST, 10),
});

/** The credentials sign-in of next-auth: POST /api/auth/callback/credentials. */
export function isCredentialsSignIn(request: Request): boolean {
  return request.method === 'POST' && new URL(request.url).pathname.endsWith('/callback/credentials');
}

/**
 * Runs a sign-in attempt unless the caller's address is over its limit. The refusal is shaped as
 * next-auth answers a refused sign-in (a JSON body whose url carries the error code), so the
 * login form shows it like any other refusal, with the status and Retry-After a script expects.
 */
export async function limitLoginAttempts(request: Request, attempt: () => Promise<Response>, limiter: RateLimiter = loginLimiter): Promise<Response> {
  // Without a forwarded address every caller shares one bucket: stricter, never looser.
  const key = `login:${clientIpOf(request.headers) ?? 'unknown'}`;
  const wait = limiter.take(key);
  if (wait !== null) {
    const url = new URL(`/login?error=${LOGIN_RATE_LIMITED}`, request.url).toString();
    return Response.json({ url, error: LOGIN_RATE_LIMITED }, { status: 429, headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store' } });
  }
  const response = await attempt();
  if (isSignedInResponse(response)) limiter.refund(key);
  return response;
}
