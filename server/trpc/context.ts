// The context of an HTTP request: a bearer secret (site key or personal token) when the request
// carries one, otherwise the browser's next-auth session.
import { getServerSession } from 'next-auth';
import type { DbHandle } from '@/db/client';
import { authOptions } from '@/server/auth/options';
import { bearerOf, principalFromSecret, principalFromSession } from '@/server/auth/resolve';
import { getDatabase } from '@/server/db';
import { createInnerContext, type Context } from './init';

/** The client's address: the first hop of X-Forwarded-For, else X-Real-IP. */
export function clientIpOf(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  return headers.get('x-real-ip')?.trim() || null;
}

/**
 * The context for a request, given the database and a way to read the session's user id. A
 * request with an Authorization header is judged on it alone: a bad secret is anonymous, it
 * never falls back to the cookie.
 */
export async function contextFromRequest(
  req: Request,
  deps: { handle: Pick<DbHandle, 'db' | 'driver'>; sessionUserId: () => Promise<number | undefined>; now?: () => Date },
): Promise<Context> {
  const { db, driver } = deps.handle;
  const authorization = req.headers.get('authorization');
  const principal =
    authorization !== null
      ? await principalFromSecret(db, bearerOf(authorization) ?? '')
      : await principalFromSession(db, await deps.sessionUserId());
  return createInnerContext({ db, driver, principal, ip: clientIpOf(req.headers), now: deps.now });
}

export async function createRequestContext(req: Request): Promise<Context> {
  const handle = await getDatabase();
  return contextFromRequest(req, {
    handle,
    sessionUserId: async () => (await getServerSession(authOptions))?.user?.userId,
  });
}
