// `vigie bench dashboard`: the HQ comparison for 30 and 365 days on a large network (by default
// 20 sites × 365 days × 1,500 calls a day ≈ 11 M call records on PostgreSQL), answered from the
// site_day rollups, against the same figures computed from the raw call records, in one run.
import { sql } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { localMidnight } from '@/db/local-time';
import { recomputeSiteDays } from '@/db/queries/ingest/rollups';
import { pgArrayLiteral } from '@/db/queries/ingest/unnest-arrays';
import { sumCallPartsFromRaw } from '@/db/queries/raw-kpis';
import { getSetting, putSettingOnce } from '@/db/queries/settings';
import { withDatabase as withDatabaseName } from '@/db/testing-url';
import { sites } from '@/db/schema';
import { buildComparison } from '@/server/kpi/comparison';
import { addParts, computeKpis, emptyParts, PART_COLUMNS, PART_KEYS, type KpiParts } from '@/lib/kpi/definitions';
import { previousRange, shiftDay } from '@/lib/kpi/periods';
import { fmt, table, timeRuns } from './stats';

export type DashboardBenchOptions = { sites: number; days: number; callsPerDay: number; runs: number; serverUrl: string };

const TIMEZONES = ['Europe/Paris', 'Africa/Tunis', 'Africa/Casablanca', 'Africa/Algiers', 'Africa/Dakar', 'Indian/Mauritius', 'Indian/Antananarivo'];
const LAST_DAY = '2026-10-31';

function siteCode(i: number): string {
  return `B${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
}

/** A database of that shape, kept between runs (building 11 M rows takes minutes). */
async function benchDatabase(opts: DashboardBenchOptions, log: (s: string) => void): Promise<DbHandle> {
  const name = `vigie_bench_dash_${opts.sites}x${opts.days}x${opts.callsPerDay}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(opts.serverUrl, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  if (!exists) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const handle = await openDatabase({ driver: 'postgres', url: withDatabaseName(opts.serverUrl, name), max: 4 });
  await migrateDatabase(handle);
  if ((await getSetting(handle.db, 'bench_ready')) === 'yes') {
    log(`reusing database ${name}`);
    return handle;
  }
  log(`building database ${name}: ${opts.sites} sites × ${opts.days} days × ${opts.callsPerDay} calls…`);
  const firstDay = shiftDay(LAST_DAY, -(opts.days - 1));
  await handle.db.execute(sql`truncate call_records, site_day, site_queue_day, site_mission_day, sites cascade`);
  for (let i = 0; i < opts.sites; i++) {
    const started = performance.now();
    const timezone = TIMEZONES[i % TIMEZONES.length]!;
    const [site] = await handle.db
      .insert(sites)
      .values({ code: siteCode(i), name: `Bench site ${i + 1}`, country: 'FR', timezone, slaSeconds: 20 })
      .returning({ id: sites.id });
    const perDay = opts.callsPerDay;
    // Each day's local midnight is computed here (db/local-time.ts), so the calls of a day start
    // between 08:00 and 18:00 local time by the runtime's tz rules, whatever the server's are.
    const days = Array.from({ length: opts.days }, (_, d) => shiftDay(firstDay, d));
    const midnights = pgArrayLiteral(days.map((day) => localMidnight(day, timezone).toISOString()));
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select setseed(${(i + 1) / (opts.sites + 1)})`);
      // One row per call; the shape of each site drifts with i so the sites differ.
      await tx.execute(sql`
        insert into call_records (site_id, external_id, direction, queue, agent_ref, started_at, wait_seconds,
          talk_seconds, hold_seconds, wrap_seconds, abandoned, resolved, csat, local_day)
        select ${site!.id}, 'b-' || g, case when r1 < 0.85 then 'inbound' else 'outbound' end::call_direction,
          (array['billing','tech-support','sales','retention'])[1 + (g % 4)], 'A' || (g % 150),
          (${midnights}::text::timestamptz[])[1 + g / ${perDay}] + make_interval(secs => 28800 + r2 * 36000),
          case when r1 < 0.85 then floor(r3 * ${40 + i * 3}) else 0 end,
          case when r4 < 0.06 then 0 else 90 + floor(r5 * ${300 + i * 10}) end,
          case when r4 < 0.06 then 0 else floor(r6 * 40) end,
          case when r4 < 0.06 then 0 else floor(r3 * 60) end,
          r4 < 0.06 and r1 < 0.85,
          case when r4 < 0.06 then null else r5 < 0.78 end,
          case when r6 < 0.3 then 1 + floor(r2 * 5)::int else null end,
          ${firstDay}::date + (g / ${perDay})
        from (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6
              from generate_series(0, ${opts.days * perDay - 1}) g) x`);
      await recomputeSiteDays(tx, site!.id, days);
    });
    log(`  site ${i + 1}/${opts.sites} (${timezone}) in ${fmt((performance.now() - started) / 1000)} s`);
  }
  await handle.db.execute(sql`analyze`);
  await putSettingOnce(handle.db, 'bench_ready', 'yes');
  return handle;
}

function partsOf(row: Record<string, number>): KpiParts {
  const parts = emptyParts();
  for (const key of PART_KEYS) parts[key] = row[PART_COLUMNS[key]] ?? 0;
  return parts;
}

/** What the dashboard computes (this period and the previous one, per site), from raw records. */
async function comparisonFromRaw(handle: DbHandle, range: { from: string; to: string }) {
  const previous = previousRange(range);
  const [current, before] = await Promise.all([
    sumCallPartsFromRaw(handle.db, { siteIds: 'all', ...range }),
    sumCallPartsFromRaw(handle.db, { siteIds: 'all', ...previous }),
  ]);
  const network = computeKpis(current.reduce((acc, s) => addParts(acc, partsOf(s)), emptyParts()));
  return { network, sites: current.map((s) => computeKpis(partsOf(s))), previous: before.map((s) => computeKpis(partsOf(s))) };
}

export async function benchDashboard(opts: DashboardBenchOptions): Promise<string> {
  const log = (s: string) => console.error(s);
  const handle = await benchDatabase(opts, log);
  try {
    const [{ n }] = (await handle.db.execute(sql`select count(*)::int as n from call_records`)) as unknown as [{ n: number }];
    const rows: (string | number)[][] = [];
    const checks: string[] = [];
    for (const days of [30, 365].filter((d) => d <= opts.days)) {
      const from = shiftDay(LAST_DAY, -(days - 1));
      const range = { from, to: LAST_DAY };
      const rollup = await timeRuns(opts.runs, () => buildComparison(handle.db, { scope: { all: true }, ...range }));
      const raw = await timeRuns(Math.max(3, Math.ceil(opts.runs / 10)), () => comparisonFromRaw(handle, range));
      rows.push([`${days} days`, 'rollups (site_day)', rollup.runs, fmt(rollup.p50), fmt(rollup.p95), '1.0']);
      rows.push([`${days} days`, 'raw call records', raw.runs, fmt(raw.p50), fmt(raw.p95), fmt(raw.p50 / rollup.p50, 0)]);

      // The two paths must agree, or the comparison above means nothing.
      const fromRollups = await buildComparison(handle.db, { scope: { all: true }, ...range });
      const { network } = await comparisonFromRaw(handle, range);
      const same = fromRollups.network.handled === network.handled && Math.abs((fromRollups.network.ahtSeconds ?? 0) - (network.ahtSeconds ?? 0)) < 1e-6;
      checks.push(`${days} days: network handled ${fromRollups.network.handled} from rollups, ${network.handled} from raw — ${same ? 'identical' : 'DIFFERENT'}`);
    }
    return [
      `Dashboard comparison on PostgreSQL: ${opts.sites} sites, ${opts.days} days, ${n.toLocaleString('en')} call records.`,
      `Times in ms; raw runs ${Math.max(3, Math.ceil(opts.runs / 10))} times (each scans the records), rollups ${opts.runs} times.`,
      '',
      table(['range', 'source', 'runs', 'p50 ms', 'p95 ms', 'p50 ratio'], rows),
      '',
      ...checks,
    ].join('\n');
  } finally {
    await handle.close();
  }
}
