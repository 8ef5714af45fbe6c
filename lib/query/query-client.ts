// The TanStack Query client of the app, made the same way in the browser and for a server render:
// the server prefetches a page's tRPC queries into it and dehydrates them into the HTML, the
// browser hydrates them under the same query keys. superjson carries what JSON cannot (dates), as
// the tRPC link does; a query still pending when the page is sent streams in after it.
import { defaultShouldDehydrateQuery, QueryClient, type Query } from '@tanstack/react-query';
import superjson from 'superjson';

/** A failed prefetch is not sent (the browser asks again); a pending one streams in. */
export function shouldDehydrateQuery(query: Query): boolean {
  return defaultShouldDehydrateQuery(query) || query.state.status === 'pending';
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery,
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
