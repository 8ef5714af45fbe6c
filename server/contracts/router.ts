// Contracts and cost: admins write each site's contract (also POST /api/v1/contracts), HQ reads
// every statement and closes months and enters exchange rates, a site lead reads their own site's
// contract and statements (also GET /api/v1/statements); the overview reads costs. Thin: the work
// is in contracts.ts, statement.ts, closing.ts, rates.ts, settings.ts and costs.ts.
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { actorOf } from '@/server/auth/principal';
import { adminProcedure, createTRPCRouter, hqProcedure, middleware, signedInProcedure } from '@/server/trpc/init';
import { contractInput, PRICING_MODELS, TERM_METRICS } from '@/lib/contracts/contract-input';
import { contractVersionOutput, statementOutput } from './api-output';
import { closeStatement } from './closing';
import { contractKeyInput, contractListInput, listContracts, removeContract, saveContract } from './contracts';
import { costsInput, siteCosts } from './costs';
import { listRates, ratesInput, setRate, setRateInput } from './rates';
import { contractSettings, contractSettingsInput, setContractSettings } from './settings';
import { monthStatements, siteStatement, statementInput, statementsInput } from './statement';

/**
 * Faults found against the database (a site code no site has) are zod issues with their paths:
 * they answer as the schema's own do, a 400 with `issues` on REST and field errors in the app.
 */
const issuesAsBadRequest = middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code !== 'BAD_REQUEST' && result.error.cause instanceof ZodError) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Input validation failed', cause: result.error.cause });
  }
  return result;
});

const ERRORS = { 401: 'Sign in or send a valid token', 403: 'Not allowed for this account' };

export const contractsRouter = createTRPCRouter({
  /** Each site's versions, newest first (a lead: their own site). */
  list: signedInProcedure.use(issuesAsBadRequest).input(contractListInput).query(({ ctx, input }) => listContracts(ctx.db, ctx.scope, input)),

  save: adminProcedure
    .use(issuesAsBadRequest)
    .meta({
      openapi: {
        method: 'POST',
        path: '/contracts',
        protect: true,
        tags: ['contracts'],
        summary: 'Write a version of a site’s contract (administrators)',
        description:
          'A version takes effect on `effectiveFrom` (a site-local day) and holds until the next version’s; sending the same site and day again replaces that version. ' +
          `Pricing models: ${PRICING_MODELS.join(', ')} (per_seat_month needs \`seats\`); \`fixedMonthly\` is billed every month whatever the volume. ` +
          `A term holds the site to a KPI as GET /api/v1/kpis spells it (${TERM_METRICS.join(', ')}; ratios as fractions, 0.8 = 80 %) over each day, ISO week or month; ` +
          'a penalty is "fixed" (per missed period beyond `allowedMisses`) or "percent" (of the volume charge, per such period), up to its `cap`; a bonus is earned when every period with calls is met. ' +
          'The answer is the version as stored, with its `id`.',
        errorResponses: {
          ...ERRORS,
          400: 'Not a valid contract: each reason with its path (an unknown site code, a ratio above 1, a per-seat contract without seats, a percent above 100…)',
        },
      },
    })
    .input(contractInput)
    .output(contractVersionOutput)
    .mutation(({ ctx, input }) => saveContract(ctx.db, actorOf(ctx.principal), input, ctx.now())),

  remove: adminProcedure.use(issuesAsBadRequest).input(contractKeyInput).mutation(({ ctx, input }) => removeContract(ctx.db, actorOf(ctx.principal), input)),

  statement: signedInProcedure
    .use(issuesAsBadRequest)
    .meta({
      openapi: {
        method: 'GET',
        path: '/statements',
        protect: true,
        tags: ['contracts'],
        summary: 'A site’s monthly statement against its contract',
        description:
          '`month` is YYYY-MM, the site-local calendar month. Each term with its value per period (day, ISO week — a week belongs to the month holding its Thursday and is measured whole —, or month), ' +
          'the counts behind it and its formula, met or missed (a period without an offered call is neither), the penalties and bonuses, the volume, the invoice estimate and the same in HQ’s currency at the month’s rate (null until HQ enters it). ' +
          'A draft is computed from the calls as they are now; a closed statement is answered as it was closed, with `variance` (now − closed) when calls changed since. ' +
          'Headquarters reads every site; a site lead their own (another site is 404).',
        errorResponses: { ...ERRORS, 400: 'Not a site code or not a month', 404: 'No such site, or no contract in force that month' },
      },
    })
    .input(statementInput)
    .output(statementOutput)
    .query(({ ctx, input }) => siteStatement(ctx.db, ctx.scope, input)),

  /** Every site's statement of a month, summed up (a lead: their own site). */
  statements: signedInProcedure.use(issuesAsBadRequest).input(statementsInput).query(({ ctx, input }) => monthStatements(ctx.db, ctx.scope, input)),

  /** Closes a month once it is over in the site's time (HQ); the stored statement never changes. */
  close: hqProcedure.use(issuesAsBadRequest).input(statementInput).mutation(({ ctx, input }) => closeStatement(ctx.db, ctx.principal, input, ctx.now())),

  rates: hqProcedure.use(issuesAsBadRequest).input(ratesInput).query(({ ctx, input }) => listRates(ctx.db, input)),

  setRate: hqProcedure.use(issuesAsBadRequest).input(setRateInput).mutation(({ ctx, input }) => setRate(ctx.db, actorOf(ctx.principal), input, ctx.now())),

  settings: hqProcedure.query(({ ctx }) => contractSettings(ctx.db)),

  setSettings: adminProcedure
    .use(issuesAsBadRequest)
    .input(contractSettingsInput)
    .mutation(({ ctx, input }) => setContractSettings(ctx.db, actorOf(ctx.principal), input)),

  /** Cost per handled and resolved call against quality over a range (HQ every site, a lead their own). */
  costs: signedInProcedure.use(issuesAsBadRequest).input(costsInput).query(({ ctx, input }) => siteCosts(ctx.db, ctx.scope, input)),
});
