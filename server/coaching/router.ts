// coaching: sessions opened for a site's agents, closed with a follow-up evaluation or dropped.
// Writes for a site's lead (their site) or an administrator; reads for any signed-in user within
// their site scope. Thin: the work is in service.ts.
import {
  closeCoachingInput,
  coachingOwnersInput,
  coachingSummaryInput,
  dropCoachingInput,
  listCoachingInput,
  openCoachingInput,
} from '@/lib/agents/coaching-input';
import { actorOf } from '@/server/auth/principal';
import { createTRPCRouter, signedInProcedure, siteLeadOrAdminProcedure } from '@/server/trpc/init';
import { closeCoaching, coachingSummary, dropCoaching, listCoaching, listOwners, openCoaching } from './service';

export const coachingRouter = createTRPCRouter({
  list: signedInProcedure.input(listCoachingInput).query(({ ctx, input }) => listCoaching(ctx.db, ctx.principal, input, ctx.now())),
  owners: signedInProcedure.input(coachingOwnersInput).query(({ ctx, input }) => listOwners(ctx.db, ctx.principal, input)),
  summary: signedInProcedure.input(coachingSummaryInput).query(({ ctx, input }) => coachingSummary(ctx.db, ctx.principal, input, ctx.now())),
  open: siteLeadOrAdminProcedure
    .input(openCoachingInput)
    .mutation(({ ctx, input }) => openCoaching(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),
  close: siteLeadOrAdminProcedure
    .input(closeCoachingInput)
    .mutation(({ ctx, input }) => closeCoaching(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),
  drop: siteLeadOrAdminProcedure
    .input(dropCoachingInput)
    .mutation(({ ctx, input }) => dropCoaching(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),
});
