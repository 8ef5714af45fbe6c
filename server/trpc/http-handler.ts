// The app's own tRPC endpoint (/api/trpc): the browser's session cookie only. A request with an
// Authorization header is refused (401) before any procedure: site keys and personal tokens are
// for the REST API (/api/v1), which offers them what DESIGN lists and nothing else.
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Context } from './init';
import { appRouter } from './root';

export const TRPC_ENDPOINT = '/api/trpc';

export const BEARER_ON_TRPC_MESSAGE = 'The app API (/api/trpc) takes a signed-in session; send site keys and personal tokens to the REST API (/api/v1)';

export function handleTrpc(req: Request, createContext: (req: Request) => Promise<Context>): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext: async () => {
      if (req.headers.has('authorization')) throw new TRPCError({ code: 'UNAUTHORIZED', message: BEARER_ON_TRPC_MESSAGE });
      return createContext(req);
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}
