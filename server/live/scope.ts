// Which wallboard a caller may watch: HQ any sites (none named: the network); a site lead their own
// site only; a paired display its own scope whatever it asks for; site keys and personal tokens
// none (they reach the REST API only); anonymous callers none. Shared by the SSE route and
// `live.snapshot`, so both answer the same.
import { TRPCError } from '@trpc/server';
import type { Db } from '@/db/client';
import { findSiteIdsByCodes } from '@/db/queries/live';
import { isHq, type Principal } from '@/server/auth/principal';
import { normaliseCodes } from '@/server/kpi/site-selection';
import { BEARER_OUTSIDE_REST_MESSAGE, isBearerPrincipal } from '@/server/trpc/init';

/** More site codes than any network has: a longer list is a malformed request. */
export const MAX_LIVE_SITES = 200;

/** The sites of the wallboard (null: the whole network, every active site). */
export type LiveScope = { siteIds: number[] | null };

export async function liveScopeOf(db: Db, principal: Principal, requested: string[] | string | undefined): Promise<LiveScope> {
  if (principal.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in, or pair this screen, to watch a wallboard' });
  // A display shows the scope it was paired with; what its page asks for changes nothing.
  if (principal.kind === 'display') return { siteIds: principal.siteIds.length === 0 ? null : [...principal.siteIds] };
  if (isBearerPrincipal(principal)) throw new TRPCError({ code: 'FORBIDDEN', message: BEARER_OUTSIDE_REST_MESSAGE });
  if (principal.kind !== 'user') throw new TRPCError({ code: 'FORBIDDEN', message: 'This wallboard is for people and paired screens' });

  const codes = normaliseCodes(requested);
  if (codes.length > MAX_LIVE_SITES) throw new TRPCError({ code: 'BAD_REQUEST', message: `At most ${MAX_LIVE_SITES} sites on one wallboard` });

  if (!isHq(principal)) {
    if (principal.siteId === null) throw new TRPCError({ code: 'FORBIDDEN', message: 'Your account is not attached to a site' });
    const own = await findSiteIdsByCodes(db, codes);
    // The same answer whether another code exists or not, so a lead cannot probe for sites.
    if (codes.length > 0 && (own.length !== codes.length || own.some((s) => s.id !== principal.siteId))) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'A site lead watches only their own site' });
    }
    return { siteIds: [principal.siteId] };
  }

  if (codes.length === 0) return { siteIds: null };
  const found = await findSiteIdsByCodes(db, codes);
  const unknown = codes.filter((c) => !found.some((s) => s.code === c));
  if (unknown.length > 0) throw new TRPCError({ code: 'NOT_FOUND', message: `Unknown site code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` });
  return { siteIds: found.map((s) => s.id) };
}
