// The context of an HTTP request in the app: request-context.ts with the next-auth session.
import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { getDatabase } from '@/server/db';
import type { Context } from './init';
import { contextFromRequest } from './request-context';

export { clientIpOf, contextFromRequest } from './request-context';

export async function createRequestContext(req: Request): Promise<Context> {
  const handle = await getDatabase();
  return contextFromRequest(req, {
    handle,
    sessionUserId: async () => (await getServerSession(authOptions))?.user?.userId,
  });
}
