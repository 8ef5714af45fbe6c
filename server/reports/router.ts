// Daily reports. `submit` and `onDate` are also REST (POST/GET /api/v1/daily-reports) and answer
// DESIGN's shapes with ISO timestamps; the others serve the app's report pages.
import { z } from 'zod';
import { actorOf } from '@/server/auth/principal';
import { pushRateLimit } from '@/server/ingest/rate-limited';
import { createTRPCRouter, hqProcedure, signedInProcedure, siteWriterProcedure } from '@/server/trpc/init';
import { INCIDENT_CATEGORIES, acknowledgeInput, complianceInput, historyInput, inboxInput, reportsOnDateInput, submitReportInput } from '@/lib/reports/report-input';
import {
  acknowledgeReport,
  reportComplianceSummary,
  reportInbox,
  reportsOnDate,
  siteReportHistory,
  submitDailyReport,
  type ReportView,
} from './service';

const reportOutput = z.object({
  site: z.string(),
  date: z.string(),
  scheduledAgents: z.number().int(),
  presentAgents: z.number().int(),
  leavers: z.number().int(),
  incidents: z.array(z.object({ category: z.string(), description: z.string(), minutesLost: z.number().int().nullable() })),
  highlights: z.string(),
  blockers: z.string(),
  productiveHours: z.number().nullable().meta({ description: 'Hours the site counts as productive that day; null when the report does not say' }),
  submittedAt: z.string().meta({ description: 'First submission, ISO 8601' }),
  submittedBy: z.string(),
  updatedAt: z.string().meta({ description: 'Last amendment, ISO 8601' }),
  deadline: z.string().meta({ description: 'When the report was due: the site’s deadline on that local day, ISO 8601' }),
  status: z.enum(['on_time', 'late']).meta({ description: 'Whether the first submission came by the deadline' }),
  acknowledgedAt: z.string().nullable(),
  hqComment: z.string().nullable(),
});

const submitOutput = reportOutput.extend({ amended: z.boolean().meta({ description: 'True when this replaced an earlier submission' }) });

const onDateOutput = z.object({
  date: z.string(),
  reports: z.array(reportOutput),
  missing: z.array(z.string()).meta({ description: 'Sites whose deadline for that day passed without a report' }),
});

function restShape<T extends ReportView>(view: T) {
  return {
    ...view,
    incidents: view.incidents.map((i) => ({ category: i.category, description: i.description, minutesLost: i.minutesLost ?? null })),
    submittedAt: view.submittedAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    deadline: view.deadline.toISOString(),
    acknowledgedAt: view.acknowledgedAt?.toISOString() ?? null,
  };
}

export const reportsRouter = createTRPCRouter({
  submit: siteWriterProcedure
    .use(pushRateLimit)
    .meta({
      openapi: {
        method: 'POST',
        path: '/daily-reports',
        protect: true,
        tags: ['daily reports'],
        summary: 'File or amend the site’s daily report',
        description:
          `One report per site and site-local day. Sending it again amends it until headquarters acknowledges it (then 409). ` +
          `A day after the site’s own today is refused. Incident categories: ${INCIDENT_CATEGORIES.join(', ')}. ` +
          'Takes the site’s key or its site lead’s token.',
        errorResponses: {
          400: 'Invalid report or a future day',
          401: 'No valid key or token',
          403: 'Not a site key or a site lead',
          409: 'Already acknowledged by headquarters',
          429: 'Pushing too fast: see Retry-After',
        },
      },
    })
    .input(submitReportInput)
    .output(submitOutput)
    .mutation(async ({ ctx, input }) => {
      const view = await submitDailyReport(ctx.db, { siteId: ctx.siteId, actor: actorOf(ctx.principal), input, now: ctx.now() });
      return restShape(view);
    }),

  onDate: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/daily-reports',
        protect: true,
        tags: ['daily reports'],
        summary: 'The daily reports of one site-local day, and the sites that missed it',
        description: 'Headquarters sees every active site; a site lead their own. A site is missing once its deadline for the day passed without a report.',
        errorResponses: { 400: 'Invalid date', 401: 'Sign in or send a valid token', 403: 'Not a user' },
      },
    })
    .input(reportsOnDateInput)
    .output(onDateOutput)
    .query(async ({ ctx, input }) => {
      const answer = await reportsOnDate(ctx.db, ctx.scope, input.date, ctx.now());
      return { ...answer, reports: answer.reports.map(restShape) };
    }),

  inbox: signedInProcedure.input(inboxInput).query(({ ctx, input }) => reportInbox(ctx.db, ctx.scope, input.date, ctx.now())),

  history: signedInProcedure.input(historyInput).query(({ ctx, input }) => siteReportHistory(ctx.db, ctx.scope, input, ctx.now())),

  acknowledge: hqProcedure.input(acknowledgeInput).mutation(({ ctx, input }) => acknowledgeReport(ctx.db, actorOf(ctx.principal), input, ctx.now())),

  /** Report compliance per site and for the network over a range of site-local days. */
  compliance: signedInProcedure.input(complianceInput).query(({ ctx, input }) => reportComplianceSummary(ctx.db, ctx.scope, input, ctx.now())),
});
