import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { readLocalDayRules } from '@/db/queries/tz-rebuild';
import { runtimeTzVersion } from '@/server/time/tz-data';
import { createTRPCRouter, publicProcedure } from '@/server/trpc/init';

export const healthOutput = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  /** The IANA time-zone release every site-local day is computed with, e.g. "2026c". */
  tz: z.string().nullable(),
  /** Present while stored local days are being moved to that release after an upgrade (`tz:rebuild`). */
  tzRebuild: z.object({ from: z.string().nullable(), to: z.string() }).optional(),
});

export const healthRouter = createTRPCRouter({
  check: publicProcedure.output(healthOutput).query(async ({ ctx }) => {
    const tz = runtimeTzVersion();
    try {
      await ctx.db.execute(sql`select 1`);
      // The rebuild's state is news, not health: if it cannot be read, the answer says nothing of it.
      const rules = await readLocalDayRules(ctx.db).catch(() => null);
      const tzRebuild = rules?.rebuildTarget ? { from: rules.tzVersion, to: rules.rebuildTarget } : undefined;
      return { status: 'ok' as const, database: ctx.driver, tz, ...(tzRebuild ? { tzRebuild } : {}) };
    } catch {
      return { status: 'degraded' as const, database: ctx.driver, tz };
    }
  }),
});
