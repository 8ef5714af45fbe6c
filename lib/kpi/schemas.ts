// Input and output schemas of the KPI procedures, shared by tRPC, REST (trpc-to-openapi) and CSV.
// GET inputs are objects of strings: the REST adapter maps query parameters onto them.
import { z } from 'zod';
import { KPI_METRICS } from './definitions';
import { checkRange } from './periods';

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD');

export const siteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 letters');

/** One code or several: `?site=TUN&site=CAS` arrives as an array, `?site=TUN` as a string. */
export const siteCodes = z.union([siteCode, z.array(siteCode).max(200)]);

function refineRange(value: { from: string; to: string }, ctx: z.core.$RefinementCtx) {
  const checked = checkRange(value.from, value.to);
  if (!checked.ok) ctx.addIssue({ code: 'custom', path: [checked.field], message: checked.message });
}

export const rangeInput = z.object({ from: isoDay, to: isoDay }).superRefine(refineRange);

/** REST `GET /api/v1/kpis`: DESIGN names the repeated query parameter `site`. */
export const compareInput = z
  .object({
    from: isoDay.meta({ description: 'First site-local day, YYYY-MM-DD', examples: ['2025-03-01'] }),
    to: isoDay.meta({ description: 'Last site-local day (included), YYYY-MM-DD', examples: ['2025-03-31'] }),
    site: siteCodes.optional().meta({ description: 'Site code; repeat to name several. All sites when absent.' }),
  })
  .superRefine(refineRange);

/** The app's procedures take `sites`. */
export const sitesRangeInput = z
  .object({ from: isoDay, to: isoDay, sites: siteCodes.optional() })
  .superRefine(refineRange);

const count = z.number().int().nonnegative();
const measure = z.number().nullable();

/** DESIGN's Kpis: ratios as fractions 0–1, QA 0–100, null when the denominator is zero. */
export const kpisOutput = z.object({
  offered: count,
  handled: count,
  abandoned: count,
  ahtSeconds: measure,
  asaSeconds: measure,
  serviceLevel: measure,
  abandonRate: measure,
  fcr: measure,
  csat: measure,
  csatResponses: count,
  qaScore: measure,
  qaEvaluations: count,
  /** Daily reports in by their deadline / days a report was expected (lib/kpi/definitions.ts). */
  reportCompliance: measure,
});

/**
 * The network row: DESIGN's Kpis, where a site lead finds null the counts withheld from them
 * (fewer than three other sites contribute: server/kpi/lead-network.ts).
 */
export const networkKpisOutput = kpisOutput.extend({
  offered: count.nullable(),
  handled: count.nullable(),
  abandoned: count.nullable(),
  csatResponses: count.nullable(),
  qaEvaluations: count.nullable(),
});

/** Exactly DESIGN's answer of `GET /api/v1/kpis`; richer fields are stripped on the way out. */
export const compareOutput = z.object({
  from: z.string(),
  to: z.string(),
  network: networkKpisOutput,
  sites: z.array(z.object({ code: z.string(), name: z.string(), ...kpisOutput.shape })),
});

export type CompareAnswer = z.infer<typeof compareOutput>;

/** A target is the network default (site null) or one site's override; bounds in stored units. */
export const targetKeyInput = z.object({ metric: z.enum(KPI_METRICS), site: siteCode.nullable() });
export const setTargetInput = targetKeyInput.extend({ green: z.number(), amber: z.number() });
export const clearTargetInput = targetKeyInput;
