import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '@/server/trpc/init';

export const healthOutput = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['pglite', 'postgres']) });

export const healthRouter = createTRPCRouter({
  check: publicProcedure.output(healthOutput).query(async ({ ctx }) => {
    try {
      await ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: ctx.driver };
    } catch {
      return { status: 'degraded' as const, database: ctx.driver };
    }
  }),
});
