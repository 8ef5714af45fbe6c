// `vigie bench tz-rebuild`: how fast `tz:rebuild` brings a database stored with tz 2025c's days
// to the runtime's rules. Builds a throw-away database (PostgreSQL, or PGlite with --driver
// pglite): N call records over sites in zones whose rules changed in 2026 (Casablanca, Vancouver,
// Edmonton) and zones that did not (Paris, Tunis), or with --demo the demo network; files the
// records of the changed zones on the days tz 2025c gave them (from that release's fixed offsets,
// by hand) with rollups to match, records "2025c", then times the rebuild and checks that it
// moved exactly the records the old rules had misfiled.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbHandle } from '@/db/client';
import { recomputeSiteDays, recomputeSiteQaDays } from '@/db/queries/ingest/rollups';
import { addDays, localDayBounds } from '@/db/local-time';
import { sites } from '@/db/schema';
import { cliActor } from '@/server/auth/principal';
import { seedDemo } from '@/server/seed/demo';
import { rebuildLocalDays } from '@/server/time/tz-rebuild';
import { scratchDatabase, type BenchDriver } from './databases';
import { fmt, table } from './stats';

export type TzRebuildBenchOptions = {
  records: number;
  sites: number;
  days: number;
  batchDays: number;
  driver: BenchDriver;
  demo: boolean;
  serverUrl: string;
};

const LAST_DAY = '2026-11-30';
const ZONES = ['Africa/Casablanca', 'Europe/Paris', 'America/Vancouver', 'Africa/Tunis', 'America/Edmonton'];

/** Where tz 2025c differs from the current rules: from that instant on, its fixed offset (minutes). */
const OLD_RULES: Record<string, { since: string; offsetMinutes: number }> = {
  'Africa/Casablanca': { since: '2026-09-20T01:00:00Z', offsetMinutes: 60 },
  'America/Vancouver': { since: '2026-11-01T09:00:00Z', offsetMinutes: -480 },
  'America/Edmonton': { since: '2026-11-01T08:00:00Z', offsetMinutes: -420 },
};

/** Call records of one site, `perDay` on each site-local day, built in SQL inside each day's bounds. */
async function insertCalls(db: Db, site: { id: number; timezone: string }, days: string[], perDay: number, salt: number): Promise<void> {
  for (let i = 0; i < days.length; i += 60) {
    const chunk = days.slice(i, i + 60);
    const bounds = chunk.map((day) => localDayBounds(day, site.timezone));
    await db.execute(sql`
      insert into call_records (site_id, external_id, direction, queue, agent_ref, started_at, local_day, wait_seconds,
        talk_seconds, hold_seconds, wrap_seconds, abandoned, resolved, csat, mission_code, outcome)
      select ${site.id}, d.day || '-' || g, case when r1 < 0.85 then 'inbound' else 'outbound' end::call_direction,
        (array['billing','tech-support','sales','retention'])[1 + (g % 4)], 'A' || (g % 150),
        d.lo + (d.hi - d.lo) * r2, d.day::date,
        case when r1 < 0.85 then floor(r3 * ${40 + salt}) else 0 end,
        case when r4 < 0.06 then 0 else 90 + floor(r5 * 300) end,
        case when r4 < 0.06 then 0 else floor(r6 * 40) end,
        case when r4 < 0.06 then 0 else floor(r3 * 60) end,
        r4 < 0.06 and r1 < 0.85,
        case when r4 < 0.06 then null else r5 < 0.78 end,
        case when r6 < 0.3 then 1 + floor(r2 * 5)::int else null end,
        case when g % 5 = 0 then 'RENEW' end, case when g % 5 = 0 then (case when r5 < 0.3 then 'sale' else 'no_sale' end) end
      from unnest(
        ${`{${chunk.join(',')}}`}::text::text[],
        ${`{${bounds.map((b) => b.start.toISOString()).join(',')}}`}::text::timestamptz[],
        ${`{${bounds.map((b) => b.end.toISOString()).join(',')}}`}::text::timestamptz[]
      ) as d(day, lo, hi)
      cross join lateral (
        select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6
        from generate_series(1, ${perDay}) g where d.day is not null
      ) x`);
  }
}

/**
 * Files the rows of the zones whose rules changed on the day tz 2025c gave them (UTC plus that
 * release's fixed offset: arithmetic on instants, no time-zone conversion) and rebuilds their
 * rollups accordingly. Answers how many rows the old rules misfile.
 */
async function fileWithOldRules(db: Db): Promise<number> {
  let misfiled = 0;
  for (const site of rowsOf<{ id: number; timezone: string }>(await db.execute(sql`select id, timezone from sites order by id`))) {
    const rule = OLD_RULES[site.timezone];
    if (!rule) continue;
    const oldDay = (column: string) =>
      sql.raw(`(date '1970-01-01' + floor((extract(epoch from ${column}) + ${rule.offsetMinutes * 60}) / 86400)::int)`);
    const calls = rowsOf<{ n: number }>(
      await db.execute(sql`
        with m as (
          update call_records set local_day = ${oldDay('started_at')}
          where site_id = ${site.id} and started_at >= ${rule.since}::timestamptz and local_day <> ${oldDay('started_at')}
          returning 1)
        select count(*)::int as n from m`),
    );
    const evaluations = rowsOf<{ n: number }>(
      await db.execute(sql`
        with m as (
          update qa_evaluations set local_day = ${oldDay('evaluated_at')}
          where site_id = ${site.id} and evaluated_at >= ${rule.since}::timestamptz and local_day <> ${oldDay('evaluated_at')}
          returning 1)
        select count(*)::int as n from m`),
    );
    misfiled += (calls[0]?.n ?? 0) + (evaluations[0]?.n ?? 0);
    const first = addDays(rule.since.slice(0, 10), -1);
    const days: string[] = [];
    for (let day = first; day <= addDays(LAST_DAY, 2); day = addDays(day, 1)) days.push(day);
    await db.transaction(async (tx) => {
      await recomputeSiteDays(tx, site.id, days);
      await recomputeSiteQaDays(tx, site.id, days);
    });
  }
  await db.execute(sql`
    insert into local_day_rules (id, tz_version) values (1, '2025c')
    on conflict (id) do update set tz_version = excluded.tz_version, rebuild_target = null, cursor_site_id = null, cursor_day = null`);
  return misfiled;
}

async function build(handle: DbHandle, opts: TzRebuildBenchOptions, log: (s: string) => void): Promise<void> {
  if (opts.demo) {
    // The demo stands at the last day of the range, so its history spans the Casablanca change.
    const seeded = await seedDemo(handle.db, { now: new Date(`${addDays(LAST_DAY, 1)}T00:00:00Z`) });
    log(`demo network seeded in ${fmt(seeded.ms / 1000)} s`);
    return;
  }
  const perDay = Math.max(1, Math.ceil(opts.records / opts.sites / opts.days));
  const days: string[] = [];
  for (let d = opts.days - 1; d >= 0; d--) days.push(addDays(LAST_DAY, -d));
  for (let i = 0; i < opts.sites; i++) {
    const started = performance.now();
    const timezone = ZONES[i % ZONES.length]!;
    const [site] = await handle.db
      .insert(sites)
      .values({ code: `TZ${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`, name: `Bench ${i + 1}`, country: 'FR', timezone })
      .returning({ id: sites.id });
    await insertCalls(handle.db, { id: site!.id, timezone }, days, perDay, i * 3);
    await handle.db.transaction((tx) => recomputeSiteDays(tx, site!.id, days));
    log(`  site ${i + 1}/${opts.sites} (${timezone}): ${(perDay * days.length).toLocaleString('en')} records in ${fmt((performance.now() - started) / 1000)} s`);
  }
}

export async function benchTzRebuild(opts: TzRebuildBenchOptions): Promise<string> {
  const log = (s: string) => console.error(s);
  const handle = await scratchDatabase(opts.driver, opts.serverUrl, 'tzrebuild');
  try {
    log(opts.demo ? `seeding the demo network (${opts.driver})…` : `building ${opts.records.toLocaleString('en')} call records on ${opts.driver}…`);
    await build(handle, opts, log);
    const misfiled = await fileWithOldRules(handle.db);
    await handle.db.execute(sql`analyze`);
    const [{ n }] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select (select count(*) from call_records) + (select count(*) from qa_evaluations) as n`),
    ) as [{ n: number }];
    log(`${Number(n).toLocaleString('en')} records, ${misfiled.toLocaleString('en')} filed on tz 2025c's day where the current rules differ; rebuilding…`);

    const result = await rebuildLocalDays(handle.db, { actor: cliActor(), owner: 'vigie bench tz-rebuild', batchDays: opts.batchDays, takeOverClaim: true });
    if (result.status !== 'done') throw new Error(`The rebuild did not finish: ${JSON.stringify(result)}`);
    const moved = result.movedCalls + result.movedEvaluations;
    const again = await rebuildLocalDays(handle.db, { actor: cliActor(), owner: 'vigie bench tz-rebuild' });
    const rows = [
      [
        opts.demo ? 'demo network' : `${opts.sites} sites × ${opts.days} days`,
        Number(n).toLocaleString('en'),
        result.batches,
        fmt(result.seconds),
        Math.round(result.checkedThisRun / result.seconds).toLocaleString('en'),
        result.movedCalls.toLocaleString('en'),
        result.movedEvaluations.toLocaleString('en'),
        result.recomputedDays.toLocaleString('en'),
      ],
    ];
    return [
      `tz:rebuild 2025c → ${result.to} on ${opts.driver}, batches of ${opts.batchDays} days.`,
      '',
      table(['data', 'records', 'batches', 'seconds', 'records/s', 'calls moved', 'evaluations moved', 'site-days recomputed'], rows),
      '',
      `Moved ${moved.toLocaleString('en')} of the ${misfiled.toLocaleString('en')} records tz 2025c misfiled — ${moved === misfiled ? 'exactly those' : 'DIFFERENT'}; a second run: ${again.status}.`,
    ].join('\n');
  } finally {
    await handle.close();
  }
}
