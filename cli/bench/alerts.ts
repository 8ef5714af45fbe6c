// `vigie bench alerts`: how long one alert tick takes with 100 rules over 20 sites (the issue's
// goal: under 1 s on PostgreSQL). Each database gets 20 sites in five time zones, a day of calls
// up to the bench's instant (1,500 a site), queue statuses (some stale), feeds (some silent),
// targets, a running mission, and 100 rules of every kind of metric, window and scope; then N
// ticks run a minute apart, the first of which fires what breaches (the storm tick: ~840
// transitions). It prints p50/p95/max of the evaluation (delivery left out: the rules send in-app
// only) and the statements each tick sends. The reads are made once before the ticks, as a running
// server's previous minute would have: the storm tick then counts the storm, not the opening of the
// pool's connections (that warm-up is printed apart).
import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db/client';
import { addDays, localDayBounds, localDayOf } from '@/db/local-time';
import { recomputeSiteDays } from '@/db/queries/ingest/rollups';
import * as schema from '@/db/schema';
import { alertRules, kpiTargets, queueStatusLatest, siteFeeds, sites } from '@/db/schema';
import type { AlertMetric } from '@/lib/alerts/metrics';
import { listAlertRuleRows } from '@/db/queries/alert-rules';
import { evaluateAlerts } from '@/server/alerts/engine';
import { measureTick } from '@/server/alerts/measure';
import { cliActor } from '@/server/auth/principal';
import { createMission } from '@/server/missions/service';
import { scratchDatabase, type BenchDriver } from './databases';
import { fmt, percentile, table } from './stats';

export type AlertsBenchOptions = { drivers: BenchDriver[]; serverUrl: string; sites: number; rules: number; ticks: number; callsPerSite: number };

const TIMEZONES = ['Africa/Tunis', 'Africa/Casablanca', 'Indian/Mauritius', 'Europe/Paris', 'Africa/Dakar'];
const QUEUES = ['billing', 'tech-support', 'sales', 'retention'];
const NOW = new Date('2026-11-30T10:00:00Z');
const OFFICE = { mon: [['08:00', '19:00']], tue: [['08:00', '19:00']], wed: [['08:00', '19:00']], thu: [['08:00', '19:00']], fri: [['08:00', '19:00']], sat: [['08:00', '13:00']] };

function siteCode(i: number): string {
  return `AL${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
}

type RuleTemplate = Omit<typeof alertRules.$inferInsert, 'name' | 'severity'> & { metric: AlertMetric };

/** Ten kinds of rule; each is written ten times over other windows, thresholds and site sets. */
function templates(variant: number, siteIds: number[]): RuleTemplate[] {
  const trailing = [15, 30, 60, 120][variant % 4]!;
  const some = variant % 2 === 0 ? [] : siteIds.filter((_, i) => (i + variant) % 4 === 0);
  return [
    { metric: 'serviceLevel', window: { trailingMinutes: trailing }, comparison: 'below', threshold: null, thresholdTarget: 'red', minVolume: 10, siteIds: some },
    { metric: 'abandonRate', window: { trailingMinutes: trailing }, comparison: 'above', threshold: 0.05 + variant / 100, siteIds: some, holdMinutes: 5 },
    { metric: 'asaSeconds', window: { period: 'today' }, comparison: 'above', threshold: 15 + variant, siteIds: some },
    { metric: 'ahtSeconds', window: { period: 'yesterday' }, comparison: 'above', threshold: 300 + variant * 10, siteIds: some },
    { metric: 'csat', window: { period: 'today' }, comparison: 'below', threshold: 0.7, network: variant % 3 === 0, siteIds: some },
    { metric: 'callsWaiting', comparison: 'above', threshold: 3 + variant, siteIds: some },
    { metric: 'longestWaitSeconds', comparison: 'above', threshold: 60 + variant * 10, queues: ['billing', 'sales'], siteIds: some },
    { metric: 'feedSilentMinutes', comparison: 'above', threshold: 30 },
    { metric: variant % 2 === 0 ? 'reportMissing' : 'missionProjection', comparison: variant % 2 === 0 ? 'above' : 'below', threshold: variant % 2 === 0 ? 0.5 : 0.9 },
    { metric: 'serviceLevel', window: { trailingMinutes: trailing }, comparison: 'below', threshold: 0.8, queues: ['billing'], siteIds: some, renotifyMinutes: 5 },
  ];
}

/** Sites, a day of calls up to NOW with their rollups, statuses, feeds, targets, a mission, rules. */
async function provisionNetwork(db: Db, opts: AlertsBenchOptions): Promise<void> {
  const ids: number[] = [];
  for (let i = 0; i < opts.sites; i++) {
    const timezone = TIMEZONES[i % TIMEZONES.length]!;
    const [site] = await db
      .insert(sites)
      .values({ code: siteCode(i), name: `Alert bench ${i + 1}`, country: 'FR', timezone, weeklyHours: i % 2 === 0 ? (OFFICE as never) : null, createdAt: new Date('2026-01-01T00:00:00Z') })
      .returning({ id: sites.id });
    const siteId = site!.id;
    ids.push(siteId);
    // The last 24 hours, split on the site's local days (computed here: SQL never decides a day).
    const from = new Date(NOW.getTime() - 86_400_000);
    const days = [localDayOf(from, timezone), localDayOf(NOW, timezone)];
    await db.transaction(async (tx) => {
      await tx.execute(sql`select setseed(${(i + 1) / (opts.sites + 1)})`);
      for (const day of [...new Set(days)]) {
        const bounds = localDayBounds(day, timezone);
        const start = Math.max(bounds.start.getTime(), from.getTime());
        const end = Math.min(bounds.end.getTime(), NOW.getTime());
        const count = Math.round((opts.callsPerSite * (end - start)) / 86_400_000);
        if (count <= 0) continue;
        await tx.execute(sql`
          insert into call_records (site_id, external_id, direction, queue, agent_ref, started_at, wait_seconds,
            talk_seconds, hold_seconds, wrap_seconds, abandoned, resolved, csat, local_day)
          select ${siteId}, ${day} || '-' || g, case when r1 < 0.85 then 'inbound' else 'outbound' end::call_direction,
            (array['billing','tech-support','sales','retention'])[1 + (g % 4)], 'A' || (g % 80),
            ${new Date(start).toISOString()}::timestamptz + make_interval(secs => r2 * ${(end - start) / 1000}),
            case when r1 < 0.85 then floor(r3 * ${30 + i * 2}) else 0 end,
            case when r4 < 0.06 then 0 else 90 + floor(r5 * ${300 + i * 10}) end,
            case when r4 < 0.06 then 0 else floor(r6 * 40) end,
            case when r4 < 0.06 then 0 else floor(r3 * 60) end,
            r4 < 0.06 and r1 < 0.85,
            case when r4 < 0.06 then null else r5 < 0.78 end,
            case when r6 < 0.3 then 1 + floor(r2 * 5)::int else null end,
            ${day}::date
          from (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6
                from generate_series(0, ${count - 1}) g) x`);
      }
      await recomputeSiteDays(tx, { id: siteId, timezone }, [...new Set(days)]);
    });
    // Four queues each; every fifth site's statuses are stale, every seventh site's feed silent.
    const at = new Date(NOW.getTime() - (i % 5 === 4 ? 600_000 : 20_000));
    await db.insert(queueStatusLatest).values(
      QUEUES.map((queue, q) => ({
        siteId,
        queue,
        at,
        receivedAt: at,
        waiting: (i + q) % 9,
        longestWaitSeconds: ((i * 37 + q * 53) % 240) + 5,
        agentsAvailable: 2,
        agentsBusy: 8,
        agentsWrapUp: 1,
        agentsAway: 1,
      })),
    );
    await db.insert(siteFeeds).values({ siteId, lastPushAt: new Date(NOW.getTime() - (i % 7 === 6 ? 7_200_000 : 30_000)) });
  }
  await db.insert(kpiTargets).values([
    { siteId: null, metric: 'service_level', green: 0.8, amber: 0.7 },
    { siteId: ids[0]!, metric: 'service_level', green: 0.7, amber: 0.6 },
    { siteId: null, metric: 'aht', green: 330, amber: 400 },
  ]);
  await createMission(db, cliActor(), {
    code: 'BENCH',
    name: 'Bench mission',
    startsOn: addDays('2026-11-30', -10),
    endsOn: addDays('2026-11-30', 10),
    successOutcomes: ['saved'],
    targets: ids.map((id, i) => ({ site: siteCode(i), target: 100 + id })),
  });
  const rows: (typeof alertRules.$inferInsert)[] = [];
  for (let variant = 0; rows.length < opts.rules; variant++) {
    for (const t of templates(variant, ids)) {
      if (rows.length >= opts.rules) break;
      rows.push({ ...t, name: `${t.metric} #${variant}`, severity: variant % 2 ? 'warning' : 'critical' });
    }
  }
  await db.insert(alertRules).values(rows);
  await db.execute(sql`analyze`);
}

/** The same database with a counter of the statements it sends (drizzle's query logger). */
async function countingDb(handle: DbHandle): Promise<{ db: Db; count: () => number }> {
  let statements = 0;
  // Statements only: a transaction's begin and commit are not logged.
  const logger = { logQuery: () => void (statements += 1) };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const db =
    handle.driver === 'postgres'
      ? (await import('drizzle-orm/postgres-js')).drizzle(client as never, { schema, logger })
      : (await import('drizzle-orm/pglite')).drizzle(client as never, { schema, logger });
  return { db: db as unknown as Db, count: () => statements };
}

export async function benchAlerts(opts: AlertsBenchOptions, log: (s: string) => void = (s) => console.error(s)): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const driver of opts.drivers) {
    const handle = await scratchDatabase(driver, opts.serverUrl, 'alerts');
    try {
      const started = performance.now();
      await provisionNetwork(handle.db, opts);
      log(`${driver}: ${opts.sites} sites, ${opts.rules} rules provisioned in ${fmt((performance.now() - started) / 1000)} s`);
      const { db, count } = await countingDb(handle);
      const warm = performance.now();
      await measureTick(db, await listAlertRuleRows(db), NOW);
      log(`  ${driver} warm-up (the tick's reads alone, connections opened): ${fmt(performance.now() - warm, 0)} ms`);
      const times: number[] = [];
      const statements: number[] = [];
      let scopes = 0;
      let fired = 0;
      let firstTick = 0;
      for (let k = 0; k < opts.ticks; k++) {
        const before = count();
        const t0 = performance.now();
        const result = await evaluateAlerts(db, { now: new Date(NOW.getTime() + k * 60_000), publicUrl: 'http://127.0.0.1:3000' });
        const ms = performance.now() - t0;
        if (result.errors.length > 0) throw new Error(`tick ${k}: ${result.errors[0]!.error}`);
        if (k === 0) firstTick = ms;
        const transitions = result.fired.length + result.resolved.length + result.reminded.length + result.pending + result.cancelled + result.clearing + result.relapsed;
        log(`  ${driver} tick ${k + 1}: ${fmt(ms, 0)} ms, ${transitions} transition(s), ${count() - before} statements`);
        times.push(ms);
        statements.push(count() - before);
        scopes = result.scopes;
        fired += result.fired.length;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const steady = [...statements].sort((a, b) => a - b);
      rows.push([
        driver,
        opts.rules,
        scopes,
        opts.ticks,
        fired,
        fmt(firstTick, 0),
        fmt(percentile(sorted, 50), 0),
        fmt(percentile(sorted, 95), 0),
        fmt(sorted[sorted.length - 1]!, 0),
        `${percentile(steady, 50)} (max ${steady[steady.length - 1]})`,
      ]);
    } finally {
      await handle.close();
    }
  }
  return [
    `Alert ticks: ${opts.rules} rules over ${opts.sites} sites, ${opts.callsPerSite} calls a site in the last 24 h (times in ms, evaluation only)`,
    table(['driver', 'rules', 'scopes', 'ticks', 'fired', 'first tick', 'p50', 'p95', 'max', 'statements/tick'], rows),
  ].join('\n');
}
