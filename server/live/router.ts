// The wallboard's snapshot for the app (`live.snapshot`): what the SSE stream sends first, for a
// page's server-side render or a client that cannot keep a stream. Same authorisation as the stream.
import { z } from 'zod';
import { createTRPCRouter, wallboardProcedure } from '@/server/trpc/init';
import { siteCodes } from '@/lib/kpi/schemas';
import { wallboardSnapshot } from '@/lib/live/wallboard';
import { liveScopeOf } from './scope';
import { buildWallboardSnapshot } from './snapshot';

export const liveRouter = createTRPCRouter({
  /** HQ: any sites, none = the network; a site lead: their own site; a paired display: its scope. */
  snapshot: wallboardProcedure
    .input(z.object({ site: siteCodes.optional() }))
    .output(wallboardSnapshot)
    .query(async ({ ctx, input }) => {
      const scope = await liveScopeOf(ctx.db, ctx.principal, input.site);
      return buildWallboardSnapshot(ctx.db, { siteIds: scope.siteIds, now: ctx.now() });
    }),
});
