import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { runtimeTzVersion } from '@/server/time/tz-data';
import { createTRPCRouter, publicProcedure } from '@/server/trpc/init';

export const healthOutput = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  /** The IANA time-zone release every site-local day is computed with, e.g. "2026c". */
  tz: z.string().nullable(),
});

export const healthRouter = createTRPCRouter({
  check: publicProcedure.output(healthOutput).query(async ({ ctx }) => {
    const tz = runtimeTzVersion();
    try {
      await ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: ctx.driver, tz };
    } catch {
      return { status: 'degraded' as const, database: ctx.driver, tz };
    }
  }),
});
