// Sites push data here: REST (POST /api/v1/calls, /evaluations) with a site key, and CSV uploads
// from the app by a site lead for their own site.
import { z } from 'zod';
import { actorOf } from '@/server/auth/principal';
import { publishesSiteChange } from '@/server/live/publishes';
import { createTRPCRouter, siteKeyProcedure, siteWriterProcedure } from '@/server/trpc/init';
import { callBatchSchema } from './call-record.schema';
import { ingestCalls } from './calls';
import { evaluationBatchSchema } from './evaluation.schema';
import { ingestEvaluations } from './evaluations';
import { ingestResultSchema } from './ingest-result';
import { pushRateLimit } from './rate-limited';
import { commitUpload, previewUpload } from './upload';

const ERRORS = { 400: 'Not a batch', 401: 'No valid site key', 403: 'Not a site key', 413: 'More than 5,000 records', 429: 'Pushing too fast: see Retry-After' };

/** A CSV file as text; 16 MiB is far above 5,000 rows but keeps one upload bounded. */
const uploadInput = z.object({ kind: z.enum(['calls', 'evaluations']), csv: z.string().min(1).max(16 * 1024 * 1024) });

export const ingestRouter = createTRPCRouter({
  pushCalls: siteKeyProcedure
    .use(pushRateLimit)
    .use(publishesSiteChange)
    .meta({
      openapi: {
        method: 'POST',
        path: '/calls',
        protect: true,
        tags: ['ingest'],
        summary: 'Push call records (at most 5,000 a request)',
        description:
          'Records are upserted by (site, externalId): sending the same batch again changes nothing, and a corrected record replaces the old one. ' +
          'Valid records are kept even when others in the batch are rejected; each rejected record is reported with its index and the reasons.',
        errorResponses: ERRORS,
      },
    })
    .input(callBatchSchema)
    .output(ingestResultSchema)
    .mutation(({ ctx, input }) => ingestCalls(ctx.db, { siteId: ctx.principal.siteId, records: input.records, actor: actorOf(ctx.principal) })),

  pushEvaluations: siteKeyProcedure
    .use(pushRateLimit)
    .use(publishesSiteChange)
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluations',
        protect: true,
        tags: ['ingest'],
        summary: 'Push QA evaluations (at most 5,000 a request)',
        description:
          'Each evaluation is scored at ingest against its form version (GET /qa/forms): weights, null for "does not apply", and a critical criterion below half its maximum makes the score 0. ' +
          'Upserted by (site, externalId), answered like calls.',
        errorResponses: ERRORS,
      },
    })
    .input(evaluationBatchSchema)
    .output(ingestResultSchema)
    .mutation(({ ctx, input }) =>
      ingestEvaluations(ctx.db, { siteId: ctx.principal.siteId, evaluations: input.evaluations, actor: actorOf(ctx.principal) }),
    ),

  /** Checks a CSV file without writing anything: counts, the first rows, every rejection. */
  previewUpload: siteWriterProcedure.input(uploadInput).mutation(({ input }) => previewUpload(input.kind, input.csv)),

  /** Ingests a CSV file for the caller's own site. */
  commitUpload: siteWriterProcedure
    .use(publishesSiteChange)
    .input(uploadInput)
    .mutation(({ ctx, input }) => commitUpload(ctx.db, { ...input, siteId: ctx.siteId, actor: actorOf(ctx.principal) })),
});
