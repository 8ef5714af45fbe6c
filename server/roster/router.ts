// roster: a site's people behind its agent references. The import is also REST
// `POST /api/v1/roster` (JSON body, the file as the `csv` string), for a site lead's or an
// administrator's token. Thin: the work is in service.ts.
import { rosterImportInput, rosterImportOutput, rosterRemoveNameInput, rosterSiteInput, rosterSummaryInput } from '@/lib/agents/roster-input';
import { actorOf } from '@/server/auth/principal';
import { createTRPCRouter, signedInProcedure, siteLeadOrAdminProcedure } from '@/server/trpc/init';
import { importRoster, listRoster, removeRosterPersonName, rosterSummary } from './service';

export const rosterRouter = createTRPCRouter({
  import: siteLeadOrAdminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/roster',
        protect: true,
        tags: ['agents'],
        summary: "Import a site's roster (CSV)",
        description:
          'The file goes as text in `csv`: a header line naming the columns reference, name, team, start date and end date (also agent_ref, id, start_date, end_date, or in French référence, nom, équipe, date d’entrée, date de sortie), ' +
          '`,` or `;` between cells, dates as YYYY-MM-DD or DD/MM/YYYY, at most 10,000 people and 2 MB. ' +
          'All or nothing: when any line is rejected nothing is written and `rejected` gives each line with its reason (`committed: false`). ' +
          'People already on the roster are updated, those the file does not name are kept; an empty name keeps the stored one, and a name removed from the roster comes back only when the file names the person again. ' +
          '`dryRun: true` checks the file and counts what would change without writing. A site lead’s token imports for their own site only.',
        errorResponses: { 400: 'Not a site code, or the file is over 2 MB', 401: 'Send a valid token', 403: "Not a site lead or an administrator, or another site's roster", 404: 'No such site' },
      },
    })
    .input(rosterImportInput)
    .output(rosterImportOutput)
    .mutation(({ ctx, input }) => importRoster(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),

  list: signedInProcedure.input(rosterSiteInput).query(({ ctx, input }) => listRoster(ctx.db, ctx.principal, ctx.scope, input.site, ctx.now())),

  summary: signedInProcedure.input(rosterSummaryInput).query(({ ctx, input }) => rosterSummary(ctx.db, ctx.scope, input, ctx.now())),

  removeName: siteLeadOrAdminProcedure
    .input(rosterRemoveNameInput)
    .mutation(({ ctx, input }) => removeRosterPersonName(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),
});
