import { z } from 'zod';
import { listSites } from '@/db/queries/sites';
import { actorOf } from '@/server/auth/principal';
import { adminProcedure, createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { createSiteInput, formatMinuteOfDay, setSiteActiveInput, updateSiteInput } from '@/lib/sites/site-input';
import { createSite, setSiteActive, updateSite } from './service';

/** What GET /api/v1/sites answers: the reference data a BI tool joins the KPIs with. */
const directoryOutput = z.object({
  sites: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      country: z.string(),
      timezone: z.string(),
      kind: z.enum(['onshore', 'nearshore', 'offshore']),
      languages: z.array(z.string()),
      seats: z.number(),
      slaSeconds: z.number(),
      reportDeadline: z.string(),
      active: z.boolean(),
    }),
  ),
});

export const sitesRouter = createTRPCRouter({
  /** Every site for HQ (inactive ones included, flagged); a site lead sees only their own. */
  list: signedInProcedure.query(async ({ ctx }) => {
    const rows = await listSites(ctx.db, ctx.scope);
    return rows.map((site) => ({ ...site, reportDeadline: formatMinuteOfDay(site.reportDeadlineMinute) }));
  }),

  /** The same list for the REST API: the site's reference data, without internal ids or timestamps. */
  directory: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/sites',
        protect: true,
        tags: ['sites'],
        summary: 'The sites you may see',
        description: 'Every site for headquarters (inactive ones flagged); a site lead’s token gets their own site only.',
      },
    })
    .input(z.object({}).optional())
    .output(directoryOutput)
    .query(async ({ ctx }) => {
      const rows = await listSites(ctx.db, ctx.scope);
      return {
        sites: rows.map((s) => ({
          code: s.code,
          name: s.name,
          country: s.country,
          timezone: s.timezone,
          kind: s.kind,
          languages: s.languages,
          seats: s.seats,
          slaSeconds: s.slaSeconds,
          reportDeadline: formatMinuteOfDay(s.reportDeadlineMinute),
          active: s.active,
        })),
      };
    }),

  create: adminProcedure.input(createSiteInput).mutation(({ ctx, input }) => createSite(ctx.db, actorOf(ctx.principal), input)),

  update: adminProcedure.input(updateSiteInput).mutation(({ ctx, input }) => updateSite(ctx.db, actorOf(ctx.principal), input)),

  setActive: adminProcedure
    .input(setSiteActiveInput)
    .mutation(({ ctx, input }) => setSiteActive(ctx.db, actorOf(ctx.principal), input)),
});
