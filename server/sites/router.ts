import { listSites } from '@/db/queries/sites';
import { actorOf } from '@/server/auth/principal';
import { adminProcedure, createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { glanceAtSites } from './glance';
import { createSiteInput, formatMinuteOfDay, setSiteActiveInput, updateSiteInput } from './site-input';
import { createSite, setSiteActive, updateSite } from './service';

export const sitesRouter = createTRPCRouter({
  /** Every site for HQ (inactive ones included, flagged); a site lead sees only their own. */
  list: signedInProcedure.query(async ({ ctx }) => {
    const rows = await listSites(ctx.db, ctx.scope);
    return rows.map((site) => ({ ...site, reportDeadline: formatMinuteOfDay(site.reportDeadlineMinute) }));
  }),

  glance: signedInProcedure.query(({ ctx }) => glanceAtSites(ctx.db, ctx.scope, ctx.now())),

  create: adminProcedure.input(createSiteInput).mutation(({ ctx, input }) => createSite(ctx.db, actorOf(ctx.principal), input)),

  update: adminProcedure.input(updateSiteInput).mutation(({ ctx, input }) => updateSite(ctx.db, actorOf(ctx.principal), input)),

  setActive: adminProcedure
    .input(setSiteActiveInput)
    .mutation(({ ctx, input }) => setSiteActive(ctx.db, actorOf(ctx.principal), input)),
});
