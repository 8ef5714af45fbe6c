// A site's contract as an admin or a script writes it: POST /api/v1/contracts, the contracts
// router and the /settings/contracts form all validate with this one schema. Metrics are KPI
// names as GET /api/v1/kpis spells them, ratios as fractions (0.8 = 80 %). Messages are plain
// English sentences: the REST API answers them as they are, and the form shows them by the field.
import { z } from 'zod';
import { isIsoDay } from '@/lib/kpi/periods';

export const PRICING_MODELS = ['per_handled_call', 'per_handled_minute', 'per_productive_hour', 'per_seat_month'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** KPIs a contract term can hold a site to, as GET /api/v1/kpis spells them. */
export const TERM_METRICS = ['serviceLevel', 'abandonRate', 'asaSeconds', 'ahtSeconds', 'fcr', 'csat', 'qaScore'] as const;
export type TermMetric = (typeof TERM_METRICS)[number];

export const TERM_COMPARISONS = ['atLeast', 'atMost'] as const;
export type TermComparison = (typeof TERM_COMPARISONS)[number];
export const TERM_PERIODS = ['day', 'week', 'month'] as const;
export type TermPeriod = (typeof TERM_PERIODS)[number];
export const ADJUSTMENT_KINDS = ['fixed', 'percent'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export const MAX_TERMS = 20;

const siteCode = z.string().regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 upper-case letters.');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'A currency is its ISO 4217 code: three upper-case letters (EUR, MAD, TND…).');
const money = (what: string) => z.number(`${what} is a number.`).finite().min(0, `${what} is not negative.`).max(1e9, `${what} is at most 1,000,000,000.`);

export const pricingInput = z
  .object({
    model: z.enum(PRICING_MODELS, `The pricing model is one of ${PRICING_MODELS.join(', ')}.`),
    /** Per handled call, per handled minute, per productive hour or per seat and month. */
    rate: money('The rate'),
    /** Seats billed each month: required by per_seat_month. */
    seats: z.number().int('Whole seats.').min(1, 'At least one seat.').max(100000).optional(),
    /** Fees billed every month whatever the volume. */
    fixedMonthly: money('The fixed monthly fee').optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.model === 'per_seat_month' && p.seats === undefined) ctx.addIssue({ code: 'custom', path: ['seats'], message: 'A per-seat contract says how many seats.' });
  });
export type PricingInput = z.infer<typeof pricingInput>;

export const penaltyInput = z
  .object({
    kind: z.enum(ADJUSTMENT_KINDS, 'A penalty is "fixed" (per missed period) or "percent" (of the volume charge).'),
    value: z.number().finite().min(0, 'Not negative.').max(1e9),
    /** The most the term's penalty can be in a month, in the contract's currency. */
    cap: money('The cap').optional(),
  })
  .strict()
  .refine((p) => p.kind !== 'percent' || p.value <= 100, { path: ['value'], message: 'A percent penalty is at most 100.' });

export const bonusInput = z
  .object({
    kind: z.enum(ADJUSTMENT_KINDS, 'A bonus is "fixed" or "percent" (of the volume charge).'),
    value: z.number().finite().min(0, 'Not negative.').max(1e9),
  })
  .strict()
  .refine((p) => p.kind !== 'percent' || p.value <= 100, { path: ['value'], message: 'A percent bonus is at most 100.' });

export const termInput = z
  .object({
    metric: z.enum(TERM_METRICS, `The metric is one of ${TERM_METRICS.join(', ')}.`),
    comparison: z.enum(TERM_COMPARISONS, 'The comparison is "atLeast" or "atMost".'),
    threshold: z.number('The threshold is a number.').finite(),
    period: z.enum(TERM_PERIODS, 'The period is "day", "week" or "month".'),
    /** Periods of the month that may miss before any penalty. */
    allowedMisses: z.number().int('Whole periods.').min(0, 'Not negative.').max(31),
    penalty: penaltyInput,
    /** Earned when every period of the month with calls is met. */
    bonus: bonusInput.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const ratio = t.metric === 'serviceLevel' || t.metric === 'abandonRate' || t.metric === 'fcr' || t.metric === 'csat';
    if (ratio && (t.threshold < 0 || t.threshold > 1)) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'A ratio is a fraction between 0 and 1 (0.8 for 80 %).' });
    if (t.metric === 'qaScore' && (t.threshold < 0 || t.threshold > 100)) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'A QA score is between 0 and 100.' });
    if ((t.metric === 'asaSeconds' || t.metric === 'ahtSeconds') && (t.threshold < 0 || t.threshold > 86400)) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'Seconds between 0 and 86,400.' });
  });
export type TermInput = z.infer<typeof termInput>;

export const contractInput = z
  .object({
    site: siteCode,
    /** The day (site-local) this version takes effect; it holds until the next version's. */
    effectiveFrom: z.string().refine(isIsoDay, 'Use a date as YYYY-MM-DD.'),
    /** "in-house", or the vendor's name. */
    provider: z.string().trim().min(1, 'Name the provider, or "in-house".').max(100, 'At most 100 characters.'),
    currency: currencyCode,
    pricing: pricingInput,
    terms: z.array(termInput).max(MAX_TERMS, `At most ${MAX_TERMS} terms.`).default([]),
  })
  .strict();
export type ContractInput = z.input<typeof contractInput>;
export type Contract = z.output<typeof contractInput>;
