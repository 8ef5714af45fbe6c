// What the coaching procedures take: one set of rules for the forms (checked in the browser
// before the round trip) and the tRPC procedures. Messages are English sentences that the forms
// look up in the `coaching` messages namespace (COACHING_MESSAGES keys).
import { z } from 'zod';
import { checkRange, isIsoDay } from '@/lib/kpi/periods';
import { isoDay, siteCode } from '@/lib/kpi/schemas';
import { OUTLIER_METRICS } from './outliers';

export const MAX_OBJECTIVE_LENGTH = 2000;
export const MAX_DROP_REASON_LENGTH = 500;
export const COACHING_STATUSES = ['open', 'done', 'dropped'] as const;
export type CoachingStatus = (typeof COACHING_STATUSES)[number];

export const COACHING_MESSAGES = {
  objective: `An objective of 1 to ${MAX_OBJECTIVE_LENGTH} characters`,
  dueDate: 'Use a date as YYYY-MM-DD',
  owner: 'Choose who runs the session',
  reason: `A reason of 1 to ${MAX_DROP_REASON_LENGTH} characters`,
  followUp: 'Choose the follow-up evaluation',
  agentRef: 'An agent reference of 1 to 128 characters',
} as const;
export type CoachingMessageKey = keyof typeof COACHING_MESSAGES;

const id = z.number().int().positive();
export const agentRefInput = z.string().trim().min(1, COACHING_MESSAGES.agentRef).max(128, COACHING_MESSAGES.agentRef);

/** Where a session comes from: an evaluation, a disputed evaluation, or an outlier flag on a metric. */
export const coachingSourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('evaluation'), evaluationId: id }).strict(),
  z.object({ kind: z.literal('dispute'), evaluationId: id }).strict(),
  z.object({ kind: z.literal('outlier'), metric: z.enum(OUTLIER_METRICS) }).strict(),
]);
export type CoachingSourceInput = z.infer<typeof coachingSourceInput>;

/** The fields the lead fills in (the open form's own schema). */
export const coachingPlanInput = z.object({
  objective: z.string().trim().min(1, COACHING_MESSAGES.objective).max(MAX_OBJECTIVE_LENGTH, COACHING_MESSAGES.objective),
  ownerUserId: z.number(COACHING_MESSAGES.owner).int(COACHING_MESSAGES.owner).positive(COACHING_MESSAGES.owner),
  dueDate: z.string().refine(isIsoDay, COACHING_MESSAGES.dueDate),
});
export type CoachingPlanInput = z.infer<typeof coachingPlanInput>;

export const openCoachingInput = coachingPlanInput.extend({ site: siteCode, agentRef: agentRefInput, source: coachingSourceInput }).strict();
export type OpenCoachingInput = z.infer<typeof openCoachingInput>;

export const closeCoachingInput = z
  .object({ site: siteCode, id, followUpEvaluationId: z.number(COACHING_MESSAGES.followUp).int().positive(COACHING_MESSAGES.followUp) })
  .strict();
export type CloseCoachingInput = z.infer<typeof closeCoachingInput>;

export const dropReasonInput = z.object({
  reason: z.string().trim().min(1, COACHING_MESSAGES.reason).max(MAX_DROP_REASON_LENGTH, COACHING_MESSAGES.reason),
});
export const dropCoachingInput = dropReasonInput.extend({ site: siteCode, id }).strict();
export type DropCoachingInput = z.infer<typeof dropCoachingInput>;

export const listCoachingInput = z.object({ site: siteCode, agentRef: agentRefInput.optional(), status: z.enum(COACHING_STATUSES).optional() }).strict();
export type ListCoachingInput = z.infer<typeof listCoachingInput>;

export const coachingSummaryInput = z
  .object({ site: siteCode, from: isoDay, to: isoDay })
  .strict()
  .superRefine((value, ctx) => {
    const checked = checkRange(value.from, value.to);
    if (!checked.ok) ctx.addIssue({ code: 'custom', path: [checked.field], message: checked.message });
  });
export type CoachingSummaryInput = z.infer<typeof coachingSummaryInput>;

export const coachingOwnersInput = z.object({ site: siteCode }).strict();
