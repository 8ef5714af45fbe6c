// Sites push data here: REST (POST /api/v1/calls, /evaluations) with a site key, and file uploads
// from the app (Vigie's CSV/JSON or a telephony export) by a site lead for their own site.
import { actorOf } from '@/server/auth/principal';
import { publishesSiteChange } from '@/server/live/publishes';
import { createTRPCRouter, siteKeyProcedure, siteWriterProcedure } from '@/server/trpc/init';
import { callBatchSchema } from '@/lib/ingest/call-record.schema';
import { ingestCalls } from './calls';
import { evaluationBatchSchema } from './evaluation.schema';
import { ingestEvaluations } from './evaluations';
import { ingestResultSchema } from './ingest-result';
import { pushRateLimit } from './rate-limited';
import { commitUpload, previewUpload, recogniseFiles } from './upload';
import { recogniseInput, uploadInput } from './upload-input';

const ERRORS = { 400: 'Not a batch', 401: 'No valid site key', 403: 'Not a site key', 413: 'More than 5,000 records', 429: 'Pushing too fast: see Retry-After' };

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

  /** The format of the files from their first 64 KiB, so the page can ask for a mapping or a zone before sending them whole. */
  recogniseUpload: siteWriterProcedure.input(recogniseInput).mutation(({ input }) => recogniseFiles(input.files)),

  /** Reads the files (Vigie's CSV/JSON or a telephony export) without writing anything: counts, notes, the first records, every rejection. */
  previewUpload: siteWriterProcedure.input(uploadInput).mutation(({ ctx, input }) => previewUpload(ctx.db, { siteId: ctx.siteId, input })),

  /** Reads the same files the same way and stores their valid records for the caller's own site. */
  commitUpload: siteWriterProcedure
    .use(publishesSiteChange)
    .input(uploadInput)
    .mutation(({ ctx, input }) => commitUpload(ctx.db, { siteId: ctx.siteId, actor: actorOf(ctx.principal), input })),
});
