// The migration that adds site_interval, run on a database that already holds call records: it
// fills the intervals exactly as ingest would compute them. The days chosen are the same under
// every tz release (the server's tz data may be stale): Paris's changes of 2026, a Tunis day.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from './client';
import { recomputeSiteDays } from './queries/ingest/rollups';
import { migrateDatabase } from './migrate';
import { scratchDatabase, type ScratchDatabase } from './testing-migrations';

const FIRST_WITH_INTERVALS = '0007_site_interval';
let scratch: ScratchDatabase;
let h: DbHandle;

beforeAll(async () => {
  scratch = await scratchDatabase();
  h = scratch.handle;
});
afterAll(async () => {
  await scratch?.close();
});

describe(`migration ${FIRST_WITH_INTERVALS}`, () => {
  it('fills the 15-minute intervals of the records already stored, the same as ingest recomputes them', async () => {
    await scratch.migrateBefore(FIRST_WITH_INTERVALS);
    await h.db.execute(sql`
      insert into sites (code, name, country, timezone, sla_seconds) values ('PAR', 'Paris', 'FR', 'Europe/Paris', 20), ('TUN', 'Tunis', 'TN', 'Africa/Tunis', 20)`);
    await h.db.execute(sql`
      insert into call_records (site_id, external_id, direction, queue, started_at, wait_seconds, talk_seconds, hold_seconds,
        wrap_seconds, abandoned, resolved, csat, local_day)
      select s.id, c.external_id, c.direction::call_direction, 'billing', c.started_at::timestamptz, c.wait, 100, 5, 10, c.abandoned,
        true, 4, c.day::date
      from (values
        ('PAR', 'p1', 'inbound', '2026-03-28T23:00:00Z', 5, false, '2026-03-29'),
        ('PAR', 'p2', 'inbound', '2026-03-29T01:14:59Z', 40, false, '2026-03-29'),
        ('PAR', 'p3', 'outbound', '2026-03-29T01:00:00Z', 0, false, '2026-03-29'),
        ('PAR', 'p4', 'inbound', '2026-10-25T00:10:00Z', 60, true, '2026-10-25'),
        ('PAR', 'p5', 'inbound', '2026-10-25T01:10:00Z', 3, false, '2026-10-25'),
        ('PAR', 'p6', 'inbound', '2026-10-25T22:59:59Z', 3, false, '2026-10-25'),
        ('TUN', 't1', 'inbound', '2026-03-09T23:30:00Z', 8, false, '2026-03-10')
      ) as c(code, external_id, direction, started_at, wait, abandoned, day)
      join sites s on s.code = c.code`);

    await migrateDatabase(h);

    const snapshot = async () =>
      rowsOf<Record<string, unknown>>(
        await h.db.execute(sql`
          select s.code, to_char(i.day, 'YYYY-MM-DD') as day, extract(epoch from i.starts_at)::bigint as starts_at, i.calls, i.offered,
            i.handled, i.abandoned, i.handle_seconds, i.inbound_handled_wait_seconds, i.answered_within_sla, i.csat_sum
          from site_interval i join sites s on s.id = i.site_id order by s.code, i.day, i.starts_at`),
      ).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && k !== 'code' && k !== 'day' ? Number(v) : v])));
    const backfilled = await snapshot();
    const at = (iso: string) => Date.parse(iso) / 1000;
    expect(backfilled.map((r) => [r.code, r.day, r.starts_at, Number(r.calls)])).toEqual([
      ['PAR', '2026-03-29', at('2026-03-28T23:00:00Z'), 1],
      ['PAR', '2026-03-29', at('2026-03-29T01:00:00Z'), 2],
      ['PAR', '2026-10-25', at('2026-10-25T00:00:00Z'), 1],
      ['PAR', '2026-10-25', at('2026-10-25T01:00:00Z'), 1],
      ['PAR', '2026-10-25', at('2026-10-25T22:45:00Z'), 1],
      ['TUN', '2026-03-10', at('2026-03-09T23:30:00Z'), 1],
    ]);

    // Ingest's own recompute (intervals from TypeScript) gives the same rows.
    const siteRows = rowsOf<{ id: number; timezone: string }>(await h.db.execute(sql`select id, timezone from sites`));
    await h.db.transaction(async (tx) => {
      for (const site of siteRows) await recomputeSiteDays(tx, site, ['2026-03-10', '2026-03-29', '2026-10-25']);
    });
    expect(await snapshot()).toEqual(backfilled);
  });
});
