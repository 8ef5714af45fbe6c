// The context of a request from its credential: a bearer secret (site key or personal token)
// when the request carries one, otherwise the signed-in session's user, otherwise a paired wall
// display's cookie. Free of next-auth, so that tests and the CLI (benchmarks) can build request
// contexts too.
import type { DbHandle } from '@/db/client';
import { bearerOf, principalFromSecret, principalFromSession } from '@/server/auth/resolve';
import type { SessionClaims } from '@/server/auth/session-claims';
import { displayCredentialOf } from '@/server/displays/cookie';
import { displayPrincipalFromCredential } from '@/server/displays/service';
import { createInnerContext, type Context } from './init';
import { clientAddressOf } from '@/server/security/client-address';

/** The client's address, for the audit log and limits. */
export function clientIpOf(headers: Headers): string | null {
  // The same rule as the sign-in limit: the connection's address, and X-Forwarded-For only as far
  // as VIGIE_TRUSTED_PROXIES says; a header the caller wrote cannot name another address.
  return clientAddressOf(headers);
}

/**
 * The context for a request, given the database and a way to read its session cookie's claims
 * (none: no session). A request with an Authorization header is judged on it alone: a bad secret
 * is anonymous, it never falls back to a cookie. A live session wins over a display cookie.
 */
export async function contextFromRequest(
  req: Request,
  deps: { handle: Pick<DbHandle, 'db' | 'driver'>; session?: () => Promise<SessionClaims | null>; now?: () => Date },
): Promise<Context> {
  const { db, driver } = deps.handle;
  const now = (deps.now ?? (() => new Date()))();
  const authorization = req.headers.get('authorization');
  let principal =
    authorization !== null
      ? await principalFromSecret(db, bearerOf(authorization) ?? '')
      : await principalFromSession(db, deps.session ? await deps.session() : null, now);
  // A wall display: no Authorization header and no live session, only its cookie. What it may
  // reach is decided by the procedures (init.ts: its wallboard, nothing else).
  if (authorization === null && principal.kind === 'anonymous') {
    const credential = displayCredentialOf(req.headers.get('cookie'));
    if (credential) principal = (await displayPrincipalFromCredential(db, credential, now)) ?? principal;
  }
  return createInnerContext({ db, driver, principal, ip: clientIpOf(req.headers), now: deps.now });
}
