// A daily report as a site sends it (REST POST /api/v1/daily-reports, the report form) and the
// reads and HQ actions around it: one set of rules for every entry point.
import { z } from 'zod';
import { checkRange, isIsoDay, MAX_RANGE_DAYS, shiftDay } from '@/lib/kpi/periods';
import { INCIDENT_CATEGORIES } from './incident-categories';

export { INCIDENT_CATEGORIES, type IncidentCategory } from './incident-categories';

export const reportDay = z.string().refine(isIsoDay, 'Use a date as YYYY-MM-DD');

const siteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 letters A–Z');

const agents = (what: string) =>
  z
    .number(`${what} is a number of agents`)
    .int(`${what} is a whole number`)
    .min(0, `${what} cannot be negative`)
    .max(100_000, `${what} is at most 100,000`);

export const incidentInput = z.object({
  category: z.enum(INCIDENT_CATEGORIES, `The category is one of ${INCIDENT_CATEGORIES.join(', ')}`),
  description: z.string().trim().min(1, 'Describe the incident').max(1000, 'At most 1,000 characters'),
  minutesLost: z
    .number('Minutes lost is a number')
    .int('Minutes lost is whole minutes')
    .min(0, 'Minutes lost cannot be negative')
    .max(1440, 'At most 1,440 minutes in a day')
    .nullish(),
});

const text = z.string().trim().max(4000, 'At most 4,000 characters');

export const submitReportInput = z.object({
  date: reportDay.meta({ description: 'The site-local day reported on, YYYY-MM-DD; not in the future', examples: ['2025-03-14'] }),
  scheduledAgents: agents('Scheduled agents'),
  presentAgents: agents('Present agents'),
  leavers: agents('Leavers').default(0),
  incidents: z.array(incidentInput).max(50, 'At most 50 incidents').default([]),
  highlights: text.default(''),
  blockers: text.default(''),
  /** Hours the site counts as productive that day: what a per-productive-hour contract bills. */
  productiveHours: z
    .number('Productive hours is a number')
    .finite('Productive hours is a number')
    .min(0, 'Productive hours cannot be negative')
    .max(100_000, 'Productive hours is at most 100,000')
    .nullish()
    .meta({ description: 'Hours the site counts as productive that day (billed by a per-productive-hour contract); null or absent when not counted', examples: [412.5] }),
});

export const reportsOnDateInput = z.object({
  date: reportDay.meta({ description: 'Site-local day, YYYY-MM-DD', examples: ['2025-03-14'] }),
});

/** The HQ inbox: one given day, or each site's own local today when absent. */
export const inboxInput = z.object({ date: reportDay.optional() });

export const acknowledgeInput = z.object({
  site: siteCode,
  date: reportDay,
  /** Replaces HQ's comment when given; an empty one removes it. */
  comment: z.string().trim().max(2000, 'At most 2,000 characters').optional(),
});

/** A range given as from/to, or as the number of days ending at the site-local today. */
const rangeFields = {
  from: reportDay.optional(),
  to: reportDay.optional(),
  days: z.number().int().min(1).max(MAX_RANGE_DAYS).optional(),
};

function refineRange(value: { from?: string; to?: string }, ctx: z.core.$RefinementCtx) {
  if (value.from === undefined && value.to === undefined) return;
  if (value.from === undefined || value.to === undefined) {
    ctx.addIssue({ code: 'custom', path: [value.from === undefined ? 'from' : 'to'], message: 'Give both from and to, or neither' });
    return;
  }
  const checked = checkRange(value.from, value.to);
  if (!checked.ok) ctx.addIssue({ code: 'custom', path: [checked.field], message: checked.message });
}

/** A site's days; a site lead's own site when `site` is absent. */
export const historyInput = z.object({ site: siteCode.optional(), ...rangeFields }).superRefine(refineRange);

export const complianceInput = z
  .object({ ...rangeFields, sites: z.union([siteCode, z.array(siteCode).max(200)]).optional() })
  .superRefine(refineRange);

/** Without from/to: the `days` (30 by default) ending at `today`. */
export function resolveRange(input: { from?: string; to?: string; days?: number }, today: string): { from: string; to: string } {
  if (input.from !== undefined && input.to !== undefined) return { from: input.from, to: input.to };
  return { from: shiftDay(today, -((input.days ?? 30) - 1)), to: today };
}

export type SubmitReportInput = z.input<typeof submitReportInput>;
export type SubmittedReport = z.output<typeof submitReportInput>;
export type AcknowledgeInput = z.input<typeof acknowledgeInput>;
export type RangeInput = { from?: string; to?: string; days?: number };
