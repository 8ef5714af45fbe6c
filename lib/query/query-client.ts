// The TanStack Query client of the app, made the same way in the browser and for a server render:
// the server prefetches a page's tRPC queries into it and dehydrates them into the HTML, the
// browser hydrates them under the same query keys. superjson carries what JSON cannot (dates), as
// the tRPC link does; a query still pending when the page is sent streams in after it.
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
      dehydrate: {
        serializeData: superjson.serialize,
        // A failed prefetch is not sent (the browser asks again); a pending one streams in.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
