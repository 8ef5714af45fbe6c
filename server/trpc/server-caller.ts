import 'server-only';
// tRPC for server components: the same procedures and authorisation as over HTTP, called in
// process with the signed-in user of the request being rendered (or its paired wall display).
import { headers } from 'next/headers';
import { cache } from 'react';
import { getRequestPrincipal } from '@/server/auth/current-session';
import { getDatabase } from '@/server/db';
import { clientIpOf } from './context';
import { createInnerContext } from './init';
import { createCaller } from './root';

export const getServerCaller = cache(async () => {
  const [handle, principal, requestHeaders] = await Promise.all([getDatabase(), getRequestPrincipal(), headers()]);
  return createCaller(createInnerContext({ db: handle.db, driver: handle.driver, principal, ip: clientIpOf(requestHeaders) }));
});
