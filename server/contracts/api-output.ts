// What the contracts procedures published on the REST API answer, as zod schemas: the documented
// shapes of POST /api/v1/contracts and GET /api/v1/statements.
import { z } from 'zod';
import { ADJUSTMENT_KINDS, PRICING_MODELS, TERM_COMPARISONS, TERM_METRICS, TERM_PERIODS } from '@/lib/contracts/contract-input';

const pricingOutput = z.object({
  model: z.enum(PRICING_MODELS),
  rate: z.number(),
  seats: z.number().int().nullable(),
  fixedMonthly: z.number().nullable(),
});

const termOutput = z.object({
  metric: z.enum(TERM_METRICS),
  comparison: z.enum(TERM_COMPARISONS),
  threshold: z.number(),
  period: z.enum(TERM_PERIODS),
  allowedMisses: z.number().int(),
  penalty: z.object({ kind: z.enum(ADJUSTMENT_KINDS), value: z.number(), cap: z.number().optional() }),
  bonus: z.object({ kind: z.enum(ADJUSTMENT_KINDS), value: z.number() }).optional(),
});

export const contractVersionOutput = z.object({
  id: z.number().int(),
  site: z.string(),
  effectiveFrom: z.string().meta({ description: 'The site-local day this version takes effect; it holds until the next version’s' }),
  provider: z.string(),
  currency: z.string(),
  pricing: pricingOutput,
  terms: z.array(termOutput),
  createdAt: z.string().meta({ description: 'When this version was written (or last replaced), ISO 8601' }),
  createdBy: z.string().nullable(),
});

const periodOutput = z.object({
  start: z.string(),
  end: z.string(),
  value: z.number().nullable().meta({ description: 'The KPI over the period; null when its denominator is zero' }),
  met: z.boolean().nullable().meta({ description: 'Null when the period had no offered call: neither met nor missed' }),
  offered: z.number().int(),
  numerator: z.number(),
  denominator: z.number(),
});

const statementTermOutput = z.object({
  metric: z.enum(TERM_METRICS),
  comparison: z.enum(TERM_COMPARISONS),
  threshold: z.number(),
  period: z.enum(TERM_PERIODS),
  allowedMisses: z.number().int(),
  formula: z.string(),
  periods: z.array(periodOutput),
  missed: z.number().int(),
  penalty: z.number(),
  penaltyRule: z.object({ kind: z.enum(ADJUSTMENT_KINDS), value: z.number(), cap: z.number().nullable() }),
  bonus: z.number(),
  bonusRule: z.object({ kind: z.enum(ADJUSTMENT_KINDS), value: z.number() }).nullable(),
});

export const statementOutput = z.object({
  site: z.string(),
  siteName: z.string(),
  month: z.string(),
  currency: z.string(),
  status: z.enum(['draft', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  contract: z.object({ effectiveFrom: z.string(), provider: z.string(), pricing: pricingOutput }),
  terms: z.array(statementTermOutput),
  volume: z.object({
    handled: z.number().int(),
    resolved: z.number().int(),
    handledMinutes: z.number(),
    productiveHours: z.number().nullable(),
  }),
  volumeCharge: z.number(),
  fixedFees: z.number(),
  cost: z.object({
    amount: z.number().meta({ description: 'The invoice estimate' }),
    perHandled: z.number().nullable(),
    perResolved: z.number().nullable(),
  }),
  penalties: z.number(),
  bonuses: z.number(),
  invoiceEstimate: z.number(),
  hqCurrency: z.object({ code: z.string(), rate: z.number().nullable(), invoiceEstimate: z.number().nullable() }),
  variance: z
    .object({ handled: z.number(), resolved: z.number(), handledMinutes: z.number(), invoiceEstimate: z.number(), penalties: z.number() })
    .nullable()
    .meta({ description: 'A closed statement: the calls as they are now minus the closed figures; null for a draft and when nothing changed' }),
});
