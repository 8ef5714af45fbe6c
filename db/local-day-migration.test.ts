// The migration that adds call_records.local_day and qa_evaluations.local_day, run on a database
// that already holds records: each gets its site-local day, and the columns end up not null and
// indexed. The days chosen are the same under every tz release (the server's may be stale).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DbHandle } from './client';
import { migrateDatabase, migrationsFolder } from './migrate';
import { withDatabase } from './testing-url';

const FIRST_WITH_LOCAL_DAY = '0004_local_day';
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseName = `vigie_t_${randomBytes(6).toString('hex')}`;
let h: DbHandle;
let olderMigrations: string;

/** A copy of db/migrations holding only the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-migrations-'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  return dir;
}

async function migrateTo(folder: string): Promise<void> {
  if (h.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(h.db as never, { migrationsFolder: folder });
    return;
  }
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(h.url!, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: folder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

beforeAll(async () => {
  olderMigrations = migrationsBefore(FIRST_WITH_LOCAL_DAY);
  if (serverUrl) {
    const { default: postgres } = await import('postgres');
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${databaseName}"`);
    await admin.end();
    h = await openDatabase({ driver: 'postgres', url: withDatabase(serverUrl, databaseName), max: 2 });
  } else {
    h = await openDatabase({ driver: 'pglite' });
  }
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(olderMigrations, { recursive: true, force: true });
  if (serverUrl) {
    const { default: postgres } = await import('postgres');
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
    await admin.end();
  }
});

describe(`migration ${FIRST_WITH_LOCAL_DAY}`, () => {
  it('gives the records already stored their site-local day, then holds the columns not null and indexed', async () => {
    await migrateTo(olderMigrations);
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
