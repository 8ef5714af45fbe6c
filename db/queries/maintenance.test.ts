// The statistics refresh that PGlite needs (it has no autovacuum): after it, the planner knows
// how many rows a table holds.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { makeSite } from '@/test/fixtures';
import { refreshStatistics } from './maintenance';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function plannerRows(table: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(await h.db.execute(sql`select reltuples::float8 as n from pg_class where relname = ${table}`));
  return Number(rows[0]!.n);
}

it('gives the planner the row count of a table filled since the last refresh', async () => {
  for (const code of ['AAA', 'BBB', 'CCC', 'DDD', 'EEE']) await makeSite(h.db, { code });
  await refreshStatistics(h.db);
  expect(await plannerRows('sites')).toBe(5);
});
