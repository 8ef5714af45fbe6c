// The context of an HTTP request in the app: request-context.ts with the request's session cookie.
import { sessionClaimsFromRequest } from '@/server/auth/session-claims';
import { getDatabase } from '@/server/db';
import { databaseUnavailable, isDatabaseUnavailable } from '@/server/errors';
import type { Context } from './init';
import { contextFromRequest } from './request-context';

export { clientIpOf, contextFromRequest } from './request-context';

export async function createRequestContext(req: Request): Promise<Context> {
  try {
    const handle = await getDatabase();
    return await contextFromRequest(req, { handle, session: () => sessionClaimsFromRequest(req) });
  } catch (error) {
    // Resolving the credential reads the database: while it is away, a 503 rather than a 500.
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw error;
  }
}
