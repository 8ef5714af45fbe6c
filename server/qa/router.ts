// QA procedures: form versions (HQ), evaluations and trends (everyone, within their site scope),
// calibration (HQ draws and re-scores blind; everyone reads the gap), disputes of HQ re-scores.
import { z } from 'zod';
import { actorOf } from '@/server/auth/principal';
import { siteCode } from '@/lib/kpi/schemas';
import { createTRPCRouter, hqProcedure, signedInProcedure } from '@/server/trpc/init';
import { drawSample, getRescoreTask, getWorklist, listWorklists, submitRescore } from './calibration';
import { summariseCalibration } from './calibration-summary';
import { openDispute, settleDispute } from './disputes';
import { evaluationFilterOptions, getEvaluationDetail, listEvaluationsFor, type QaViewer } from './evaluations';
import { createDraftInput, formIdInput, QA_CATEGORIES, updateDraftInput } from '@/lib/qa/form-input';
import { createDraft, deleteDraft, getForm, listForms, newVersionFrom, publishForm, updateDraft } from './forms';
import {
  calibrationSummaryInput,
  drawSampleInput,
  evaluationListInput,
  evaluationRef,
  openDisputeInput,
  rangeWithSites,
  rescoreInput,
  sampleRef,
  settleDisputeInput,
} from '@/lib/qa/qa-input';
import { buildQaTrends } from './trends';

const viewerOf = (ctx: { scope: QaViewer['scope']; principal: { role: QaViewer['role'] } }): QaViewer => ({
  scope: ctx.scope,
  role: ctx.principal.role,
});

/**
 * Exactly what the blind re-score screen may show. Unknown keys are stripped on the way out, so
 * nothing of the site's own evaluation can reach HQ through this procedure.
 */
const rescoreTaskOutput = z.object({
  site: z.object({ code: z.string(), name: z.string(), timezone: z.string() }),
  sampleId: z.number(),
  evaluationId: z.number(),
  callReference: z.string().nullable(),
  agentRef: z.string(),
  evaluatedAt: z.date(),
  day: z.string(),
  call: z
    .object({ startedAt: z.date(), direction: z.enum(['inbound', 'outbound']), queue: z.string(), handleSeconds: z.number() })
    .nullable(),
  form: z.object({ code: z.string(), version: z.number(), name: z.string() }),
  criteria: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      category: z.enum(QA_CATEGORIES),
      weight: z.number(),
      maxScore: z.number(),
      critical: z.boolean(),
    }),
  ),
  done: z.boolean(),
  locked: z.boolean(),
});

const formsRouter = createTRPCRouter({
  list: hqProcedure.query(({ ctx }) => listForms(ctx.db)),
  get: hqProcedure.input(formIdInput).query(({ ctx, input }) => getForm(ctx.db, input.id)),
  createDraft: hqProcedure.input(createDraftInput).mutation(({ ctx, input }) => createDraft(ctx.db, actorOf(ctx.principal), input)),
  updateDraft: hqProcedure.input(updateDraftInput).mutation(({ ctx, input }) => updateDraft(ctx.db, actorOf(ctx.principal), input)),
  publish: hqProcedure.input(formIdInput).mutation(({ ctx, input }) => publishForm(ctx.db, actorOf(ctx.principal), input, ctx.now())),
  newVersion: hqProcedure.input(formIdInput).mutation(({ ctx, input }) => newVersionFrom(ctx.db, actorOf(ctx.principal), input)),
  deleteDraft: hqProcedure.input(formIdInput).mutation(({ ctx, input }) => deleteDraft(ctx.db, actorOf(ctx.principal), input)),
});

const evaluationsRouter = createTRPCRouter({
  list: signedInProcedure.input(evaluationListInput).query(({ ctx, input }) => listEvaluationsFor(ctx.db, viewerOf(ctx), input)),
  get: signedInProcedure.input(evaluationRef).query(({ ctx, input }) => getEvaluationDetail(ctx.db, viewerOf(ctx), input)),
  filters: signedInProcedure.query(({ ctx }) => evaluationFilterOptions(ctx.db, viewerOf(ctx))),
});

const calibrationRouter = createTRPCRouter({
  draw: hqProcedure
    .input(drawSampleInput)
    .mutation(({ ctx, input }) =>
      drawSample(ctx.db, { scope: ctx.scope, actor: actorOf(ctx.principal), requestedBy: ctx.principal.userId, input }),
    ),
  worklists: hqProcedure
    .input(z.object({ site: siteCode.optional() }).optional())
    .query(({ ctx, input }) => listWorklists(ctx.db, { scope: ctx.scope, site: input?.site })),
  worklist: hqProcedure.input(sampleRef).query(({ ctx, input }) => getWorklist(ctx.db, { scope: ctx.scope, input })),
  task: hqProcedure
    .input(evaluationRef)
    .output(rescoreTaskOutput)
    .query(({ ctx, input }) => getRescoreTask(ctx.db, { scope: ctx.scope, input })),
  rescore: hqProcedure.input(rescoreInput).mutation(({ ctx, input }) =>
    submitRescore(ctx.db, { scope: ctx.scope, actor: actorOf(ctx.principal), evaluator: ctx.principal.name, input, now: ctx.now() }),
  ),
});

const disputesRouter = createTRPCRouter({
  open: signedInProcedure.input(openDisputeInput).mutation(({ ctx, input }) => openDispute(ctx.db, ctx.principal, actorOf(ctx.principal), input)),
  settle: hqProcedure.input(settleDisputeInput).mutation(({ ctx, input }) => settleDispute(ctx.db, ctx.principal, actorOf(ctx.principal), input)),
});

export const qaRouter = createTRPCRouter({
  forms: formsRouter,
  evaluations: evaluationsRouter,
  trends: signedInProcedure.input(rangeWithSites).query(({ ctx, input }) => buildQaTrends(ctx.db, { scope: ctx.scope, input })),
  /** Per-site calibration bias and spread over a range, for the dashboard, site pages and digests. */
  calibrationSummary: signedInProcedure
    .input(calibrationSummaryInput)
    .query(({ ctx, input }) => summariseCalibration(ctx.db, { scope: ctx.scope, input })),
  calibration: calibrationRouter,
  disputes: disputesRouter,
});
