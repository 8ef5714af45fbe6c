// The payloads of QA evaluations, calibration and disputes: one schema each, for the router and
// for the services that re-check what they are given.
import { z } from 'zod';
import { checkRange } from '@/lib/kpi/periods';
import { isoDay, siteCode, siteCodes } from '@/lib/kpi/schemas';

export const MAX_PAGE_SIZE = 100;
export const MAX_SAMPLE_SIZE = 200;

function refineOptionalRange(value: { from?: string; to?: string }, ctx: z.core.$RefinementCtx) {
  if (value.from && value.to) {
    const checked = checkRange(value.from, value.to);
    if (!checked.ok) ctx.addIssue({ code: 'custom', path: [checked.field], message: checked.message });
  }
}

function refineRange(value: { from: string; to: string }, ctx: z.core.$RefinementCtx) {
  refineOptionalRange(value, ctx);
}

const searchText = z
  .string()
  .trim()
  .max(128)
  .optional()
  .transform((v) => (v ? v : undefined));

export const evaluationListInput = z
  .object({
    site: siteCode.optional(),
    agent: searchText,
    form: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9_-]{1,32}$/)
      .optional(),
    evaluator: searchText,
    from: isoDay.optional(),
    to: isoDay.optional(),
    rescored: z.boolean().optional(),
    dispute: z.enum(['open', 'upheld', 'rejected']).optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  })
  .superRefine(refineOptionalRange);

export type EvaluationListInput = z.input<typeof evaluationListInput>;

/** A site evaluation, named by its site's code and its id. */
export const evaluationRef = z.object({ site: siteCode, id: z.number().int().positive() });

export const rangeWithSites = z.object({ from: isoDay, to: isoDay, sites: siteCodes.optional() }).superRefine(refineRange);

export const calibrationSummaryInput = z
  .object({
    from: isoDay,
    to: isoDay,
    sites: siteCodes.optional(),
    granularity: z.enum(['week', 'month']).default('month'),
  })
  .superRefine(refineRange);

export type CalibrationSummaryInput = z.input<typeof calibrationSummaryInput>;

export const drawSampleInput = z
  .object({
    site: siteCode,
    from: isoDay,
    to: isoDay,
    size: z.number().int().min(1).max(MAX_SAMPLE_SIZE),
  })
  .superRefine(refineRange);

export type DrawSampleInput = z.input<typeof drawSampleInput>;

export const sampleRef = z.object({ site: siteCode, id: z.number().int().positive() });

const scoreValue = z.number().finite().min(0).nullable();

export const rescoreInput = evaluationRef.extend({
  /** Criterion key → score; null when the criterion does not apply to this call. */
  scores: z.record(z.string().max(64), scoreValue),
  comment: z
    .string()
    .trim()
    .max(4000)
    .nullish()
    .transform((v) => (v ? v : null)),
});

export type RescoreInput = z.input<typeof rescoreInput>;

export const openDisputeInput = evaluationRef.extend({
  comment: z.string().trim().min(1, 'Say what HQ got wrong').max(4000),
});

export const settleDisputeInput = evaluationRef.extend({
  outcome: z.enum(['upheld', 'rejected']),
  resolution: z.string().trim().min(1, 'Explain the decision').max(4000),
});

export type OpenDisputeInput = z.input<typeof openDisputeInput>;
export type SettleDisputeInput = z.input<typeof settleDisputeInput>;
