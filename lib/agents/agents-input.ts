// Input and output schemas of the agents procedures, shared by tRPC, REST (GET /api/v1/agents) and
// the pages. GET inputs are objects of strings: the REST adapter maps query parameters onto them.
import { z } from 'zod';
import { isoDay, siteCode } from '@/lib/kpi/schemas';
import { checkRange } from '@/lib/kpi/periods';

/** An agent's reference as a site's telephony and QA put it on calls and evaluations. */
export const agentRefInput = z.string().min(1, 'An agent reference is 1 to 128 characters').max(128, 'An agent reference is 1 to 128 characters');

function refineRange(value: { from: string; to: string }, ctx: z.core.$RefinementCtx) {
  const checked = checkRange(value.from, value.to);
  if (!checked.ok) ctx.addIssue({ code: 'custom', path: [checked.field], message: checked.message });
}

export const agentsRangeInput = z
  .object({
    site: siteCode.meta({ description: 'The site code', examples: ['TUN'] }),
    from: isoDay.meta({ description: 'First site-local day, YYYY-MM-DD', examples: ['2025-03-01'] }),
    to: isoDay.meta({ description: 'Last site-local day (included), YYYY-MM-DD', examples: ['2025-03-31'] }),
  })
  .superRefine(refineRange);
export type AgentsRangeInput = z.infer<typeof agentsRangeInput>;

export const agentInput = z.object({ site: siteCode, agentRef: agentRefInput, from: isoDay, to: isoDay }).superRefine(refineRange);
export type AgentInput = z.infer<typeof agentInput>;

const count = z.number().int().nonnegative();
const measure = z.number().nullable();

/** GET /api/v1/agents: one row per agent with calls or evaluations at the site in the range. */
export const agentsTableOutput = z.object({
  site: z.string(),
  from: z.string(),
  to: z.string(),
  agents: z.array(
    z.object({
      agentRef: z.string(),
      name: z.string().optional().meta({ description: "The roster's name; absent when unknown or removed" }),
      handled: count,
      ahtSeconds: measure,
      holdSeconds: measure.meta({ description: 'Hold seconds per handled call' }),
      wrapSeconds: measure.meta({ description: 'Wrap-up seconds per handled call' }),
      fcr: measure,
      csat: measure,
      csatResponses: count,
      qaScore: measure,
      qaEvaluations: count,
      criticalFails: count,
      outlier: z.boolean().meta({ description: 'Flagged on at least one metric against the site’s own agents (modified z-score)' }),
    }),
  ),
});
export type AgentsTableOutput = z.infer<typeof agentsTableOutput>;
