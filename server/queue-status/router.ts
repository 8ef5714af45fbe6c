// Live queue status: sites push it with their key (POST /api/v1/queue-status); people read the
// latest per queue (GET /api/v1/queue-status, and the app) and a site's day by the minute (the app).
import { z } from 'zod';
import { actorOf } from '@/server/auth/principal';
import { pushRateLimit } from '@/server/ingest/rate-limited';
import { publishesSiteChange } from '@/server/live/publishes';
import { normaliseCodes } from '@/server/kpi/site-selection';
import { createTRPCRouter, signedInProcedure, siteKeyProcedure } from '@/server/trpc/init';
import { isIsoDay } from '@/lib/kpi/periods';
import { isoDay, siteCode, siteCodes } from '@/lib/kpi/schemas';
import {
  MAX_QUEUES,
  queueStatusHistoryOutput,
  queueStatusLatestOutput,
  queueStatusPushInput,
  queueStatusPushResult,
} from '@/lib/queue-status/input';
import { latestQueueStatus, pushQueueStatus, queueStatusHistory } from './service';

const PUSH_ERRORS = {
  400: 'Not a queue status: the reasons, with their paths',
  401: 'No valid site key',
  403: 'Not a site key',
  413: `More than ${MAX_QUEUES} queues`,
  429: 'Pushing too fast: see Retry-After',
};

export const queueStatusRouter = createTRPCRouter({
  push: siteKeyProcedure
    .use(pushRateLimit)
    .use(publishesSiteChange)
    .meta({
      openapi: {
        method: 'POST',
        path: '/queue-status',
        protect: true,
        tags: ['live'],
        summary: `Push the live status of the site's queues (at most ${MAX_QUEUES} a push)`,
        description:
          'Each queue\'s status is kept as its latest unless a status at least as recent is stored: the same push twice changes nothing, and a late push never overwrites a newer one. ' +
          'The last status of each minute is kept for 8 days. `at` must carry an offset, be at most 5 minutes ahead of the server and not older than 8 days.',
        errorResponses: PUSH_ERRORS,
      },
    })
    .input(queueStatusPushInput)
    .output(queueStatusPushResult)
    .mutation(({ ctx, input }) =>
      pushQueueStatus(ctx.db, { siteId: ctx.principal.siteId, body: input, actor: actorOf(ctx.principal), now: ctx.now() }),
    ),

  latest: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/queue-status',
        protect: true,
        tags: ['live'],
        summary: 'The latest status of each queue, per site',
        description:
          'A status taken more than two minutes before the server\'s now is flagged `stale: true` and keeps its figures: it is the last known state, not zero. ' +
          'All active sites when none is named; a site lead gets their own site.',
      },
    })
    .input(z.object({ site: siteCodes.optional().meta({ description: 'Site code; repeat to name several. All sites when absent.' }) }))
    .output(queueStatusLatestOutput)
    .query(({ ctx, input }) => latestQueueStatus(ctx.db, { scope: ctx.scope, siteCodes: normaliseCodes(input.site), now: ctx.now() })),

  /** A site's statuses minute by minute over one of its local days. */
  history: signedInProcedure
    .input(z.object({ site: siteCode, date: isoDay.refine(isIsoDay, 'Not a date') }))
    .output(queueStatusHistoryOutput)
    .query(({ ctx, input }) => queueStatusHistory(ctx.db, { scope: ctx.scope, code: input.site, date: input.date })),
});
