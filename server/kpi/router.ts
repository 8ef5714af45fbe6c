// KPI procedures. `compare` is also REST `GET /api/v1/kpis` and answers exactly DESIGN's shape;
// `comparison` is the app's richer version (RAG, changes, parts, previous period, site details).
import { z } from 'zod';
import type { Db } from '@/db/client';
import type { SiteScope } from '@/server/auth/principal';
import { actorOf } from '@/server/auth/principal';
import { createTRPCRouter, hqProcedure, signedInProcedure } from '@/server/trpc/init';
import { buildComparison, type ComparisonArgs } from './comparison';
import { buildQaCategories, buildQueueBreakdown } from './site-breakdowns';
import { restNetworkOf } from './lead-network';
import { buildOutOfHours } from './out-of-hours';
import { buildSiteFacts } from './site-facts';
import { normaliseCodes } from './site-selection';
import { clearTargetInput, compareInput, compareOutput, isoDay, setTargetInput, siteCode, siteCodes, sitesRangeInput } from '@/lib/kpi/schemas';
import { clearTarget, listVisibleTargets, setTarget } from './targets';
import { shareInFlight } from './shared-reads';
import { buildSiteToday, buildToday } from './today';
import { buildTrend } from './trend';

/** The comparison, shared with identical reads in flight (same database, scope, range and sites). */
function comparisonFor(ctx: { db: Db; scope: SiteScope; now: () => Date }, args: Omit<ComparisonArgs, 'scope' | 'now'>) {
  const key = JSON.stringify(['comparison', ctx.scope, args.from, args.to, args.siteCodes ?? null]);
  return shareInFlight(ctx.db, key, () => buildComparison(ctx.db, { ...args, scope: ctx.scope, now: ctx.now() }));
}

export const kpiRouter = createTRPCRouter({
  compare: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/kpis',
        protect: true,
        tags: ['kpis'],
        summary: 'KPIs per site and for the network over a range of site-local days',
        description:
          'Ratios are fractions 0–1, QA scores 0–100; a ratio without a denominator is null. The network row sums the sites asked for (all active sites when none is named); a site lead gets their own site and the network, whose call or QA figures are null unless at least three other sites contribute to them.',
      },
    })
    .input(compareInput)
    .output(compareOutput)
    .query(async ({ ctx, input }) => {
      const comparison = await comparisonFor(ctx, { from: input.from, to: input.to, siteCodes: normaliseCodes(input.site) });
      return { ...comparison, network: restNetworkOf(comparison.network) };
    }),

  comparison: signedInProcedure
    .input(sitesRangeInput)
    .query(({ ctx, input }) => comparisonFor(ctx, { from: input.from, to: input.to, siteCodes: normaliseCodes(input.sites) })),

  /** One site's facts and feed freshness; NOT_FOUND for an unknown code or another site of a lead. */
  site: signedInProcedure
    .input(z.object({ code: siteCode }))
    .query(({ ctx, input }) => buildSiteFacts(ctx.db, { scope: ctx.scope, code: input.code, now: ctx.now() })),

  trend: signedInProcedure
    .input(sitesRangeInput)
    .query(({ ctx, input }) => buildTrend(ctx.db, { scope: ctx.scope, from: input.from, to: input.to, siteCodes: normaliseCodes(input.sites) })),

  queues: signedInProcedure
    .input(z.object({ site: siteCode, from: isoDay, to: isoDay }))
    .query(({ ctx, input }) => buildQueueBreakdown(ctx.db, { scope: ctx.scope, code: input.site, from: input.from, to: input.to })),

  /** One site's calls offered outside its opening hours over a range; NOT_FOUND for another site of a lead. */
  outOfHours: signedInProcedure
    .input(z.object({ site: siteCode, from: isoDay, to: isoDay }))
    .query(({ ctx, input }) => buildOutOfHours(ctx.db, { scope: ctx.scope, code: input.site, from: input.from, to: input.to })),

  qaCategories: signedInProcedure
    .input(sitesRangeInput)
    .query(({ ctx, input }) =>
      buildQaCategories(ctx.db, { scope: ctx.scope, from: input.from, to: input.to, siteCodes: normaliseCodes(input.sites) }),
    ),

  /** Each site's local day so far against the same weekday last week at the same local time. */
  today: signedInProcedure
    .input(z.object({ sites: siteCodes.optional() }))
    .query(({ ctx, input }) => buildToday(ctx.db, { scope: ctx.scope, siteCodes: normaliseCodes(input.sites), now: ctx.now() })),

  /** One site's today in 15-minute intervals with last week's beside them; FORBIDDEN for another site of a lead. */
  siteToday: signedInProcedure
    .input(z.object({ code: siteCode }))
    .query(({ ctx, input }) => buildSiteToday(ctx.db, { scope: ctx.scope, code: input.code, now: ctx.now() })),

  targets: signedInProcedure.query(({ ctx }) => listVisibleTargets(ctx.db, ctx.scope)),

  /** Sets the network default (site null) or a site's override of one metric's bounds. */
  setTarget: hqProcedure.input(setTargetInput).mutation(({ ctx, input }) => setTarget(ctx.db, actorOf(ctx.principal), input)),

  clearTarget: hqProcedure.input(clearTargetInput).mutation(({ ctx, input }) => clearTarget(ctx.db, actorOf(ctx.principal), input)),
});
