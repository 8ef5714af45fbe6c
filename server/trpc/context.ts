// The context of an HTTP request in the app: request-context.ts with the next-auth session.
import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { getDatabase } from '@/server/db';
import { databaseUnavailable, isDatabaseUnavailable } from '@/server/errors';
import type { Context } from './init';
import { contextFromRequest } from './request-context';

export { clientIpOf, contextFromRequest } from './request-context';

export async function createRequestContext(req: Request): Promise<Context> {
  try {
    const handle = await getDatabase();
    return await contextFromRequest(req, {
      handle,
      sessionUserId: async () => (await getServerSession(authOptions))?.user?.userId,
    });
  } catch (error) {
    // Resolving the credential reads the database: while it is away, a 503 rather than a 500.
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw error;
  }
}
