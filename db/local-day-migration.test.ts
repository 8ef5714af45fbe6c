// The migration that adds call_records.local_day and qa_evaluations.local_day, run on a database
// that already holds records: each gets its site-local day, and the columns end up not null and
// indexed. The days chosen are the same under every tz release (the server's may be stale).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from './client';
import { migrateDatabase } from './migrate';
import { scratchDatabase, type ScratchDatabase } from './testing-migrations';

const FIRST_WITH_LOCAL_DAY = '0004_local_day';
let scratch: ScratchDatabase;
let h: DbHandle;

beforeAll(async () => {
  scratch = await scratchDatabase();
  h = scratch.handle;
});
afterAll(async () => {
  await scratch?.close();
});

describe(`migration ${FIRST_WITH_LOCAL_DAY}`, () => {
  it('gives the records already stored their site-local day, then holds the columns not null and indexed', async () => {
    await scratch.migrateBefore(FIRST_WITH_LOCAL_DAY);
    await h.db.execute(sql`
      insert into sites (code, name, country, timezone) values ('PAR', 'Paris', 'FR', 'Europe/Paris'), ('TUN', 'Tunis', 'TN', 'Africa/Tunis')`);
    await h.db.execute(sql`
      insert into call_records (site_id, external_id, direction, queue, started_at, wait_seconds, talk_seconds, hold_seconds,
        wrap_seconds, abandoned)
      select s.id, c.external_id, 'inbound', 'billing', c.started_at::timestamptz, 5, 100, 0, 0, false
      from (values ('PAR', 'p1', '2026-03-28T23:30:00Z'), ('PAR', 'p2', '2026-10-25T22:59:59Z'), ('TUN', 't1', '2026-03-09T23:30:00Z'))
        as c(code, external_id, started_at)
      join sites s on s.code = c.code`);
    await h.db.execute(sql`insert into qa_forms (code, version, name, status) values ('STD', 1, 'Standard', 'published')`);
    await h.db.execute(sql`
      insert into qa_evaluations (site_id, scope, external_id, form_id, agent_ref, evaluator, evaluated_at)
      select s.id, 'site', 'e1', f.id, 'A1', 'QA', '2026-03-09T23:30:00Z'::timestamptz
      from sites s cross join qa_forms f where s.code = 'TUN'`);

    await migrateDatabase(h);

    const calls = rowsOf<{ external_id: string; day: string }>(
      await h.db.execute(sql`select external_id, to_char(local_day, 'YYYY-MM-DD') as day from call_records order by external_id`),
    );
    // 00:30 in Paris on the day of 23 hours, 23:59:59 on the day of 25, 00:30 in Tunis (UTC+1).
    expect(calls).toEqual([
      { external_id: 'p1', day: '2026-03-29' },
      { external_id: 'p2', day: '2026-10-25' },
      { external_id: 't1', day: '2026-03-10' },
    ]);
    const evaluations = rowsOf<{ day: string }>(await h.db.execute(sql`select to_char(local_day, 'YYYY-MM-DD') as day from qa_evaluations`));
    expect(evaluations).toEqual([{ day: '2026-03-10' }]);

    const columns = rowsOf<{ table_name: string; is_nullable: string }>(
      await h.db.execute(sql`
        select table_name, is_nullable from information_schema.columns
        where column_name = 'local_day' and table_name in ('call_records', 'qa_evaluations') order by table_name`),
    );
    expect(columns).toEqual([
      { table_name: 'call_records', is_nullable: 'NO' },
      { table_name: 'qa_evaluations', is_nullable: 'NO' },
    ]);
    const indexes = rowsOf<{ indexname: string }>(
      await h.db.execute(sql`select indexname from pg_indexes where indexname like '%local_day' order by indexname`),
    );
    expect(indexes.map((i) => i.indexname)).toEqual(['call_records_site_local_day', 'qa_evaluations_site_local_day']);
  });
});
