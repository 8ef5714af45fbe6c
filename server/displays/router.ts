// Wall displays (admins): list with status, create (a pairing code, shown once), pair again (a new
// code; the screen's credential stops working), revoke. The screen itself pairs through the route
// handler app/api/display/pair (pairing-route.ts), not through tRPC.
import { actorOf } from '@/server/auth/principal';
import { adminProcedure, createTRPCRouter } from '@/server/trpc/init';
import { createDisplayInput, displayIdInput } from '@/lib/displays/display-input';
import { createDisplay, listDisplays, repairDisplay, revokeDisplay } from './service';

export const displaysRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listDisplays(ctx.db, ctx.now())),
  create: adminProcedure.input(createDisplayInput).mutation(({ ctx, input }) => createDisplay(ctx.db, actorOf(ctx.principal), input, ctx.now())),
  repair: adminProcedure.input(displayIdInput).mutation(({ ctx, input }) => repairDisplay(ctx.db, actorOf(ctx.principal), input.id, ctx.now())),
  revoke: adminProcedure.input(displayIdInput).mutation(({ ctx, input }) => revokeDisplay(ctx.db, actorOf(ctx.principal), input.id, ctx.now())),
});
