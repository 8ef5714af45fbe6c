// Alerts: headquarters' rules (also POST /api/v1/alert-rules), the history every signed-in user
// reads within their scope (also GET /api/v1/alerts), and the bell. Thin: the work is in rules.ts
// and history.ts.
import { TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { actorOf } from '@/server/auth/principal';
import { adminProcedure, createTRPCRouter, hqProcedure, middleware, signedInProcedure } from '@/server/trpc/init';
import { alertListInput, markAlertsSeenInput } from '@/lib/alerts/history-input';
import { alertRuleInput } from '@/lib/alerts/rule-input';
import { alertRuleIdInput, setAlertRuleEnabledInput, updateAlertRuleInput } from '@/lib/alerts/rule-update-input';
import { alertListOutput, alertRuleOutput } from './api-output';
import { checkAlertRulesNow } from './check-now';
import { listAlerts, markAlertsSeen, unreadAlerts } from './history';
import { createAlertRule, deleteAlertRule, listAlertRules, setAlertRuleEnabled, updateAlertRule } from './rules';

/**
 * Some faults are found only against the database (a site code no active site has, a new webhook
 * without its secret): the services report them as zod issues with their paths, and they answer
 * as the schema's own do — a 400 with `issues` on REST, field errors in the app.
 */
const issuesAsBadRequest = middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code !== 'BAD_REQUEST' && result.error.cause instanceof ZodError) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Input validation failed', cause: result.error.cause });
  }
  return result;
});

const rulesProcedure = hqProcedure.use(issuesAsBadRequest);

const ERRORS = { 401: 'Sign in or send a valid token', 403: 'Not allowed for this account' };

const rulesRouter = createTRPCRouter({
  list: rulesProcedure.output(z.array(alertRuleOutput)).query(({ ctx }) => listAlertRules(ctx.db)),

  create: rulesProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/alert-rules',
        protect: true,
        tags: ['alerts'],
        summary: 'Define an alert rule (headquarters)',
        description:
          '`metric` is a KPI as GET /api/v1/kpis spells it, or callsWaiting, longestWaitSeconds, feedSilentMinutes, reportMissing, missionProjection, qaCriticalFails; ratios are fractions (0.8 = 80 %). ' +
          'A KPI takes a window (`{ trailingMinutes }` or `{ period: "today" | "yesterday" }`); a live or built-in metric takes none. ' +
          '`threshold` is a number, or "target-red" / "target-amber" for a metric with a KPI target. The answer is the rule as stored, with its `id`; a webhook\'s secret is never answered back (`secretSet: true`). ' +
          'A personal token creates the rule as its owner.',
        errorResponses: {
          ...ERRORS,
          400: 'Not a valid rule: each reason with its path (an unknown metric, a missing window, a ratio above 1, a target threshold on a metric without a target, a site code no active site has…)',
        },
      },
    })
    .input(alertRuleInput)
    .output(alertRuleOutput)
    .mutation(({ ctx, input }) => createAlertRule(ctx.db, actorOf(ctx.principal), input)),

  /** The whole rule again; a webhook whose secret is left empty keeps the stored one. */
  update: rulesProcedure
    .input(updateAlertRuleInput)
    .output(alertRuleOutput)
    .mutation(({ ctx, input }) => updateAlertRule(ctx.db, actorOf(ctx.principal), input.id, input.rule, ctx.now())),

  remove: rulesProcedure.input(alertRuleIdInput).mutation(({ ctx, input }) => deleteAlertRule(ctx.db, actorOf(ctx.principal), input.id, ctx.now())),

  setEnabled: rulesProcedure
    .input(setAlertRuleEnabledInput)
    .output(alertRuleOutput)
    .mutation(({ ctx, input }) => setAlertRuleEnabled(ctx.db, actorOf(ctx.principal), input.id, input.enabled, ctx.now())),
});

export const alertsRouter = createTRPCRouter({
  rules: rulesRouter,

  list: signedInProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/alerts',
        protect: true,
        tags: ['alerts'],
        summary: 'Alerts, newest first',
        description:
          'One alert per firing episode: `firedAt` when it fired, `resolvedAt` when it recovered (null while firing), the value that fired it and the one it recovered with, the threshold as a number, and the figures behind the value with the formula. ' +
          '`from` and `to` bound `firedAt` (a date is that day in UTC; `to` includes it). Headquarters reads every alert; a site lead their own site’s, never a network alert.',
        errorResponses: { ...ERRORS, 400: 'A filter is not valid, or names an unknown site' },
      },
    })
    .input(alertListInput)
    .output(alertListOutput)
    .query(({ ctx, input }) => listAlerts(ctx.db, ctx.principal, input)),

  /** The bell: alerts the caller may read that are newer than the last one they saw. */
  unread: signedInProcedure.query(({ ctx }) => unreadAlerts(ctx.db, ctx.principal)),

  markSeen: signedInProcedure.input(markAlertsSeenInput).mutation(({ ctx, input }) => markAlertsSeen(ctx.db, ctx.principal, input.upToId)),

  /** "Check rules now": one tick at once, as the scheduler's next one would run (admins). */
  evaluateNow: adminProcedure.mutation(({ ctx }) => checkAlertRulesNow(ctx.db, actorOf(ctx.principal), ctx.now())),
});
