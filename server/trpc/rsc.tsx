import 'server-only';
// Server-side prefetch of a page's tRPC queries: a page awaits `prefetch(...)` with the same
// query options its client components use (so the same query keys), then wraps them in
// <HydrateClient>; the data comes with the HTML instead of a request after hydration.
import { dehydrate, hashKey, HydrationBoundary, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { cache, type ReactNode } from 'react';
import { getSessionPrincipal } from '@/server/auth/current-session';
import { getDatabase } from '@/server/db';
import { makeQueryClient, shouldDehydrateQuery } from '@/lib/query/query-client';
import { clientIpOf } from './context';
import { createInnerContext } from './init';
import { appRouter } from './root';

/** One query client per request being rendered. */
const getQueryClient = cache(makeQueryClient);

const getServerContext = cache(async () => {
  const [handle, principal, requestHeaders] = await Promise.all([getDatabase(), getSessionPrincipal(), headers()]);
  return createInnerContext({ db: handle.db, driver: handle.driver, principal, ip: clientIpOf(requestHeaders) });
});

/** The same options proxy as the browser's `useTRPC()`, calling the procedures in process. */
export const serverTRPC = createTRPCOptionsProxy({ router: appRouter, ctx: getServerContext, queryClient: getQueryClient });

/**
 * Fetches the queries into the request's client. A failing one is left out (the browser asks
 * again and shows its error state), so a prefetch never breaks the page.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- options of any procedure's query
export async function prefetch(...options: FetchQueryOptions<any, any, any, any>[]): Promise<void> {
  const client = getQueryClient();
  await Promise.all(options.map((o) => client.prefetchQuery(o)));
}

/**
 * Sends the request's fetched queries with the HTML. `only` limits them to these keys: the layout
 * sends its own and leaves the page's, still loading beside it, to the page's boundary (else the
 * same data would be written into the HTML twice).
 */
export function HydrateClient({ children, only }: { children: ReactNode; only?: QueryKey[] }) {
  const client = getQueryClient();
  const wanted = only ? new Set(only.map(hashKey)) : null;
  const state = wanted
    ? dehydrate(client, { shouldDehydrateQuery: (query) => wanted.has(query.queryHash) && shouldDehydrateQuery(query) })
    : dehydrate(client);
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
