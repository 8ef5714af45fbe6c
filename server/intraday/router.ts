// The intraday view: `intraday.day` for the app, also REST `GET /api/v1/intraday` (personal token).
import { createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { intradayInput, intradayOutput } from '@/lib/kpi/intraday';
import { normaliseCodes } from '@/server/kpi/site-selection';
import { buildIntraday } from './intraday';

export const intradayRouter = createTRPCRouter({
  day: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/intraday',
        protect: true,
        tags: ['kpis'],
        summary: 'One site-local day in 15-minute intervals per site',
        description:
          "Every interval of each site's local day is listed (96; 92 or 100 on a change of UTC offset), zeros where no call started; `start` is the interval's first instant (ISO 8601, UTC). Ratios are fractions 0–1, null without a denominator. All active sites when none is named; a site lead gets their own site only.",
      },
    })
    .input(intradayInput)
    .output(intradayOutput)
    .query(({ ctx, input }) => buildIntraday(ctx.db, { scope: ctx.scope, date: input.date, siteCodes: normaliseCodes(input.site) })),
});
