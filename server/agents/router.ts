// Agents procedures: `table` is also REST `GET /api/v1/agents` and answers exactly its published
// shape; `list` is the page's richer table and `get` one agent's page. Thin: the work is in service.ts.
import { agentInput, agentsRangeInput, agentsTableOutput } from '@/lib/agents/agents-input';
import { createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { buildAgentDetail, buildAgentsList, buildAgentsTable } from './service';

export const agentsRouter = createTRPCRouter({
  table: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/agents',
        protect: true,
        tags: ['agents'],
        summary: "A site's agents over a range of site-local days",
        description:
          'One row per agent reference with calls or site QA evaluations in the range, by the site KPI definitions: AHT, hold and wrap-up are seconds per handled call, FCR and CSAT fractions 0–1, QA 0–100; a figure without a denominator is null. ' +
          '`outlier` is true when the agent stands out from the site’s own agents on AHT (either way), FCR, CSAT or QA (low) by a modified z-score above 3.5, among agents with enough volume. A site lead reads their own site only.',
        errorResponses: { 400: 'Not a site code, or a bad range', 401: 'Send a valid token', 403: 'Site keys do not read agents', 404: 'No such site (or another site of a lead)' },
      },
    })
    .input(agentsRangeInput)
    .output(agentsTableOutput)
    .query(({ ctx, input }) => buildAgentsTable(ctx.db, { scope: ctx.scope, code: input.site, from: input.from, to: input.to })),

  /** The agents page's table; NOT_FOUND for another site of a lead. */
  list: signedInProcedure
    .input(agentsRangeInput)
    .query(({ ctx, input }) => buildAgentsList(ctx.db, { scope: ctx.scope, code: input.site, from: input.from, to: input.to })),

  /** One agent's page; NOT_FOUND for another site of a lead or an agent the site never saw. */
  get: signedInProcedure
    .input(agentInput)
    .query(({ ctx, input }) => buildAgentDetail(ctx.db, { scope: ctx.scope, code: input.site, agentRef: input.agentRef, from: input.from, to: input.to })),
});
