// coaching: sessions opened for a site's agents, closed with a follow-up evaluation or dropped.
// Writes for a site's lead (their site) or an administrator; reads for any signed-in user within
// their site scope. Thin: the work is in service.ts.
import { TRPCError } from '@trpc/server';
import {
  closeCoachingInput,
  coachingOwnersInput,
  coachingSummaryInput,
  dropCoachingInput,
  listCoachingInput,
  openCoachingInput,
} from '@/lib/agents/coaching-input';
import { actorOf } from '@/server/auth/principal';
import { createTRPCRouter, signedInProcedure } from '@/server/trpc/init';
import { closeCoaching, coachingSummary, dropCoaching, listCoaching, listOwners, openCoaching } from './service';

/** A site lead for their own site (checked by the service), an administrator for any; HQ managers read only. */
const coachingWriter = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.principal.role !== 'site_lead' && ctx.principal.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: "A site's lead or an administrator runs its coaching" });
  }
  return next();
});

export const coachingRouter = createTRPCRouter({
  list: signedInProcedure.input(listCoachingInput).query(({ ctx, input }) => listCoaching(ctx.db, ctx.principal, input, ctx.now())),
  owners: signedInProcedure.input(coachingOwnersInput).query(({ ctx, input }) => listOwners(ctx.db, ctx.principal, input)),
  summary: signedInProcedure.input(coachingSummaryInput).query(({ ctx, input }) => coachingSummary(ctx.db, ctx.principal, input, ctx.now())),
  open: coachingWriter
    .input(openCoachingInput)
    .mutation(({ ctx, input }) => openCoaching(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),
  close: coachingWriter
    .input(closeCoachingInput)
    .mutation(({ ctx, input }) => closeCoaching(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),
  drop: coachingWriter
    .input(dropCoachingInput)
    .mutation(({ ctx, input }) => dropCoaching(ctx.db, ctx.principal, actorOf(ctx.principal), input, ctx.now())),
});
