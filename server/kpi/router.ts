// KPI procedures. `compare` is also REST `GET /api/v1/kpis` and answers exactly DESIGN's shape;
// `comparison` is the app's richer version (RAG, changes, previous period, site details).
import { z } from 'zod';
import { createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { buildComparison } from './comparison';
import { buildQaCategories, buildQueueBreakdown } from './site-breakdowns';
import { normaliseCodes } from './site-selection';
import { compareInput, compareOutput, isoDay, siteCode, sitesRangeInput } from './schemas';
import { listVisibleTargets } from './targets';
import { buildTrend } from './trend';

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
          'Ratios are fractions 0–1, QA scores 0–100; a ratio without a denominator is null. The network row sums the sites asked for (all active sites when none is named); a site lead gets their own site and the network.',
      },
    })
    .input(compareInput)
    .output(compareOutput)
    .query(({ ctx, input }) =>
      buildComparison(ctx.db, { scope: ctx.scope, from: input.from, to: input.to, siteCodes: normaliseCodes(input.site) }),
    ),

  comparison: signedInProcedure
    .input(sitesRangeInput)
    .query(({ ctx, input }) =>
      buildComparison(ctx.db, { scope: ctx.scope, from: input.from, to: input.to, siteCodes: normaliseCodes(input.sites) }),
    ),

  trend: signedInProcedure
    .input(sitesRangeInput)
    .query(({ ctx, input }) => buildTrend(ctx.db, { scope: ctx.scope, from: input.from, to: input.to, siteCodes: normaliseCodes(input.sites) })),

  queues: signedInProcedure
    .input(z.object({ site: siteCode, from: isoDay, to: isoDay }))
    .query(({ ctx, input }) => buildQueueBreakdown(ctx.db, { scope: ctx.scope, code: input.site, from: input.from, to: input.to })),

  qaCategories: signedInProcedure
    .input(sitesRangeInput)
    .query(({ ctx, input }) =>
      buildQaCategories(ctx.db, { scope: ctx.scope, from: input.from, to: input.to, siteCodes: normaliseCodes(input.sites) }),
    ),

  targets: signedInProcedure.query(({ ctx }) => listVisibleTargets(ctx.db, ctx.scope)),
});
