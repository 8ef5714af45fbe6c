// What the site's pages read before anything else: the site (or, for an agent's page, the agent),
// or the 404 page. An unknown code, a site a lead may not see and a malformed code all answer
// NOT_FOUND or BAD_REQUEST, and all are the 404 page alike, so that a page tells nobody which sites exist.
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import type { SiteFacts } from '@/server/kpi/site-facts';
import { getServerCaller } from '@/server/trpc/server-caller';

/** What `read` answers, or the 404 page when it says NOT_FOUND or BAD_REQUEST; any other error is thrown on. */
export async function orNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
}

/** The site of the page's `[code]` (still URL-encoded), or the 404 page. */
export function readableSite(code: string): Promise<SiteFacts> {
  return orNotFound(async () => (await getServerCaller()).kpi.site({ code: decodeURIComponent(code) }));
}
